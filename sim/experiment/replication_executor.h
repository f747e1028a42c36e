// ReplicationExecutor: where an experiment's replications run. run_experiment and run_sweep hand it
// blocks of work, each a (point, strategy, replication range), and read the results back in block
// order; the executor decides only where each replication runs, never what it computes
// (run_planned is pure), so any executor gives byte-identical outputs. The default is the thread
// pool (sim/experiment/thread_pool_executor.h); `orchsim compare|sweep` under mpirun use one that
// spreads blocks over MPI ranks (cli/mpi/). Called from the experiment's (the CLI's) thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "sim/experiment/planned_experiment.h"
#include "sim/experiment/replication_result.h"

namespace orchsim::sim {

// Replications [from, to) of strategy `strategy` of point `point` (a sweep's grid point; 0 for
// compare).
struct ReplicationBlock {
  std::uint32_t point = 0;
  std::uint32_t strategy = 0;
  std::uint64_t from = 0;
  std::uint64_t to = 0;
};

class ReplicationExecutor {
 public:
  using Progress = std::function<void(std::size_t done, std::size_t total)>;
  virtual ~ReplicationExecutor() = default;
  // Fills results[k] with block k's to - from results in replication order (results has
  // blocks.size() entries). `progress` as parallel_for's, counting replications. Throws what a
  // replication throws (the lowest one in block order when it can tell), and nothing is kept then.
  virtual void run(std::span<const PlannedExperiment> plans, std::span<const ReplicationBlock> blocks,
                   std::vector<std::vector<ReplicationResult>>& results, const Progress& progress) = 0;
};

}  // namespace orchsim::sim
