#include "cli/command_line.h"

namespace orchsim::cli {

namespace po = boost::program_options;

namespace {

po::variables_map parse_positional(const std::vector<std::string>& args, const po::options_description& options,
                                   const po::options_description& hidden, int max_count) {
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("file", max_count);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  return vm;
}

}  // namespace

po::variables_map parse_with_file(const std::vector<std::string>& args, const po::options_description& options,
                                  const char* file_help) {
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>(), file_help);
  return parse_positional(args, options, hidden, 1);
}

po::variables_map parse_with_files(const std::vector<std::string>& args, const po::options_description& options,
                                   std::vector<std::string>& files, const char* files_help) {
  po::options_description hidden;
  hidden.add_options()("file", po::value(&files), files_help);
  return parse_positional(args, options, hidden, -1);
}

}  // namespace orchsim::cli
