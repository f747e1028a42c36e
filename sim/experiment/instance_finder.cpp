#include "sim/experiment/instance_finder.h"

#include <algorithm>

#include "engine/check.h"

namespace orchsim::sim {

InstanceFinder::InstanceFinder(const std::vector<ClusterInstance>& instances) : instances_(instances) {
  if (instances.size() <= kScanUpTo) return;
  // A counting sort by compute keeps each compute's instances in index (= request) order. Each
  // compute's instances are placed from its end down, so that begin_ itself serves as the cursor
  // (no second array per compute): begin_[c + 1] counts down to compute c's first position.
  std::size_t computes = 0;
  for (const auto& c : instances) computes = std::max<std::size_t>(computes, c.compute.index() + 1);
  begin_.assign(computes + 1, 0);
  for (const auto& c : instances) ++begin_[c.compute.index() + 1];
  for (std::size_t c = 0; c < computes; ++c) begin_[c + 1] += begin_[c];
  by_compute_.resize(instances.size());
  for (std::uint32_t i = static_cast<std::uint32_t>(instances.size()); i-- > 0;) {
    ORCHSIM_CHECK(i == 0 || instances[i - 1].requested <= instances[i].requested, "instances out of request order");
    by_compute_[--begin_[instances[i].compute.index() + 1]] = i;
  }
  // Now begin_[c + 1] is compute c's first position: shift down one to make it begin_[c].
  begin_.erase(begin_.begin());
  begin_.push_back(static_cast<std::uint32_t>(instances.size()));
}

std::optional<std::uint32_t> InstanceFinder::at(ComputeId compute, std::optional<RunId> run, SimTime at) const {
  const auto matches = [&](std::uint32_t i) {
    const ClusterInstance& c = instances_[i];
    return c.compute == compute && (!run || !c.run.valid() || c.run == *run) && c.requested <= at;
  };
  std::optional<std::uint32_t> found;
  if (begin_.empty()) {
    for (std::uint32_t i = 0; i < instances_.size(); ++i) {
      if (matches(i)) found = i;
    }
    return found;
  }
  if (compute.index() + 1 >= begin_.size()) return found;
  const auto first = by_compute_.begin() + begin_[compute.index()], last = by_compute_.begin() + begin_[compute.index() + 1];
  // Past the last instance requested by `at`, back over other runs' instances of the compute.
  auto it = std::upper_bound(first, last, at, [&](SimTime t, std::uint32_t i) { return t < instances_[i].requested; });
  while (it != first && !matches(*(it - 1))) --it;
  if (it != first) found = *(it - 1);
  return found;
}

}  // namespace orchsim::sim
