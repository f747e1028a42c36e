// The files of a report folder (`orchsim compare --out DIR`), as (name, content) pairs built in
// memory, so that the CLI writes them only once everything rendered: Markdown, CSVs, SVG charts
// and the self-contained HTML page. A writer only.
#pragma once

#include <string>
#include <vector>

#include "reports/import_report.h"
#include "reports/recommendation.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

struct ReportFile {
  std::string name;  // relative to the report folder
  std::string content;
};

// `import`: a Databricks import's summary, for the reports' "Import" section (reports/import_report.h).
std::vector<ReportFile> experiment_files(const sim::ExperimentResult& result, const Recommendation& rec,
                                         const ImportReport* import = nullptr);

}  // namespace orchsim::reports
