// InstanceFinder: which cluster instance of a compute an attempt used, found by binary search in
// that compute's instances instead of a scan of every instance (a scan per attempt is quadratic
// under multi_job, where every task has a compute of its own; issue #15). Built once per finished
// replication by the metrics collector and the timeline builder, on that replication's thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/ids.h"
#include "engine/time.h"
#include "sim/world/cluster_instance.h"

namespace orchsim::sim {

class InstanceFinder {
 public:
  // `instances` as the world recorded them: requested in time order (each at the moment it was
  // asked for), so each compute's list is sorted by request time too.
  explicit InstanceFinder(const std::vector<ClusterInstance>& instances);

  // The instance of `compute` in use at `at`: instances of one compute never overlap, so it is the
  // last one requested at or before `at` (none if the first came later).
  std::optional<std::uint32_t> at(ComputeId compute, SimTime at) const;

 private:
  const std::vector<ClusterInstance>& instances_;
  std::vector<std::vector<std::uint32_t>> by_compute_;  // instance indices, in index order
};

}  // namespace orchsim::sim
