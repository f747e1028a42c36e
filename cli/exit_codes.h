// The exit codes of `orchsim`, one table for every command (cli/cli.cpp maps errors to them,
// cli/validate.cpp returns kExitCheckFailed) and for the tests that check them. Constants only.
//
// 0 success; 1 a check failed (validate); 2 bad input or usage (file:line:col diagnostics on
// stderr, nothing written), or an output that cannot be written where the user asked (OutputError,
// with the path and the OS's reason); 3 internal error (a bug: please report). `orchsim exec` (docs/exec.md):
// 0 the run SUCCEEDED, 1 it did not (FAILED, TIMEDOUT, CANCELED, …), 4 SUCCESS_WITH_FAILURES.
#pragma once

namespace orchsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInternal = 3;
inline constexpr int kExitRunFailed = 1;
inline constexpr int kExitRunSucceededWithFailures = 4;

}  // namespace orchsim::cli
