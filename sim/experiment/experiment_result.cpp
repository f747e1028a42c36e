#include "sim/experiment/experiment_result.h"

#include <algorithm>

#include "engine/check.h"

namespace orchsim::sim {

const MetricSummary& StrategyResult::summary(MetricId metric) const {
  const std::size_t i = metric_index(metric);
  ORCHSIM_CHECK(i < summaries.size() && summaries[i].def->id == metric, "strategy {} has no summary of '{}'",
                strategy.name, sim::metric(metric).name);
  return summaries[i];
}

bool StrategyResult::all_serverless() const {
  const auto billings = compute_billing.values();
  return !billings.empty() && std::all_of(billings.begin(), billings.end(), [](const ComputeBilling& c) {
    return c.sku == models::Sku::kServerless;
  });
}

}  // namespace orchsim::sim
