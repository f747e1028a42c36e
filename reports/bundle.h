// The files of a report folder (`orchsim compare --out DIR`), as (name, content) pairs: Markdown,
// CSVs, SVG charts and the self-contained HTML page. Rendered one at a time and handed over as each
// is complete, so that the CLI writes each before the next is rendered (cli/bundle_writer.h makes
// the folder all or nothing) and only one file's text is held. A writer only.
#pragma once

#include <functional>
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
void experiment_files(const sim::ExperimentResult& result, const Recommendation& rec, const ImportReport* import,
                      const std::function<void(const ReportFile&)>& emit);
// Every file at once (tests, benchmarks).
std::vector<ReportFile> experiment_files(const sim::ExperimentResult& result, const Recommendation& rec,
                                         const ImportReport* import = nullptr);

}  // namespace orchsim::reports
