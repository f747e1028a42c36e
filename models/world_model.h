// WorldModel: every parameter of the simulated world that is not a property of one cluster or one
// task: prices and the runs a day that share standing costs, contention, infrastructure fault
// processes, and the slowdown of a task placed on a node type other than its preferred one. Filled
// by the scenario loader (each field overridable in YAML); read by sim::ClusterWorld. Plain data.
#pragma once

#include "models/contention.h"
#include "models/distributions.h"
#include "models/faults.h"
#include "models/pricing.h"

namespace orchsim::models {

struct WorldModel {
  Pricing pricing;
  ContentionModel contention;
  FaultModel faults;
  // How many runs of the pipeline a day's pool standing cost is shared among (docs/model.md §2.3):
  // each run pays min_idle × VM $/h × 24 / runs_per_day per pool. 1, a daily batch pipeline, is an
  // orchsim assumption; a schedule sets it.
  double runs_per_day = 1;
  // A task on a node type other than its preferred one runs this many times slower (work ×).
  double mismatch_slowdown = 1.5;
  // How long one table RESTORE takes (seconds), drawn per restore from the "world.restore" stream.
  // 30 s is our assumption: a Delta RESTORE rewrites the log, not the data, for most tables.
  Distribution table_restore = Distribution::fixed(30);
  // A replication whose run is still open at this simulated time is reported as an input error
  // rather than simulated on: e.g. `max_retries: -1` on a task that never succeeds would run forever.
  // 30 days is far beyond any batch pipeline we model and costs milliseconds to reach when it matters.
  Duration horizon = Duration::hours(30 * 24);
};

}  // namespace orchsim::models
