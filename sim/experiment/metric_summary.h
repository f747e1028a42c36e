// MetricSummary: one metric of one strategy over its replications, and summarise(), which computes
// it (the interval each MetricKind calls for, and bootstrap quantiles). Used by the experiment
// runner for every metric of the catalog, by the model checks, and read by the reports. Pure; no
// thread affinity.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sim/experiment/metric_catalog.h"
#include "sim/experiment/replication_result.h"
#include "sim/experiment/summary.h"

namespace orchsim::sim {

// See MetricKind for which interval.
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

// Summarises replication values of one metric. `bootstrap_seed` keys the quantiles' bootstrap;
// without it the quantiles are skipped (mean and interval only).
MetricSummary summarise(const MetricDef& metric, std::span<const ReplicationResult> runs,
                        std::optional<std::uint64_t> bootstrap_seed);

}  // namespace orchsim::sim
