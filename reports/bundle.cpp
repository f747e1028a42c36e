#include "reports/bundle.h"

#include "reports/markdown_report.h"
#include "reports/csv.h"

namespace orchsim::reports {

std::vector<ReportFile> experiment_files(const sim::ExperimentResult& result, const Recommendation& rec) {
  return {
      {"report.md", markdown_report(result, rec)},
      {"replications.csv", replication_csv(result)},
      {"summary.csv", summary_csv(result)},
      {"task_costs.csv", task_cost_csv(result)},
      {"cluster_costs.csv", cluster_cost_csv(result)},
  };
}

}  // namespace orchsim::reports
