// The Markdown comparison table printed by `orchsim compare`: one row per strategy with makespan,
// cost and cluster startups (mean ± 95% CI). A writer only: reads an ExperimentResult.
#pragma once

#include <string>

#include "sim/experiment.h"

namespace orchsim::reports {

std::string comparison_table(const sim::ExperimentResult& result);

}  // namespace orchsim::reports
