// MpiJob: the Distribution of a process started by mpirun in an MPI build (-DORCHSIM_MPI=ON). Owns
// MPI_Init / MPI_Finalize (errors return instead of aborting, so they can be reported), rank 0's
// MpiDispenser, and the other ranks' serve loop: say hello with the plans' fingerprint, then run
// each unit received, one replication after another, and send its results back. Main thread only.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/distribution.h"
#include "cli/mpi/mpi_dispenser.h"

namespace orchsim::cli::mpi {

class MpiJob final : public Distribution {
 public:
  MpiJob(int& argc, char**& argv);
  ~MpiJob() override;
  MpiJob(const MpiJob&) = delete;
  MpiJob& operator=(const MpiJob&) = delete;

  int rank() const override { return rank_; }
  int ranks() const override { return ranks_; }
  sim::ReplicationExecutor& executor() override { return dispenser_; }
  void serve(std::span<const sim::PlannedExperiment> plans) override;
  int finish(int code, const std::string& errors) override;

 private:
  int rank_ = 0;
  int ranks_ = 1;
  MpiDispenser dispenser_;
  bool stopped_ = false;   // this rank (not 0) received kStop
  bool finished_ = false;  // MPI_Finalize called
};

}  // namespace orchsim::cli::mpi
