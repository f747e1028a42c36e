#include "reports/replication_csv.h"

#include <fmt/format.h>

namespace orchsim::reports {

std::string replication_csv(const sim::ExperimentResult& result) {
  std::string out =
      "strategy,replication,outcome,makespan_s,cost_usd,vm_usd,dbu_usd,cluster_starts,startup_s,attempts,"
      "failed_attempts\n";
  for (const auto& s : result.strategies) {
    for (std::size_t i = 0; i < s.replications.size(); ++i) {
      const auto& r = s.replications[i];
      out += fmt::format("{},{},{},{:.6f},{:.6f},{:.6f},{:.6f},{},{:.6f},{},{}\n", s.strategy.name, i,
                         to_string(r.outcome), r.makespan.to_seconds(), r.cost.total(), r.cost.vm_usd,
                         r.cost.dbu_usd, r.cluster_starts, r.startup_time.to_seconds(), r.attempts,
                         r.failed_attempts);
    }
  }
  return out;
}

}  // namespace orchsim::reports
