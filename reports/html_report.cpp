#include "reports/html_report.h"

#include <fmt/format.h>

#include "reports/assumptions.h"
#include "reports/compute_table.h"
#include "reports/import_report.h"
#include "reports/report_tables.h"
#include "reports/table.h"
#include "reports/tradeoff.h"
#include "reports/monthly_report.h"

namespace orchsim::reports {

namespace {

constexpr const char* kStyle = R"(body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;padding:0 1em;max-width:1100px;color:#222;line-height:1.45}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:separate;border-spacing:0;margin:1em 0;font-size:.9em;display:block;max-width:100%;overflow-x:auto}
th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;background:#fff}
th{background:#f2f2f2;text-align:left}
th:first-child,td:first-child{position:sticky;left:0;z-index:1;box-shadow:2px 0 0 #ccc}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1.5em 0}figcaption{color:#555;font-size:.9em}svg{max-width:100%;height:auto}
.rec{background:#f4f8fc;border-left:4px solid #0072B2;padding:.8em 1em}
)";

// Inline SVG: drop the XML prolog if any (an <svg> element is valid HTML5 as is).
std::string inline_svg(const std::string& svg) {
  const auto start = svg.find("<svg");
  return start == std::string::npos ? svg : svg.substr(start);
}

}  // namespace

std::string html_page(std::string_view title, std::string_view body) {
  return fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n"
                     "<style>\n{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
                     html_inline(title), kStyle, body);
}

std::string html_report(const sim::ExperimentResult& r, const Recommendation& rec,
                        const std::vector<std::pair<std::string, std::string>>& charts, const ImportReport* import) {
  std::string body = fmt::format("<h1>orchsim report: {}</h1>\n", html_inline(r.scenario));
  body += fmt::format("<p>Scenario <code>{}</code>, seed {}, {} replications per strategy (common random numbers). "
                      "Figures are means ± 95% confidence half-widths; probabilities show their 95% Wilson interval. "
                      "Every verdict is computed from the numbers below.</p>\n",
                      html_inline(r.file), r.seed, r.replications);
  body += "<h2>Recommendation</h2>\n<div class=\"rec\">" + html_inline(rec.rationale) + "</div>\n";
  if (rec.constrained) body += "<div class=\"rec\">" + html_inline(rec.constrained->text) + "</div>\n";
  body += to_html(recommendation_table(r, rec));
  if (import != nullptr) body += import_html(*import);
  for (const auto& t : {performance_tradeoff(r, rec.negligible), cluster_tradeoff(r, rec.negligible)}) {
    body += fmt::format("<h2>{}</h2>\n{}<details><summary>evidence</summary>\n{}</details>\n", html_inline(t.title),
                        to_html(tradeoff_table(t)), to_html(evidence_table(t)));
  }
  body += "<h2>Charts</h2>\n";
  for (const auto& [caption, svg] : charts) {
    body += fmt::format("<figure>\n{}<figcaption>{}</figcaption>\n</figure>\n", inline_svg(svg), html_inline(caption));
  }
  body += "<h2>Model check</h2>\n<p>" + html_inline(kModelCheckIntro) + "</p>\n" + to_html(model_check_table(r));
  body += "<h2>Quantiles (bootstrap 95% intervals)</h2>\n" + to_html(quantile_table(r));
  body += "<h2>Cost attributed per task</h2>\n" + to_html(task_cost_table(r));
  body += "<h2>Compute</h2>\n<p>" + html_inline(compute_table_note(r)) + "</p>\n" + to_html(compute_table(r));
  body += "<h2>Cost per cluster</h2>\n" + to_html(cluster_cost_table(r));
  body += assumptions_html(r);
  body += monthly_html(r, rec);
  body += "<h2>Every metric</h2>\n" + to_html(metrics_table(r));
  return html_page("orchsim: " + r.scenario, body);
}

}  // namespace orchsim::reports
