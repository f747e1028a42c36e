// Experiment: replications × strategies of one scenario. Plans each strategy once, then runs the
// replications on a pool of threads; replication i of every strategy uses seed stream i, so the
// strategies are compared under common random numbers (reports may pair replication i of two
// strategies) and the output does not depend on the thread count (each result lands in its own
// slot, and every statistic is computed afterwards in a fixed order).
//
// The number of replications is fixed, or grown in rounds until every strategy's makespan and cost
// intervals are narrower than a target (the result is then exactly that of a fixed run of the final
// count). Called from the CLI's thread; `progress` is called on that thread too.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/deployment.h"
#include "sim/experiment/metrics.h"
#include "sim/experiment/model_check.h"
#include "sim/experiment/replication.h"
#include "sim/input/scenario_spec.h"
#include "sim/experiment/summary.h"
#include "sim/world/timeline.h"

namespace orchsim::sim {

// One metric of one strategy over its replications (see MetricKind for which interval).
struct MetricSummary {
  const MetricDef* def = nullptr;
  std::size_t n = 0;  // replications where the metric is defined (ratios: whose denominator > 0)
  double mean = 0;    // kRatio: Σ numerator / Σ denominator; kProportion: the rate
  double lo = 0;      // 95% interval
  double hi = 0;
  double stddev = 0;  // kValue only
  std::vector<QuantileEstimate> quantiles;  // kValue only: p50, p95, p99 with bootstrap intervals
  bool defined() const { return n > 0; }
  double half_width() const { return (hi - lo) / 2; }
};

inline constexpr std::array<double, 3> kQuantiles{0.50, 0.95, 0.99};

struct StrategyResult {
  models::StrategySpec strategy;
  std::vector<ReplicationResult> replications;  // in replication order
  std::vector<MetricSummary> summaries;         // in metric_catalog() order
  std::vector<std::string> compute_names;       // by ComputeId
  std::vector<Summary> task_cost_usd;           // by workload task
  std::vector<Summary> compute_cost_usd;        // by ComputeId
  Timeline timeline;                            // the representative replication (median makespan)
  std::vector<ModelCheck> model_checks;         // analytic expectations next to the measured values

  const MetricSummary& summary(std::string_view metric_id) const;
};

struct ExperimentResult {
  std::string scenario;
  std::string file;
  std::uint64_t seed = 0;
  std::uint32_t replications = 0;
  std::optional<double> target_relative_ci;  // set when the count was grown to a target
  bool target_met = true;
  std::vector<std::string> task_names;       // the workload's tasks
  std::vector<StrategyResult> strategies;    // in scenario order
};

struct ExperimentOptions {
  std::uint32_t replications = 0;  // 0: the scenario's
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;  // 0: all hardware threads
  // When set: grow the count (from `replications`, or 100) until every strategy's makespan and
  // cost 95% half-widths are at most this fraction of their means, or `max_replications`.
  std::optional<double> target_relative_ci;
  std::uint32_t max_replications = 1'000'000;
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// Throws InputError when a strategy cannot be planned (e.g. unknown node type).
ExperimentResult run_experiment(const ScenarioSpec& scenario, const ExperimentOptions& options);

// Summarises replication values of one metric. `bootstrap_seed` keys the quantiles' bootstrap;
// without it the quantiles are skipped (mean and interval only).
MetricSummary summarise(const MetricDef& metric, std::span<const ReplicationResult> runs,
                        std::optional<std::uint64_t> bootstrap_seed);

}  // namespace orchsim::sim
