// JSON summary of an experiment for `orchsim compare --format json`: the scenario, seed and count,
// and per strategy every metric's n, mean, 95% interval and quantiles. Field names are the CSV
// column names. Hand-written (no JSON library needed for output); a writer only.
#pragma once

#include <string>
#include <string_view>

#include "sim/experiment.h"

namespace orchsim::reports {

std::string experiment_json(const sim::ExperimentResult& result);

// A JSON string literal, escaped.
std::string json_string(std::string_view text);

}  // namespace orchsim::reports
