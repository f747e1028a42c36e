// parse_with_file: one command's options plus its single positional argument, stored as "file"
// (the scenario, bundle or job file). Shared by compare, sweep, import and export. Throws
// boost::program_options::error on a bad command line (the CLI maps it to exit 2). Any thread.
#pragma once

#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace orchsim::cli {

boost::program_options::variables_map parse_with_file(const std::vector<std::string>& args,
                                                      const boost::program_options::options_description& options,
                                                      const char* file_help);

}  // namespace orchsim::cli
