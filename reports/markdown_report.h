// The Markdown outputs: the short summary `orchsim compare` prints (the seed's trade-off table,
// measured, and the recommendation) and report.md (everything, with the evidence behind each
// verdict and every metric). Writers only.
#pragma once

#include <string>

#include "reports/import_report.h"
#include "reports/recommendation.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

std::string markdown_summary(const sim::ExperimentResult& result, const Recommendation& rec);
// `import`: a Databricks import's summary, rendered as an "Import" section (reports/import_report.h).
std::string markdown_report(const sim::ExperimentResult& result, const Recommendation& rec,
                            const ImportReport* import = nullptr);

}  // namespace orchsim::reports
