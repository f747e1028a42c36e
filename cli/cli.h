// The orchsim command line: parses arguments, wires scenario → experiment → reports, and maps
// errors to exit codes. The composition root; main() only forwards to run_cli, so tests can drive
// every command in-process.
//
// Exit codes: 0 success; 1 a check failed (validate); 2 bad input or usage (file:line:col
// diagnostics on stderr, nothing written); 3 internal error (a bug: please report).
#pragma once

#include <iosfwd>

namespace orchsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInternal = 3;

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
