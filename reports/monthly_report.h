// The monthly section of a scheduled scenario's report (sim/experiment/monthly_result.h): per
// strategy, runs triggered, started, skipped, queued and succeeded, cost per month (mean and p95 over
// the horizon replications), cost per successful run and deadline misses, all scaled to 30 days.
// The deadline is --deadline when given, else the scenario's schedule.deadline. Each function
// returns "" for a result without a schedule, so unscheduled reports do not change. A writer only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/recommendation.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

struct MonthlyRow {
  std::string strategy;
  double triggered = 0;  // means per 30 days over the horizon replications
  double started = 0;
  double skipped = 0;
  double queued = 0;
  double succeeded = 0;
  double cost_mean_usd = 0;
  double cost_p95_usd = 0;
  std::optional<double> cost_per_success_usd;  // Σ cost / Σ successes; none without a success
  std::optional<double> deadline_misses;       // started runs that ended after the deadline, per month
};

// The deadline (minutes) the rows are judged by: --deadline, else the scenario's.
std::optional<double> monthly_deadline_min(const sim::MonthlyResult& monthly, const Recommendation& rec);
std::vector<MonthlyRow> monthly_rows(const sim::ExperimentResult& result, std::optional<double> deadline_min);

std::string monthly_markdown(const sim::ExperimentResult& result, const Recommendation& rec);
std::string monthly_html(const sim::ExperimentResult& result, const Recommendation& rec);
// monthly.csv: one row per strategy.
std::string monthly_csv(const sim::ExperimentResult& result, const Recommendation& rec);
// `,\n  "monthly": {...}` to append to summary.json's object (docs/summary.md).
std::string monthly_json(const sim::ExperimentResult& result, const Recommendation& rec);

}  // namespace orchsim::reports
