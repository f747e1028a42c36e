#include "reports/html_report.h"

#include "reports/assumptions.h"
#include "reports/compute_table.h"
#include "reports/import_report.h"
#include "reports/report_tables.h"
#include "reports/table.h"
#include "reports/text_writer.h"
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
std::string_view inline_svg(std::string_view svg) {
  const auto start = svg.find("<svg");
  return start == std::string_view::npos ? svg : svg.substr(start);
}

void page_head(TextWriter& out, std::string_view title) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  write_html_inline(out, title);
  out << "</title>\n<style>\n" << kStyle << "</style>\n</head>\n<body>\n";
}

void page_tail(TextWriter& out) { out << "</body>\n</html>\n"; }

void write_html_report(TextWriter& out, const sim::ExperimentResult& r, const Recommendation& rec,
                       const std::vector<std::pair<std::string, std::string>>& charts, const ImportReport* import) {
  constexpr TableFormat kHtml = TableFormat::kHtml;
  page_head(out, "orchsim: " + r.scenario);
  out.format("<h1>orchsim report: {}</h1>\n", html_inline(r.scenario));
  out.format("<p>Scenario <code>{}</code>, seed {}, {} replications per strategy (common random numbers). "
             "Figures are means ± 95% confidence half-widths; probabilities show their 95% Wilson interval. "
             "Every verdict is computed from the numbers below.</p>\n",
             html_inline(r.file), r.seed, r.replications);
  out << "<h2>Recommendation</h2>\n<div class=\"rec\">" << html_inline(rec.rationale) << "</div>\n";
  if (rec.constrained) out << "<div class=\"rec\">" << html_inline(rec.constrained->text) << "</div>\n";
  write_table(out, kHtml, recommendation_table(r, rec));
  if (import != nullptr) out << import_html(*import);
  for (const auto& t : {performance_tradeoff(r, rec.negligible), cluster_tradeoff(r, rec.negligible)}) {
    out << "<h2>" << html_inline(t.title) << "</h2>\n";
    write_table(out, kHtml, tradeoff_table(t));
    out << "<details><summary>evidence</summary>\n";
    write_table(out, kHtml, evidence_table(t));
    out << "</details>\n";
  }
  out << "<h2>Charts</h2>\n";
  for (const auto& [caption, svg] : charts) {
    out << "<figure>\n" << inline_svg(svg) << "<figcaption>" << html_inline(caption) << "</figcaption>\n</figure>\n";
  }
  out << "<h2>Model check</h2>\n<p>" << html_inline(kModelCheckIntro) << "</p>\n";
  write_table(out, kHtml, model_check_table(r));
  out << "<h2>Quantiles (bootstrap 95% intervals)</h2>\n";
  write_table(out, kHtml, quantile_table(r));
  out << "<h2>Cost attributed per task</h2>\n";
  write_task_cost_table(out, kHtml, r);
  out << "<h2>Compute</h2>\n<p>" << html_inline(compute_table_note(r)) << "</p>\n";
  write_table(out, kHtml, compute_table(r));
  out << "<h2>Cost per cluster</h2>\n";
  write_cluster_cost_table(out, kHtml, r);
  out << assumptions_html(r) << monthly_html(r, rec) << "<h2>Every metric</h2>\n";
  write_table(out, kHtml, metrics_table(r));
  page_tail(out);
}

}  // namespace

std::string html_page(std::string_view title, std::string_view body) {
  return render_sized([&](TextWriter& out) {
    page_head(out, title);
    out << body;
    page_tail(out);
  });
}

std::string html_report(const sim::ExperimentResult& r, const Recommendation& rec,
                        const std::vector<std::pair<std::string, std::string>>& charts, const ImportReport* import) {
  return render_sized([&](TextWriter& out) { write_html_report(out, r, rec, charts, import); });
}

}  // namespace orchsim::reports
