// parse_with_file: one command's options plus its single positional argument, stored as "file"
// (the scenario, bundle or job file). Shared by compare, sweep, import, export, exec, tables and
// backtest. parse_with_files: the same for commands taking any number of positional arguments
// (check, validate, fit, runs), stored in `files`. Both throw
// boost::program_options::error on a bad command line (the CLI maps it to exit 2). Any thread.
#pragma once

#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace orchsim::cli {

boost::program_options::variables_map parse_with_file(const std::vector<std::string>& args,
                                                      const boost::program_options::options_description& options,
                                                      const char* file_help);

boost::program_options::variables_map parse_with_files(const std::vector<std::string>& args,
                                                       const boost::program_options::options_description& options,
                                                       std::vector<std::string>& files, const char* files_help);

}  // namespace orchsim::cli
