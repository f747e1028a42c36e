// ThreadPoolExecutor: the default ReplicationExecutor, every replication of every block on the one
// thread pool of this process (parallel_for). Used by run_experiment and run_sweep when no other
// executor is given, and by an MPI rank for the replications of one block. Called from one thread.
#pragma once

#include "sim/experiment/replication_executor.h"

namespace orchsim::sim {

class ThreadPoolExecutor final : public ReplicationExecutor {
 public:
  explicit ThreadPoolExecutor(unsigned threads) : threads_(threads) {}  // 0: all hardware threads
  void run(std::span<const PlannedExperiment> plans, std::span<const ReplicationBlock> blocks,
           std::vector<std::vector<ReplicationResult>>& results, const Progress& progress) override;

 private:
  unsigned threads_;
};

}  // namespace orchsim::sim
