// ClusterInstance: one cluster from request to termination, as the ClusterWorld keeps it for the
// rest of the run: when it was requested, came up and terminated, its workers and its billing
// integrals. There is an instance per task under multi_job (issue #15), so it holds only what is
// read after termination (88 bytes): what only a live cluster needs (its attempts, timers, the
// time it is accrued to, workers starting) the world keeps apart, in a slot freed at termination,
// and what its compute's spec fixes (spot split, single use) is read from the spec. A compute gets
// a new instance each time it is needed again after terminating (a job cluster cannot be
// restarted). Read by metrics and timelines after the run; owned and changed only by the
// ClusterWorld, on the loop thread.
#pragma once

#include <cstdint>

#include "engine/ids.h"
#include "engine/time.h"
#include "sim/world/optional_time.h"

namespace orchsim::sim {

struct ClusterInstance {
  ComputeId compute;
  RunId run;                      // a job cluster's run: each run of a job gets its own (invalid otherwise)
  SimTime requested;
  OptionalTime up;
  OptionalTime terminated;
  // Billing and utilisation, integrated in node-microseconds up to its termination (while it is
  // live, up to the time its live state says).
  std::int64_t on_demand_up_us = 0, spot_up_us = 0, on_demand_starting_us = 0, spot_starting_us = 0;
  double worker_core_seconds = 0;  // worker cores × up time: paid capacity
  double busy_core_seconds = 0;    // core-seconds given to attempts on this instance
  int workers = 0;                 // usable now (at termination, when it ended)
  int task_cores = 0;              // serverless: the cores its one attempt's task uses, what it bills

  // Up and not yet terminated.
  bool live() const { return up.has_value() && !terminated.has_value(); }
};

}  // namespace orchsim::sim
