// Distribution: the CLI's view of an MPI job, for `orchsim compare|sweep` under mpirun. Every rank
// runs the same command line and loads the same input; rank 0 runs the experiment with executor(),
// which hands (point, strategy, replication-block) units to every rank, itself included, and writes
// every output; the other ranks only serve() units. The MPI code is in cli/mpi/ (the only place that
// includes <mpi.h>); this header is in every build, so cli.cpp has no #ifdef. Used by main() and
// cli.cpp, on the main thread only.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "sim/experiment/planned_experiment.h"
#include "sim/experiment/replication_executor.h"

namespace orchsim::cli {

class Distribution {
 public:
  virtual ~Distribution() = default;
  virtual int rank() const = 0;
  virtual int ranks() const = 0;
  bool is_root() const { return rank() == 0; }
  // Rank 0: the executor that spreads blocks over the ranks. Throws RankError (cli/rank_error.h)
  // when another rank fails or planned different work.
  virtual sim::ReplicationExecutor& executor() = 0;
  // The other ranks: run the units rank 0 sends, from these plans, until it says stop.
  virtual void serve(std::span<const sim::PlannedExperiment> plans) = 0;
  // Ends this rank's part once its command returned `code` (`errors`: what it printed on stderr).
  // Rank 0 with a failure aborts the whole job with that code (MPI_Abort, does not return); another
  // rank with a failure reports it to rank 0, which then aborts. Returns the exit code.
  virtual int finish(int code, const std::string& errors) = 0;
};

// The job this process belongs to, or nullptr when it was not started by mpirun (no
// OMPI_COMM_WORLD_SIZE or PMI_SIZE in the environment): a plain `orchsim` never initialises MPI.
// Throws std::runtime_error when started by mpirun on several ranks from a build without MPI.
std::unique_ptr<Distribution> join_mpi_job(int& argc, char**& argv);

}  // namespace orchsim::cli
