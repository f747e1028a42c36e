#include "sim/experiment/experiment_result.h"

#include "engine/check.h"

namespace orchsim::sim {

const MetricSummary& StrategyResult::summary(MetricId metric) const {
  const std::size_t i = metric_index(metric);
  ORCHSIM_CHECK(i < summaries.size() && summaries[i].def->id == metric, "strategy {} has no summary of '{}'",
                strategy.name, sim::metric(metric).name);
  return summaries[i];
}

}  // namespace orchsim::sim
