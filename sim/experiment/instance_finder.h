// InstanceFinder: which cluster instance of a compute an attempt used. With many instances (under
// multi_job every task has a compute of its own) it finds it by binary search in that compute's
// instances, not by a scan of every instance per attempt, which is quadratic (issue #15); with few
// it scans, allocating nothing. Built once per finished replication by the metrics collector and
// the timeline builder, on that replication's thread.
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
  // asked for), so each compute's instances are in request-time order too.
  explicit InstanceFinder(const std::vector<ClusterInstance>& instances);

  // The instance of `compute` that an attempt of `run` started at `at` used: instances of one compute
  // for one run (a job cluster is per run; other kinds belong to no run) never overlap, so it is the
  // last one requested at or before `at` (none if the first came later). Without `run`, the last
  // instance of `compute` of any run.
  std::optional<std::uint32_t> at(ComputeId compute, std::optional<RunId> run, SimTime at) const;

 private:
  static constexpr std::size_t kScanUpTo = 32;  // instances; beyond, the index below is built

  const std::vector<ClusterInstance>& instances_;
  std::vector<std::uint32_t> begin_;  // compute c's instances are by_compute_[begin_[c], begin_[c + 1])
  std::vector<std::uint32_t> by_compute_;  // instance indices grouped by compute, in index order
};

}  // namespace orchsim::sim
