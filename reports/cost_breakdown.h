// CostBreakdown: a strategy's mean cost per run split two ways, both summing to its mean cost_usd:
// by bill line (VM + DBU) and by use (cluster startup + idle cores + pool standing + failed attempts
// + successful work, the last being what the other four leave). The parts are the metrics the collector
// measures (sim/experiment/run_metrics.h); cost_breakdown_svg draws them as two stacked bars per
// strategy (cost_breakdown.svg and the HTML report). A writer only; pure.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

struct CostBreakdown {
  // Means over the strategy's replications, USD per run.
  double vm = 0;
  double dbu = 0;
  double startup = 0;
  double idle = 0;
  double pool_standing = 0;   // the run's share of its pools' min_idle instances
  double wasted = 0;          // billed for the cores of attempts that failed
  double successful_work = 0; // cost_usd − startup − idle − pool standing − wasted
  double cost = 0;            // mean cost_usd
};

CostBreakdown cost_breakdown(const sim::StrategyResult& strategy);

std::string cost_breakdown_svg(const sim::ExperimentResult& result);

}  // namespace orchsim::reports
