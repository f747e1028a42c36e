// ModelCheck: one analytic expectation (models/analytic.h) for one strategy of a scenario, next to
// what the replications measured, for the reports' "model check" table. Computed by
// sim::model_checks (sim/experiment/model_check.h); this header holds only the result, so that
// the reports read it without the simulator. Plain data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/experiment/metric_id.h"

namespace orchsim::sim {

enum class ModelCheckKind : std::uint8_t {
  kMean,        // the analytic mean should lie in the simulated mean's 95% interval
  kLowerBound,  // no successful replication may be shorter than the bound
  kExact,       // every replication equals the analytic value (to the microsecond per task)
};

struct ModelCheck {
  std::string quantity;  // "E[attempts]", "makespan lower bound", …
  MetricId metric = MetricId::kMakespanMin;  // the metric compared
  std::string model;     // the formula, in words
  ModelCheckKind kind = ModelCheckKind::kMean;
  std::optional<double> analytic;  // in the metric's unit; empty: the model does not apply
  std::string reason;              // why it does not apply (empty when it does)
  // What the replications measured: kMean: mean and its 95% interval; kLowerBound: the shortest
  // successful run (lo = hi = it; n = successful runs); kExact: mean, lo = min, hi = max.
  std::size_t n = 0;
  double simulated = 0;
  double lo = 0;
  double hi = 0;
  std::optional<double> relative_error;  // |simulated − analytic| / |analytic|
  bool agrees = false;                   // in the interval / bound holds / equal
};

}  // namespace orchsim::sim
