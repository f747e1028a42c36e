// RunMetrics: everything measured in one replication, and the metric catalog: the one place where
// each metric's name, unit and exact definition live (the CSV columns, the summaries and the
// README's list of outputs all come from it). MetricsCollector computes RunMetrics from what
// happened, never from what a strategy is: the engine's events (through EventSink) and the cluster
// world's records (instances, bills, core-seconds).
//
// Used by sim::run_replication (one collector per replication, on that replication's thread) and by
// reports (the catalog). The catalog is immutable static data, safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/events.h"
#include "engine/run_result.h"
#include "models/deployment.h"

namespace orchsim::sim {

class ClusterWorld;

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
  double idle_usd = 0;     // billed while up, for cores no attempt used
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
  // Filled by sim::run_replication from the engine and sim/rollback_audit.h: alerts due but held
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
  // Attribution: up-time cost of each attempt's core-seconds, by workload task and by compute.
  std::vector<double> task_cost_usd;     // indexed by workload task
  std::vector<double> compute_cost_usd;  // indexed by ComputeId: every instance's whole bill

  double cost_usd() const { return vm_usd + dbu_usd; }
};

enum class MetricKind : std::uint8_t {
  kValue,       // a number per replication: mean with t interval, quantiles by bootstrap
  kProportion,  // 0/1 per replication: rate with Wilson interval
  kRatio,       // Σ numerator / Σ denominator over replications, delta-method interval
};
enum class Better : std::uint8_t { kLower, kHigher, kNeither };

struct MetricDef {
  std::string_view id;  // CSV column / summary key: stable, snake_case, unit in the name
  std::string_view group;
  std::string_view unit;
  MetricKind kind;
  Better better;
  std::string_view definition;
  double (*value)(const RunMetrics&);  // kRatio: the numerator
  double (*denominator)(const RunMetrics&) = nullptr;

  // The per-replication value; nullopt for a ratio whose denominator is 0 in this replication.
  std::optional<double> of(const RunMetrics& m) const;
};

// Every metric, in report order.
std::span<const MetricDef> metric_catalog();
// The metric named `id`; a programming error (ORCHSIM_CHECK) when there is none.
const MetricDef& metric(std::string_view id);

// Records what one replication's engine did; forwards every event to `next` (may be null).
class MetricsCollector final : public EventSink {
 public:
  explicit MetricsCollector(EventSink* next = nullptr) : next_(next) {}
  void on_event(const EngineEvent& event) override;

  // Computes the metrics once the run is over. `entry` is the pipeline run.
  RunMetrics finish(const models::Deployment& deployment, std::size_t workload_tasks, const ClusterWorld& world,
                    SimTime end, RunId entry) const;

 private:
  struct Attempt {
    RunId run;
    TaskId task;
    ComputeId compute;
    SimTime started;
    std::optional<SimTime> running;
    std::optional<SimTime> finished;
    AttemptResult result;
  };
  struct TaskEnd {
    RunId run;
    TaskId task;
    SimTime at;
    TaskResult result;
  };

  EventSink* next_;
  std::vector<Attempt> attempts_;  // by AttemptId
  std::vector<TaskEnd> task_ends_;
  std::uint32_t alerts_ = 0;
  std::uint32_t rollbacks_ = 0;
  struct RunRecord {
    JobId job;
    SimTime started;
    SimTime finished;
    JobResult result = JobResult::kNone;
  };
  std::vector<RunRecord> runs_;  // by RunId
};

}  // namespace orchsim::sim
