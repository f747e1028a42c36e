// The metric catalog: the one place where each metric's name, unit and exact definition live (the
// CSV columns, the summaries and the README's list of outputs all come from it), as a constant
// table indexed by MetricId (sim/experiment/metric_id.h), in report order.
//
// Used by the experiment runner (summaries), the model checks and the reports. Immutable static
// data, safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "sim/experiment/metric_id.h"
#include "sim/experiment/run_metrics.h"

namespace orchsim::sim {

enum class MetricKind : std::uint8_t {
  kValue,       // a number per replication: mean with t interval, quantiles by bootstrap
  kProportion,  // 0/1 per replication: rate with Wilson interval
  kRatio,       // Σ numerator / Σ denominator over replications, delta-method interval
};
enum class Better : std::uint8_t { kLower, kHigher, kNeither };

struct MetricDef {
  MetricId id;
  std::string_view name;  // CSV column / JSON key: stable, snake_case, unit in the name
  std::string_view group;
  std::string_view unit;
  MetricKind kind;
  Better better;
  std::string_view definition;
  double (*value)(const RunMetrics&);  // kRatio: the numerator
  double (*denominator)(const RunMetrics&) = nullptr;
  // kRatio: when Σ denominator is 0 (the metric is undefined, shown as such, never as 0), in words.
  std::string_view undefined_when = {};

  // The per-replication value; nullopt for a ratio whose denominator is 0 in this replication.
  std::optional<double> of(const RunMetrics& m) const;
};

// Every metric, in report order (MetricId order).
std::span<const MetricDef> metric_catalog();
// The catalog's entry for `id`.
const MetricDef& metric(MetricId id);

}  // namespace orchsim::sim
