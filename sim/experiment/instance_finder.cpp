#include "sim/experiment/instance_finder.h"

#include <algorithm>

#include "engine/check.h"

namespace orchsim::sim {

InstanceFinder::InstanceFinder(const std::vector<ClusterInstance>& instances) : instances_(instances) {
  for (std::uint32_t i = 0; i < instances.size(); ++i) {
    const std::size_t c = instances[i].compute.index();
    if (by_compute_.size() <= c) by_compute_.resize(c + 1);
    ORCHSIM_CHECK(i == 0 || instances[i - 1].requested <= instances[i].requested, "instances out of request order");
    by_compute_[c].push_back(i);
  }
}

std::optional<std::uint32_t> InstanceFinder::at(ComputeId compute, SimTime at) const {
  if (by_compute_.size() <= compute.index()) return std::nullopt;
  const auto& list = by_compute_[compute.index()];
  const auto it = std::upper_bound(list.begin(), list.end(), at,
                                   [&](SimTime t, std::uint32_t i) { return t < instances_[i].requested; });
  if (it == list.begin()) return std::nullopt;
  return *(it - 1);
}

}  // namespace orchsim::sim
