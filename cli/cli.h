// The orchsim command line: parses arguments, wires scenario → experiment → reports, and maps
// errors to exit codes. The composition root; main() only forwards to run_cli, so tests can drive
// every command in-process. Returns one of the exit codes of cli/exit_codes.h.
#pragma once

#include <iosfwd>

#include "cli/exit_codes.h"

namespace orchsim::cli {

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
