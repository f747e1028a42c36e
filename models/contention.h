// Contention on one cluster (docs/model.md §4): how the running attempts share executor cores and
// memory. Pure functions, called by the cluster world each time its set of running attempts
// changes (never per event otherwise).
//
// Cores: max-min fairness (water-filling), as Spark's FAIR scheduler and SimGrid's bounded processor
// sharing: an attempt that can use at most p cores gets min(p, fair share) and what the small ones
// leave is shared among the rest. Memory: when the running attempts together ask for more than the
// cluster has, every attempt spills and slows down by 1 + spill_penalty × (demand / capacity − 1),
// and the driver's OOM crash hazard is oom_crashes_per_hour × (demand / capacity − 1).
#pragma once

#include <span>

namespace orchsim::models {

struct ContentionModel {
  double spill_penalty = 1.0;          // slowdown per unit of memory overcommit (2× demand → 2× slower)
  // Driver OOM hazard per unit of memory overcommit. An assumption (no published rate): Spark spills
  // executor memory to disk and retries a lost executor's tasks, so overcommit mostly costs time;
  // a crash of the shared driver is the exception — at 2× demand one per 2 h of running.
  double oom_crashes_per_hour = 0.5;
};

// Writes into `shares[i]` the cores attempt i gets, given the most it can use, `demands[i]` (> 0),
// out of `capacity` cores. Σ shares = min(capacity, Σ demands); no share exceeds its demand; an
// attempt gets less than its demand only if no other attempt gets more than it. No allocation.
void max_min_share(std::span<const double> demands, double capacity, std::span<double> shares);

// The factor (>= 1) by which every attempt slows down when `demand_gib` exceeds `capacity_gib`.
double spill_slowdown(const ContentionModel& model, double demand_gib, double capacity_gib);

// Driver OOM crashes per hour while `demand_gib` exceeds `capacity_gib` (0 when it fits).
double oom_crash_rate_per_hour(const ContentionModel& model, double demand_gib, double capacity_gib);

}  // namespace orchsim::models
