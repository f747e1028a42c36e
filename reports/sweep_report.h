// Sweep outputs (`orchsim sweep`), writers only:
// - sweep.csv: one row per (grid point, strategy, metric), columns parameter_1, value_1,
//   parameter_2, value_2, strategy, metric, unit, n, mean, ci_low, ci_high;
// - line charts of a metric against the first parameter, one line per strategy, with CI whiskers
//   (for a two-parameter grid, at each value of the second parameter in turn: one chart each);
// - a heat map of the recommended strategy at every point of the grid (a strip for one parameter);
// - sweep.json: the grid (each parameter's labels and, when numeric, values) and per point the
//   recommended strategy and the strategies array of the compare JSON (reports/json.h);
// - a Markdown table and a self-contained HTML page with all of it.
// Line charts place x by value when the first parameter is numeric (numbers, or durations in
// minutes), on a log scale when positive values span two decades or more.
#pragma once

#include <string>
#include <vector>

#include "reports/bundle.h"
#include "reports/recommendation.h"
#include "sim/experiment/metric_id.h"
#include "sim/experiment/sweep_result.h"

namespace orchsim::reports {

std::string sweep_csv(const sim::SweepResult& sweep);
std::string sweep_line_svg(const sim::SweepResult& sweep, sim::MetricId metric, std::size_t second_index = 0);
std::string winner_heatmap_svg(const sim::SweepResult& sweep, const Weights& weights);
// With constraints (`sweep --deadline/--budget/--value-of-time`), the table gains an "under constraints"
// column and each point of sweep.json the keys "under_constraints" (a name or null) and "closest".
std::string sweep_json(const sim::SweepResult& sweep, const Weights& weights, const Constraints& constraints = {});
std::string sweep_markdown(const sim::SweepResult& sweep, const Weights& weights, const Constraints& constraints = {});
std::vector<ReportFile> sweep_files(const sim::SweepResult& sweep, const Weights& weights,
                                    const Constraints& constraints = {});

}  // namespace orchsim::reports
