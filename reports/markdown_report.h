// The Markdown outputs: the short summary `orchsim compare` prints (the seed's trade-off table,
// measured, and the recommendation) and report.md (everything, with the evidence behind each
// verdict and every metric). Writers only.
#pragma once

#include <string>

#include "reports/recommendation.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

std::string markdown_summary(const sim::ExperimentResult& result, const Recommendation& rec);
std::string markdown_report(const sim::ExperimentResult& result, const Recommendation& rec);

}  // namespace orchsim::reports
