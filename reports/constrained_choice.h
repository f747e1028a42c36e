// The decision under constraints (`compare --deadline/--budget/--value-of-time`): the cheapest
// strategy whose P95 makespan is within the deadline and whose cost per successful run is within
// the budget, shown beside the weighted recommendation. Cheapest = lowest cost_per_success_usd, or
// with a value of time, lowest cost_per_success_usd + value × mean makespan_min. When none meets
// the constraints, the closest is named: the smallest sum of relative overshoots. Used by
// recommend() (reports/recommendation.h) and the report writers. Pure functions; any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

struct Constraints {
  std::optional<double> deadline_min;        // P95 makespan_min at most this
  std::optional<double> budget_usd;          // cost_per_success_usd at most this
  std::optional<double> value_of_time;       // USD per minute of mean makespan, added to the cost
  bool any() const { return deadline_min || budget_usd || value_of_time; }
};

// One strategy measured against the constraints. A strategy with no successful run has no cost per
// successful run: it is over any budget and ranks last.
struct ConstraintCheck {
  std::optional<double> p95_min;            // nullopt when no quantile was computed
  std::optional<double> cost_per_success;   // nullopt when no run succeeded
  double mean_makespan_min = 0;
  std::optional<double> objective;          // cost_per_success (+ value × mean makespan)
  bool meets_deadline = true;
  bool meets_budget = true;
  double overshoot = 0;  // Σ relative overshoots of the limits (0 when it meets them)
  bool meets() const { return meets_deadline && meets_budget; }
};

struct ConstrainedChoice {
  Constraints constraints;
  std::vector<ConstraintCheck> checks;  // per strategy, in result order
  std::optional<std::size_t> choice;    // the cheapest that meets them; nullopt when none does
  std::size_t closest = 0;              // when none does: the smallest overshoot, then the cheapest
  std::string text;                     // Markdown, one sentence
};

ConstrainedChoice choose_under_constraints(const sim::ExperimentResult& result, const Constraints& constraints);

}  // namespace orchsim::reports
