#include "reports/bundle.h"

#include "reports/markdown_report.h"
#include "reports/charts.h"
#include "reports/cost_breakdown.h"
#include "reports/csv.h"
#include "reports/file_stem.h"
#include "reports/html_report.h"
#include "reports/summary_json.h"
#include "reports/monthly_report.h"

#include <fmt/format.h>

namespace orchsim::reports {

void experiment_files(const sim::ExperimentResult& result, const Recommendation& rec, const ImportReport* import,
                      const std::function<void(const ReportFile&)>& emit) {
  emit({"report.md", markdown_report(result, rec, import)});
  emit({"replications.csv", replication_csv(result)});
  emit({"summary.csv", summary_csv(result)});
  emit({"task_costs.csv", task_cost_csv(result)});
  emit({"cluster_costs.csv", cluster_cost_csv(result)});
  emit({"model_checks.csv", model_check_csv(result)});
  emit({"summary.json", summary_json(result, rec, import)});
  if (result.monthly) emit({"monthly.csv", monthly_csv(result, rec)});
  // The charts are kept for the HTML page, which embeds them.
  std::vector<std::pair<std::string, std::string>> charts;
  charts.emplace_back("Cost against makespan: means with 95% CI whiskers; the Pareto front is dashed.",
                      cost_makespan_svg(result, rec));
  emit({"cost_vs_makespan.svg", charts.back().second});
  charts.emplace_back("Cost per run broken down: by bill line (VM, DBU) and by use (cluster startup, idle cores, "
                      "failed attempts, successful work); both bars sum to the mean cost.",
                      cost_breakdown_svg(result));
  emit({"cost_breakdown.svg", charts.back().second});
  // Gantt charts of the median and the p95 replication. The medians share one time axis, the p95s
  // another, so that lengths compare across strategies (and the median charts keep their scale).
  SimTime median_end, p95_end;
  for (const auto& s : result.strategies) {
    median_end = std::max(median_end, s.timeline.end);
    p95_end = std::max(p95_end, s.p95().end);
  }
  // Two names may sanitise alike (`a/b`, `a_b`): each chart still gets a file of its own; a stem
  // has no '.', so `.p95` never names another strategy's file.
  std::vector<std::string> names;
  for (const auto& s : result.strategies) names.push_back(s.strategy.name);
  const std::vector<std::string> stems = unique_file_stems(names);
  for (std::size_t i = 0; i < result.strategies.size(); ++i) {
    const auto& s = result.strategies[i];
    charts.emplace_back(fmt::format("Gantt chart of {}: its median-makespan replication ({}).", s.strategy.name,
                                    s.timeline.replication),
                        gantt_svg({s, result.task_names, s.timeline, "median"}, median_end));
    emit({"gantt_" + stems[i] + ".svg", charts.back().second});
  }
  for (std::size_t i = 0; i < result.strategies.size(); ++i) {
    const auto& s = result.strategies[i];
    charts.emplace_back(fmt::format("Gantt chart of {}: its p95-makespan replication ({}); the p95 charts share "
                                    "their own time axis.", s.strategy.name, s.p95().replication),
                        gantt_svg({s, result.task_names, s.p95(), "p95"}, p95_end));
    emit({"gantt_" + stems[i] + ".p95.svg", charts.back().second});
  }
  emit({"report.html", html_report(result, rec, charts, import)});
}

std::vector<ReportFile> experiment_files(const sim::ExperimentResult& result, const Recommendation& rec,
                                         const ImportReport* import) {
  std::vector<ReportFile> files;
  experiment_files(result, rec, import, [&files](const ReportFile& file) { files.push_back(file); });
  return files;
}

}  // namespace orchsim::reports
