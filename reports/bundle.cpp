#include "reports/bundle.h"

#include "reports/markdown_report.h"
#include "reports/charts.h"
#include "reports/csv.h"
#include "reports/file_stem.h"
#include "reports/html_report.h"
#include "reports/summary_json.h"

#include <fmt/format.h>

namespace orchsim::reports {

std::vector<ReportFile> experiment_files(const sim::ExperimentResult& result, const Recommendation& rec) {
  std::vector<ReportFile> files{
      {"report.md", markdown_report(result, rec)},
      {"replications.csv", replication_csv(result)},
      {"summary.csv", summary_csv(result)},
      {"task_costs.csv", task_cost_csv(result)},
      {"cluster_costs.csv", cluster_cost_csv(result)},
      {"model_checks.csv", model_check_csv(result)},
      {"summary.json", summary_json(result, rec)},
  };
  std::vector<std::pair<std::string, std::string>> charts;
  charts.emplace_back("Cost against makespan: means with 95% CI whiskers; the Pareto front is dashed.",
                      cost_makespan_svg(result, rec));
  files.push_back({"cost_vs_makespan.svg", charts.back().second});
  // One time axis for every Gantt chart, so that lengths compare across strategies.
  SimTime axis_end;
  for (const auto& s : result.strategies) axis_end = std::max(axis_end, s.timeline.end);
  // Two names may sanitise alike (`a/b`, `a_b`): each chart still gets a file of its own.
  std::vector<std::string> names;
  for (const auto& s : result.strategies) names.push_back(s.strategy.name);
  const std::vector<std::string> stems = unique_file_stems(names);
  for (std::size_t i = 0; i < result.strategies.size(); ++i) {
    const auto& s = result.strategies[i];
    charts.emplace_back(fmt::format("Gantt chart of {}: its median-makespan replication ({}).", s.strategy.name,
                                    s.timeline.replication),
                        gantt_svg(s, axis_end));
    files.push_back({"gantt_" + stems[i] + ".svg", charts.back().second});
  }
  files.push_back({"report.html", html_report(result, rec, charts)});
  return files;
}

}  // namespace orchsim::reports
