// The orchsim command line: parses arguments, wires scenario → experiment → reports, and maps
// errors to exit codes. The composition root; main() only forwards to run_cli, so tests can drive
// every command in-process. Returns one of the exit codes of cli/exit_codes.h.
#pragma once

#include <iosfwd>

#include "cli/distribution.h"
#include "cli/exit_codes.h"

namespace orchsim::cli {

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// One rank of an MPI job (cli/distribution.h): rank 0 prints to stdout and stderr as run_cli does;
// the other ranks print nothing and hand their errors to rank 0, which fails the whole job.
int run_cli_rank(Distribution& job, int argc, const char* const* argv);

}  // namespace orchsim::cli
