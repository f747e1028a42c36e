// Runs the orchsim CLI in-process with captured stdout and stderr, for the CLI tests.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace orchsim::testing {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

inline Outcome invoke(std::vector<std::string> args) {
  args.insert(args.begin(), "orchsim");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

}  // namespace orchsim::testing
