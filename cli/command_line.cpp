#include "cli/command_line.h"

namespace orchsim::cli {

namespace po = boost::program_options;

po::variables_map parse_with_file(const std::vector<std::string>& args, const po::options_description& options,
                                  const char* file_help) {
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>(), file_help);
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  return vm;
}

}  // namespace orchsim::cli
