// The tables every report format shows, built once from an ExperimentResult as reports::Table
// (rendered to Markdown for report.md and stdout, to HTML for report.html). Pure.
#pragma once

#include "reports/recommendation.h"
#include "reports/table.h"
#include "reports/table_writer.h"
#include "reports/text_writer.h"
#include "reports/tradeoff.h"
#include "sim/experiment/experiment_result.h"
#include "sim/experiment/model_check_result.h"

namespace orchsim::reports {

// factor | one column per strategy | winner | compares (the pair judged) | seed says | holds?
Table tradeoff_table(const TradeoffTable& tradeoff);
// One row per verdict: the comparison it rests on.
Table evidence_table(const TradeoffTable& tradeoff);
// metric | unit | one column per strategy (mean ± 95% CI), for every metric of the catalog.
Table metrics_table(const sim::ExperimentResult& result);
// makespan and cost: p50 / p95 / p99 per strategy, each with its bootstrap interval.
Table quantile_table(const sim::ExperimentResult& result);
// Attributed cost per task (task | one column per strategy), and the bill per cluster definition
// (strategy | cluster | cost): a row per task, per cluster (1e5 and more), written row by row.
void write_task_cost_table(TextWriter& out, TableFormat format, const sim::ExperimentResult& result);
void write_cluster_cost_table(TextWriter& out, TableFormat format, const sim::ExperimentResult& result);
// The model check: per strategy, each analytic expectation (sim/experiment/model_check.h) next to the
// simulated value, its relative error and whether it agrees; "—" and the reason where the
// scenario breaks the model's assumptions.
Table model_check_table(const sim::ExperimentResult& result);
// The paragraph that introduces the model-check table in report.md and report.html.
inline constexpr const char* kModelCheckIntro =
    "Analytic expectations (docs/model.md §13, models/analytic.h) next to the simulated values, where this scenario "
    "meets a model's assumptions; \"—\" says which assumption it breaks. A mean agrees when the analytic value lies "
    "in the simulated 95% interval (so about one correct check in twenty falls outside by chance); a lower bound "
    "holds when no successful run was shorter; an exact value must equal every run to the microsecond.";
// "in 95% CI" / "outside 95% CI", "holds" / "violated", "equal" / "differs", or "—".
std::string check_verdict(const sim::ModelCheck& check);
// strategy | cost | makespan | P(failed) | Pareto-optimal | score
Table recommendation_table(const sim::ExperimentResult& result, const Recommendation& rec);

}  // namespace orchsim::reports
