// RankError: another MPI rank of a `compare`/`sweep` job failed (its own error, forwarded) or planned
// different work than rank 0 (different files or options on that node). Thrown on rank 0 by the
// MPI executor (cli/mpi/); run_cli maps it to the failed rank's exit code, and the job is then
// aborted with nothing written.
#pragma once

#include <stdexcept>

namespace orchsim::cli {

struct RankError : std::runtime_error {
  RankError(const std::string& what, int code) : std::runtime_error(what), exit_code(code) {}
  int exit_code;
};

}  // namespace orchsim::cli
