// ClusterInstance: one cluster from request to termination, as the ClusterWorld keeps it: its
// state (starting, up, workers, spot) and its billing integrals. What only a live cluster needs
// (the attempts on it, its timers) the world keeps apart, in a slot freed at termination: there is
// an instance per task under multi_job, kept for the whole run. A compute gets a new instance each
// time it is needed again after terminating (a job cluster cannot be restarted). Read by metrics
// and timelines after the run; owned and changed only by the ClusterWorld, on the loop thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>

#include "engine/ids.h"
#include "engine/time.h"

namespace orchsim::sim {

struct ClusterInstance {
  enum class End : std::uint8_t { kNone, kReleased, kIdle, kCrashed, kLaunchFailed };
  ComputeId compute;
  RunId run;                      // a job cluster's run: each run of a job gets its own (invalid otherwise)
  SimTime requested;
  std::optional<SimTime> up;
  std::optional<SimTime> terminated;
  End end = End::kNone;
  bool warm = false;              // pool: every node came from idle instances
  bool single_use = false;        // new_cluster / serverless: ends with its attempt
  bool released = false;
  bool launch_fails = false;
  bool driver_spot = false;
  bool spot = false;              // workers beyond the first `on_demand_workers` run on spot
  bool spot_in_notice = false;    // a spot node has its notice: spot_timer is its loss
  int on_demand_workers = 0;
  int workers = 0;                // usable now
  int starting_workers = 0;       // requested (autoscaling, replacements), not usable yet
  int task_cores = 0;             // serverless: the cores its one attempt's task uses, what it bills
  // Billing and utilisation, integrated in node-microseconds since `accrued`.
  std::int64_t on_demand_up_us = 0, spot_up_us = 0, on_demand_starting_us = 0, spot_starting_us = 0;
  double worker_core_seconds = 0;  // worker cores × up time: paid capacity
  double busy_core_seconds = 0;    // core-seconds given to attempts on this instance
  SimTime accrued;

  // Of `n` workers, how many are spot: the on-demand ones come first, whichever worker went or
  // joined (a replacement or scale-up is bought as the configuration says, spot beyond them).
  int spot_workers(int n) const { return spot ? std::max(0, n - on_demand_workers) : 0; }
  int spot_workers() const { return spot_workers(workers); }
  // Spot nodes now: spot workers and a spot driver.
  int spot_nodes() const { return spot_workers() + (driver_spot ? 1 : 0); }
  // Up and not yet terminated.
  bool live() const { return up.has_value() && !terminated.has_value(); }
};

}  // namespace orchsim::sim
