// The messages of an orchsim MPI job (cli/mpi/mpi_dispenser.h on rank 0, cli/mpi/mpi_job.h on the
// others), and thin checked wrappers of the MPI calls they use. Errors return (MPI_ERRORS_RETURN,
// set by MpiJob) and become std::runtime_error naming the call. Main thread only.
//
//   rank r → 0   kHello   u64 fingerprint of r's plans      once, when r is ready to serve
//   0 → rank r   kWork    WorkUnit                          at most kInFlight outstanding per rank
//   rank r → 0   kResult  u64 unit id, then the results     (sim/experiment/replication_codec.h)
//   rank r → 0   kFailed  i32 exit code, then r's stderr    r's command failed
//   0 → rank r   kStop    nothing                           the job is over
#pragma once

#include <cstdint>
#include <string>

#include <mpi.h>

namespace orchsim::cli::mpi {

enum Tag : int { kHello = 1, kWork = 2, kResult = 3, kFailed = 4, kStop = 5 };

// Units handed to one rank ahead of its results, so that it never waits for rank 0, which polls
// only between its own replications.
inline constexpr int kInFlight = 2;

struct WorkUnit {
  std::uint64_t id = 0;  // index in rank 0's unit list of the current batch
  std::uint64_t point = 0;
  std::uint64_t strategy = 0;
  std::uint64_t from = 0;
  std::uint64_t to = 0;
};

// Throws std::runtime_error("MPI <call> failed: <reason>") unless rc is MPI_SUCCESS.
void check(int rc, const char* call);

// Receives the message `status` describes (from MPI_Probe / MPI_Iprobe) as bytes.
std::string receive_bytes(const MPI_Status& status);

}  // namespace orchsim::cli::mpi
