// MonthlyResult: what the horizon replications of a scheduled scenario measured
// (sim/experiment/horizon_replication.h), per strategy: every horizon replication's run counts, its
// bill and each run's latency. Read by reports/monthly_report.h. Plain data, no thread affinity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"

namespace orchsim::sim {

// One horizon replication: every run the schedule triggered, in one world.
struct HorizonReplicationResult {
  std::uint32_t triggered = 0;  // fire times (or arrivals) within the horizon
  std::uint32_t started = 0;    // began, at once or after queueing
  std::uint32_t skipped = 0;    // never began: over max_concurrent_runs, or queued past max_queue_wait
  std::uint32_t queued = 0;     // waited in the queue (then started or skipped)
  std::uint32_t succeeded = 0;  // SUCCESS or SUCCESS_WITH_FAILURES
  double cost_usd = 0;          // the whole bill, pools' idle instances up to the horizon included
  std::vector<double> latency_s;  // per started run: its trigger to its end, queueing included
};

struct MonthlyStrategy {
  std::vector<HorizonReplicationResult> replications;  // in replication order
};

struct MonthlyResult {
  std::string schedule;             // models::RunSchedule::describe()
  Duration horizon;                 // the scenario's; every count and cost is scaled to 30 days
  std::optional<Duration> deadline;  // the scenario's schedule.deadline
  std::vector<MonthlyStrategy> strategies;  // in scenario order

  // 30 days / horizon: what a horizon's counts and costs are multiplied by to give a month.
  double month_scale() const { return 720.0 / horizon.to_hours(); }
};

}  // namespace orchsim::sim
