// RunMetrics: everything measured in one replication, as plain numbers. Filled by MetricsCollector
// (sim/experiment/metrics_collector.h) and sim::run_replication; read by the metric catalog
// (sim/experiment/metric_catalog.h), the summaries and the reports. Plain data, no thread affinity.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/run_result.h"

namespace orchsim::sim {

struct RunMetrics {
  JobResult outcome = JobResult::kNone;
  // Time. Sums over attempts are task-time, not wall-clock: two tasks waiting 1 min add 2 min.
  double makespan_s = 0;
  double setup_s = 0;            // Σ attempt start → its cluster up
  double queue_s = 0;            // Σ max(attempt start, cluster up) → running (waiting for cores)
  double execution_s = 0;        // Σ running → finished, failed attempts included
  double shared_s = 0;           // Σ running time lost to sharing cores (ClusterWorld::shared_seconds_of)
  double retry_wait_s = 0;       // Σ failed attempt end → the task's next attempt start
  double startup_blocked_s = 0;  // wall-clock: some cluster starting and no attempt executing
  // Money.
  double vm_usd = 0;
  double dbu_usd = 0;
  double startup_usd = 0;  // billed while clusters were starting
  double idle_usd = 0;     // billed while up, for cores no attempt used (pool idle above min_idle included)
  double pool_standing_usd = 0;  // of vm_usd: the run's share of its pools' min_idle instances
  double wasted_usd = 0;   // billed while up, for the cores of attempts that failed
  // Capacity.
  double busy_core_s = 0;
  double paid_core_s = 0;  // worker cores × up-time, summed over cluster instances
  double wasted_core_s = 0;
  std::uint32_t cluster_starts = 0;
  // Failures.
  std::uint32_t tasks_attempted = 0;
  std::uint32_t attempts = 0;
  std::uint32_t failed_attempts = 0;
  std::uint32_t faults = 0;     // incidents: a failed attempt, or one cluster loss failing several
  std::uint32_t tasks_hit = 0;  // Σ over faults of the distinct tasks it failed
  std::uint32_t recovered_faults = 0;
  double recovery_s = 0;  // Σ over recovered faults of fault → last hit task's success
  std::uint32_t faults_injected = 0;  // the world's fault records, including those that hit nothing
  std::uint32_t alerts = 0;           // failure and retry alerts sent (after dedup / rate limits)
  std::uint32_t rollbacks = 0;
  // Filled by sim::run_replication from the engine and sim/world/rollback_audit.h: alerts due but held
  // back by dedup / rate limit, table restores, Σ over rollbacks of rollback start → run end.
  std::uint32_t alerts_suppressed = 0;
  std::uint32_t tables_restored = 0;
  double rollback_s = 0;
  // Flexibility: workload tasks placed on their preferred node type (no preference counts).
  std::uint32_t tasks_on_preferred_node = 0;
  std::uint32_t workload_tasks = 0;
  // Orchestration (facts of the deployment, the same in every replication).
  std::uint32_t jobs = 0;
  std::uint32_t clusters = 0;
  std::uint32_t cross_job_edges = 0;
  // Attribution: each sums to cost_usd (MetricsCollector::attribute_to_tasks, add_pools).
  std::vector<double> task_cost_usd;     // indexed by workload task: its computes' costs by core-seconds
  std::vector<double> compute_cost_usd;  // indexed by ComputeId: every instance's bill and its pool's share

  double cost_usd() const { return vm_usd + dbu_usd; }
};

}  // namespace orchsim::sim
