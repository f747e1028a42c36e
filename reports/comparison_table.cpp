#include "reports/comparison_table.h"

#include <fmt/format.h>

namespace orchsim::reports {

std::string comparison_table(const sim::ExperimentResult& result) {
  std::string out;
  out += "| strategy | makespan (min) | cost ($) | cluster startups | P(success) |\n";
  out += "|---|---:|---:|---:|---:|\n";
  for (const auto& s : result.strategies) {
    const auto makespan = s.makespan_minutes();
    const auto cost = s.cost_usd();
    const auto starts = s.cluster_starts();
    std::size_t ok = 0;
    for (const auto& r : s.replications) ok += r.outcome == JobResult::kSuccess;
    out += fmt::format("| {} | {:.2f} ± {:.2f} | {:.2f} ± {:.2f} | {:.2f} | {:.3f} |\n", s.strategy.name,
                       makespan.mean, makespan.ci95, cost.mean, cost.ci95, starts.mean,
                       s.replications.empty() ? 0.0 : double(ok) / double(s.replications.size()));
  }
  return out;
}

}  // namespace orchsim::reports
