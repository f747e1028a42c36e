// The seed's opinion tables, measured: "Performance & Trade-off Summary" (multiple jobs vs one job
// with many tasks) and "same cluster vs separate clusters". Each row shows every strategy's figure
// with its 95% interval, the winner, the pair it compares, the seed's claim and whether the claim
// holds in this scenario.
//
// Which side of a claim a strategy is on comes from its deployment, never from its name: "multiple
// jobs" = more than one job; "same cluster" = one cluster definition, "separate clusters" = more,
// a strategy whose every compute is serverless being on neither side (its own). A claim compares the
// best strategy of each side on the row's metric (the row names the pair). Its verdict, in order:
//  - "not exercised" when the scenario does not exercise what the row is about: its metric is
//    undefined for a side (say, no fault hit a task), or has one and the same value in every
//    replication of every strategy (no run failed, no task waited for cores); the evidence says why;
//  - "negligible" when the difference is within the practical-significance threshold (default 2% of
//    the larger of the two means): significant but smaller than that, or its whole 95% interval
//    inside ± that;
//  - "yes" when the difference has the claimed sign and its 95% interval excludes zero (paired by
//    replication, which share random numbers), "no" when it excludes zero the other way, and
//    "no clear difference" otherwise.
// The winner is the best strategy on the metric (ties: not significantly or only negligibly worse);
// none is named when the metric is undefined for some strategy. Verdicts are computed here from the
// numbers; none is written in advance. Pure functions over the result.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/experiment/experiment_result.h"
#include "sim/experiment/metric_id.h"

namespace orchsim::reports {

enum class Verdict : std::uint8_t { kHolds, kFails, kNegligible, kNoDifference, kNotExercised, kNotApplicable };
const char* to_string(Verdict verdict);

struct TradeoffRow {
  std::string factor;
  std::vector<std::string> figures;  // one per strategy, in result order
  std::string winner;                // a strategy, "tie: a, b", or "none: undefined for a"
  std::string pair;                  // "a vs b": the best of each side, which the verdict compares
  std::string claim;                 // the seed's words
  Verdict verdict = Verdict::kNotApplicable;
  std::string evidence;  // the comparison the verdict rests on, in numbers
};

struct TradeoffTable {
  std::string title;
  std::vector<std::string> strategies;
  std::vector<TradeoffRow> rows;
};

// The default practical-significance threshold: 2% of the larger mean (`--negligible`).
inline constexpr double kDefaultNegligible = 0.02;

TradeoffTable performance_tradeoff(const sim::ExperimentResult& result, double negligible = kDefaultNegligible);
TradeoffTable cluster_tradeoff(const sim::ExperimentResult& result, double negligible = kDefaultNegligible);

// The difference a − b of one metric's means between two strategies with its 95% interval: paired
// by replication for per-replication values, from the two intervals for ratios and proportions.
struct Difference {
  double value = 0;
  double lo = 0;
  double hi = 0;
  bool defined = false;
  bool significant() const { return defined && (lo > 0 || hi < 0); }
};
Difference difference(const sim::StrategyResult& a, const sim::StrategyResult& b, sim::MetricId metric);

// "34.8 min ± 0.1", "$1.23 ± 0.01", "0.3% [0.1%, 0.9%]": a summary for a table cell.
std::string format_figure(const sim::MetricSummary& summary);

}  // namespace orchsim::reports
