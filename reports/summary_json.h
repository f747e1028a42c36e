// summary.json of a report folder (`orchsim compare --out`): the experiment JSON of reports/json.h
// (scenario, seed, replications, strategies, unchanged and first) followed by the decision: the
// assumptions the run used, the weighted recommendation with Pareto flags and scores, the choice
// under constraints, and every trade-off verdict. Schema (stable, versioned): docs/summary.md.
// A writer only; any thread.
#pragma once

#include <string>

#include "reports/import_report.h"
#include "reports/recommendation.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

inline constexpr int kSummarySchemaVersion = 1;

// `import`: a Databricks import's summary, as the "import" key (absent for a scenario file).
std::string summary_json(const sim::ExperimentResult& result, const Recommendation& rec,
                         const ImportReport* import = nullptr);

}  // namespace orchsim::reports
