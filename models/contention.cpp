#include "models/contention.h"

#include "engine/check.h"

namespace orchsim::models {

void max_min_share(std::span<const double> demands, double capacity, std::span<double> shares) {
  ORCHSIM_CHECK(demands.size() == shares.size());
  // Water-filling without sorting: each round gives every unsatisfied attempt an equal part of what
  // is left; those asking for less than that are settled at their demand and the round repeats.
  // A round settles at least one attempt or ends, so it takes at most n rounds (n is small: the
  // attempts running on one cluster). shares[i] < 0 marks "not settled yet".
  const std::size_t n = demands.size();
  for (std::size_t i = 0; i < n; ++i) shares[i] = -1;
  double left = capacity > 0 ? capacity : 0;
  std::size_t unsettled = n;
  while (unsettled > 0) {
    const double equal = left / static_cast<double>(unsettled);
    bool settled_any = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (shares[i] >= 0 || demands[i] > equal) continue;
      shares[i] = demands[i];
      left -= demands[i];
      --unsettled;
      settled_any = true;
    }
    if (!settled_any) {
      for (std::size_t i = 0; i < n; ++i) {
        if (shares[i] < 0) shares[i] = equal;
      }
      break;
    }
  }
}

double spill_slowdown(const ContentionModel& model, double demand_gib, double capacity_gib) {
  if (capacity_gib <= 0 || demand_gib <= capacity_gib) return 1.0;
  return 1.0 + model.spill_penalty * (demand_gib / capacity_gib - 1.0);
}

double oom_crash_rate_per_hour(const ContentionModel& model, double demand_gib, double capacity_gib) {
  if (capacity_gib <= 0 || demand_gib <= capacity_gib) return 0.0;
  return model.oom_crashes_per_hour * (demand_gib / capacity_gib - 1.0);
}

}  // namespace orchsim::models
