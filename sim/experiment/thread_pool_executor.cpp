#include "sim/experiment/thread_pool_executor.h"

#include <algorithm>

#include "sim/experiment/parallel_for.h"

namespace orchsim::sim {

void ThreadPoolExecutor::run(std::span<const PlannedExperiment> plans, std::span<const ReplicationBlock> blocks,
                             std::vector<std::vector<ReplicationResult>>& results, const Progress& progress) {
  // Work item i is replication i - starts[k] of the block k with starts[k] <= i < starts[k + 1]:
  // the blocks laid end to end, so items are claimed in block order.
  std::vector<std::size_t> starts{0};
  results.resize(blocks.size());
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    results[k].resize(blocks[k].to - blocks[k].from);
    starts.push_back(starts.back() + results[k].size());
  }
  parallel_for(
      starts.back(), threads_,
      [&](std::size_t i) {
        const auto k = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), i) - starts.begin()) - 1;
        const ReplicationBlock& b = blocks[k];
        results[k][i - starts[k]] = run_planned(plans[b.point], b.strategy, b.from + (i - starts[k]));
      },
      progress);
}

}  // namespace orchsim::sim
