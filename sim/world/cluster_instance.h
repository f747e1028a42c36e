// ClusterInstance: one cluster from request to termination, as the ClusterWorld keeps it for the
// rest of the run: when it was requested, came up and terminated, and its paid and busy
// core-seconds. There is an instance per task under multi_job (issue #15), so it holds only what
// is read after termination (56 bytes): what only a live cluster needs (its attempts, timers, its
// workers, the node time accrued so far) the world keeps apart, in a slot freed at termination;
// what its compute's spec fixes (spot split, single use) is read from the spec; and its node time
// (NodeTime), which for most instances is its times × its configured nodes, is kept apart only for
// the irregular ones (slot). A compute gets a new instance each time it is needed again
// after terminating (a job cluster cannot be restarted). Read by metrics and timelines after the
// run; owned and changed only by the ClusterWorld, on the loop thread.
#pragma once

#include <cstdint>

#include "engine/ids.h"
#include "engine/time.h"
#include "sim/world/optional_time.h"

namespace orchsim::sim {

struct ClusterInstance {
  static constexpr std::uint32_t kSteady = UINT32_MAX;

  ComputeId compute;
  RunId run;                       // a job cluster's run: each run of a job gets its own (invalid otherwise)
  SimTime requested;
  OptionalTime up;
  OptionalTime terminated;
  double worker_core_seconds = 0;  // worker cores × up time: paid capacity
  double busy_core_seconds = 0;    // core-seconds given to attempts on this instance
  int task_cores = 0;              // serverless: the cores its one attempt's task uses, what it bills
  // Until terminated: its live state's slot in the world. Once terminated: kSteady when its node
  // time is its startup and up time × its configured nodes (ClusterWorld::steady_node_time), else
  // its index among the world's irregular node times (workers lost, added or starting while it was
  // up). One field for both, as the world needs each only in its own phase (4 bytes an instance).
  std::uint32_t slot = kSteady;

  // Up and not yet terminated.
  bool live() const { return up.has_value() && !terminated.has_value(); }
};

}  // namespace orchsim::sim
