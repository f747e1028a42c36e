// JSON summary of an experiment for `orchsim compare --format json` (and summary.json): the
// scenario, seed and count, and per strategy every metric's n, mean, 95% interval and quantiles,
// and its model checks. Field names are the CSV column names (summary.csv, model_checks.csv).
// `orchsim sweep` nests the same strategy objects per grid point (reports/sweep_report.h).
// Hand-written (no JSON library needed for output; strings escaped by engine/json_escape.h); a writer only.
#pragma once

#include <string>

#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

std::string experiment_json(const sim::ExperimentResult& result);

// The "strategies" array of experiment_json, its lines indented for a key at `indent` spaces.
std::string strategies_json(const sim::ExperimentResult& result, std::size_t indent);

// A number with 6 significant digits, or null when not finite.
std::string json_number(double v);

}  // namespace orchsim::reports
