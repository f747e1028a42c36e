// `orchsim check FILE...`: reads every file through the input seam (sim/input/load_input.h,
// InputUse::kCheck) as whatever format it is, reports every problem of every file as
// "error: file:line:col: message" on stderr and "FILE: ok (scenario, 3 tasks, 2 strategies)" on
// stdout for each good one, and runs nothing. Exit 0 when every file is good, 2 otherwise (or on a
// usage error). Called on the CLI's thread.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace orchsim::cli {

int check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
