// report.html: one self-contained page (inline CSS and SVG, no script, no network) with the
// trade-off tables, the recommendation, the charts and every metric. Rendered, like report.md and the
// cost CSVs, straight into one buffer reserved to the page's size (reports/text_writer.h): a
// 1e5-task page is ~20 MB. A writer only.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "reports/import_report.h"
#include "reports/recommendation.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

// `charts`: (caption, SVG document) pairs to embed, in order.
// `import`: a Databricks import's summary, rendered as an "Import" section (reports/import_report.h).
std::string html_report(const sim::ExperimentResult& result, const Recommendation& rec,
                        const std::vector<std::pair<std::string, std::string>>& charts,
                        const ImportReport* import = nullptr);

// The shared page frame: <head> with the inline stylesheet, then `body`.
std::string html_page(std::string_view title, std::string_view body);

}  // namespace orchsim::reports
