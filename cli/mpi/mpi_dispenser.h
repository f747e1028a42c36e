// MpiDispenser: rank 0's ReplicationExecutor. Splits each block into units of a few replications and
// hands them out dynamically: every other rank holds up to kInFlight units and gets the next one
// each time it returns a result, while rank 0 runs units itself and answers between its own
// replications. Results land in their block's slots whatever rank ran them, so the experiment's
// output is byte-identical to a single process's. Any rank's failure (kFailed, a fingerprint that
// differs from rank 0's) throws RankError, before anything was written. Rank 0's main thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/experiment/replication_executor.h"

namespace orchsim::cli::mpi {

class MpiDispenser final : public sim::ReplicationExecutor {
 public:
  explicit MpiDispenser(int ranks);
  void run(std::span<const sim::PlannedExperiment> plans, std::span<const sim::ReplicationBlock> blocks,
           std::vector<std::vector<sim::ReplicationResult>>& results, const Progress& progress) override;
  // Sends kStop to every other rank (once the command is over and succeeded).
  void stop_all();

  // Replications per unit: about 16 units per rank over the batch, between 1 and 256.
  static std::uint64_t unit_size(std::uint64_t replications, int ranks);

 private:
  struct Unit {
    std::size_t block;
    std::uint64_t from, to;
  };
  struct Batch;  // the state of one run() call
  void handle(Batch& batch, bool wait);
  void feed(Batch& batch, int rank);

  int ranks_;
  std::uint64_t fingerprint_ = 0;
  std::vector<bool> ready_;       // by rank: its kHello arrived and matched
  std::vector<int> in_flight_;    // by rank: units sent whose results have not come back
};

}  // namespace orchsim::cli::mpi
