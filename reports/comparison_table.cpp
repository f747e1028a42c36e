#include "reports/comparison_table.h"

#include <fmt/format.h>

namespace orchsim::reports {

std::string comparison_table(const sim::ExperimentResult& result) {
  std::string out;
  out += "| strategy | makespan (min) | cost ($) | cluster startups | P(success) |\n";
  out += "|---|---:|---:|---:|---:|\n";
  for (const auto& s : result.strategies) {
    const auto& makespan = s.summary("makespan_min");
    const auto& cost = s.summary("cost_usd");
    const auto& starts = s.summary("cluster_starts");
    const auto& ok = s.summary("p_success");
    out += fmt::format("| {} | {:.2f} ± {:.2f} | {:.2f} ± {:.2f} | {:.2f} | {:.3f} |\n", s.strategy.name,
                       makespan.mean, makespan.half_width(), cost.mean, cost.half_width(), starts.mean, ok.mean);
  }
  return out;
}

}  // namespace orchsim::reports
