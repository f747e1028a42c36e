// The tables every report format shows, built once from an ExperimentResult as reports::Table
// (rendered to Markdown for report.md and stdout, to HTML for report.html). Pure.
#pragma once

#include "reports/recommendation.h"
#include "reports/table.h"
#include "reports/tradeoff.h"
#include "sim/experiment.h"

namespace orchsim::reports {

// factor | one column per strategy | winner | seed says | holds?
Table tradeoff_table(const TradeoffTable& tradeoff);
// One row per verdict: the comparison it rests on.
Table evidence_table(const TradeoffTable& tradeoff);
// metric | unit | one column per strategy (mean ± 95% CI), for every metric of the catalog.
Table metrics_table(const sim::ExperimentResult& result);
// makespan and cost: p50 / p95 / p99 per strategy, each with its bootstrap interval.
Table quantile_table(const sim::ExperimentResult& result);
// Attributed cost per task, and the bill per cluster definition.
Table task_cost_table(const sim::ExperimentResult& result);
Table cluster_cost_table(const sim::ExperimentResult& result);
// strategy | cost | makespan | P(failed) | Pareto-optimal | score
Table recommendation_table(const sim::ExperimentResult& result, const Recommendation& rec);

}  // namespace orchsim::reports
