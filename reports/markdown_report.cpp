#include "reports/markdown_report.h"

#include <fmt/format.h>

#include "reports/assumptions.h"
#include "reports/compute_table.h"
#include "reports/import_report.h"
#include "reports/report_tables.h"
#include "reports/text_writer.h"
#include "reports/tradeoff.h"
#include "reports/monthly_report.h"

namespace orchsim::reports {

std::string markdown_summary(const sim::ExperimentResult& r, const Recommendation& rec) {
  std::string out;
  for (const auto& t : {performance_tradeoff(r, rec.negligible), cluster_tradeoff(r, rec.negligible)}) {
    out += fmt::format("{}\n\n{}\n", t.title, to_markdown(tradeoff_table(t)));
  }
  out += "Recommendation: " + rec.rationale + "\n";
  if (rec.constrained) out += "\n" + rec.constrained->text + "\n";
  out += monthly_markdown(r, rec);
  return out;
}

namespace {

void write_markdown_report(TextWriter& out, const sim::ExperimentResult& r, const Recommendation& rec,
                           const ImportReport* import) {
  constexpr TableFormat kMarkdown = TableFormat::kMarkdown;
  out.format("# orchsim report: {}\n\n", r.scenario);
  out.format("Scenario `{}`, seed {}, {} replications per strategy (common random numbers). Figures are "
             "means ± 95% confidence half-widths; probabilities show their 95% Wilson interval. Metric "
             "definitions: README.md, \"Outputs\".\n\n",
             r.file, r.seed, r.replications);
  if (r.target_relative_ci) {
    out.format("The count was grown until makespan and cost were within ±{:g}% ({}).\n\n",
               *r.target_relative_ci * 100, r.target_met ? "reached" : "**not reached**: cap hit");
  }
  for (const auto& t : {performance_tradeoff(r, rec.negligible), cluster_tradeoff(r, rec.negligible)}) {
    out << "## " << t.title << "\n\n";
    write_table(out, kMarkdown, tradeoff_table(t));
    out << '\n';
    write_table(out, kMarkdown, evidence_table(t));
    out << '\n';
  }
  out << "## Recommendation\n\n" << rec.rationale << "\n\n";
  if (rec.constrained) out << rec.constrained->text << "\n\n";
  write_table(out, kMarkdown, recommendation_table(r, rec));
  if (import != nullptr) out << '\n' << import_markdown(*import);
  out << "\n## Model check\n\n" << kModelCheckIntro << "\n\n";
  write_table(out, kMarkdown, model_check_table(r));
  out << "\n## Quantiles (bootstrap 95% intervals)\n\n";
  write_table(out, kMarkdown, quantile_table(r));
  out << "\n## Cost attributed per task\n\nEach cluster's whole cost (startup, idle cores and its pool's share "
         "included) is attributed to the tasks that ran on it by the core-seconds their attempts held there, so the "
         "task costs, like the cluster costs, sum to cost_usd.\n\n";
  write_task_cost_table(out, kMarkdown, r);
  out << "\n## Compute\n\n" << compute_table_note(r) << "\n\n";
  write_table(out, kMarkdown, compute_table(r));
  out << "\n## Cost per cluster\n\n";
  write_cluster_cost_table(out, kMarkdown, r);
  out << assumptions_markdown(r) << monthly_markdown(r, rec) << "\n## Every metric\n\n";
  write_table(out, kMarkdown, metrics_table(r));
}

}  // namespace

std::string markdown_report(const sim::ExperimentResult& r, const Recommendation& rec, const ImportReport* import) {
  return render_sized([&](TextWriter& out) { write_markdown_report(out, r, rec, import); });
}

}  // namespace orchsim::reports
