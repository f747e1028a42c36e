// MetricsCollector: computes RunMetrics (sim/experiment/run_metrics.h) from what happened in one
// replication, never from what a strategy is: the engine's events (through EventSink) and the
// cluster world's records (instances, bills, core-seconds). The metrics' definitions are the
// catalog's (sim/experiment/metric_catalog.h).
//
// Used by sim::run_replication: one collector per replication, on that replication's thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/events.h"
#include "engine/run_result.h"
#include "engine/task_runner.h"
#include "models/deployment.h"
#include "sim/experiment/run_metrics.h"

namespace orchsim::sim {

class ClusterWorld;
struct ClusterInstance;

// Records what one replication's engine did; forwards every event to `next` (may be null).
class MetricsCollector final : public EventSink {
 public:
  explicit MetricsCollector(EventSink* next = nullptr) : next_(next) {}
  void on_event(const EngineEvent& event) override;

  // Computes the metrics once the run is over. `entry` is the pipeline run.
  RunMetrics finish(const models::Deployment& deployment, std::size_t workload_tasks, const ClusterWorld& world,
                    SimTime end, RunId entry) const;

 private:
  // Kept for every attempt (1e5 of them under multi_job at 1e5 tasks), so times not yet reached
  // are kNever rather than optionals: 48 bytes instead of 64.
  static constexpr SimTime kNever = SimTime::max();
  struct Attempt {
    RunId run;
    TaskId task;
    ComputeId compute;
    std::uint32_t unit;  // 0 for a task's own attempts, 1 + i for its for_each iteration i
    SimTime started;
    SimTime running_at = kNever;
    SimTime finished_at = kNever;
    AttemptResult result;

    std::optional<SimTime> running() const { return running_at == kNever ? std::nullopt : std::optional(running_at); }
    std::optional<SimTime> finished() const {
      return finished_at == kNever ? std::nullopt : std::optional(finished_at);
    }
  };
  struct TaskEnd {
    RunId run;
    TaskId task;
    SimTime at;
    TaskResult result;
  };
  struct RunRecord {
    JobId job;
    SimTime started;
    SimTime finished;
    JobResult result = JobResult::kNone;
    bool begun = false;  // RunStarted seen (a skipped run finishes without one)
  };

  // One attempt's core-seconds on a compute, for a workload task.
  struct TaskShare {
    std::uint32_t compute;
    std::uint32_t task;
    double core_s;
  };

  // The steps of finish(), each adding its part to `m`. add_bills returns each cluster instance's
  // $ per paid core-second, which add_attempts charges failed attempts at (wasted_usd).
  std::vector<double> add_bills(const models::Deployment& deployment, const ClusterWorld& world, SimTime end,
                                RunMetrics& m) const;
  void add_pools(const models::Deployment& deployment, const ClusterWorld& world, SimTime end, RunMetrics& m) const;
  static double paid_core_seconds(const models::ClusterTemplate& t, const ClusterInstance& c, SimTime end);
  static void attribute_to_tasks(const std::vector<TaskShare>& shares, RunMetrics& m);
  void add_attempts(const models::Deployment& deployment, const ClusterWorld& world, SimTime end,
                    const std::vector<double>& usd_per_core_s, RunMetrics& m) const;
  void add_retry_waits(RunMetrics& m) const;
  double startup_blocked_s(const ClusterWorld& world, SimTime end, const RunRecord& run) const;
  void add_faults(const ClusterWorld& world, RunMetrics& m) const;
  // (run << 32 | task, position in task_ends_), sorted: a task's last end is the last entry of its
  // key, found by binary search instead of a scan of every end per failure (issue #15).
  using TaskEndIndex = std::vector<std::pair<std::uint64_t, std::uint32_t>>;
  TaskEndIndex task_end_index() const;
  const TaskEnd* task_end(const TaskEndIndex& index, RunId run, TaskId task) const;

  static std::uint64_t key(RunId run, TaskId task) { return (std::uint64_t(run.value()) << 32) | task.value(); }

  EventSink* next_;
  std::deque<Attempt> attempts_;  // by AttemptId; grows in blocks, with no spare capacity to speak of
  // Only the ends add_faults may look up: of tasks that had a failed attempt (not canceled) before
  // they ended, and every unsuccessful end. Keeping every task's end cost 24 bytes a task.
  std::vector<TaskEnd> task_ends_;
  std::unordered_set<std::uint64_t> failed_tasks_;  // key(run, task) of failed, not canceled, attempts
  std::uint32_t alerts_ = 0;
  std::uint32_t rollbacks_ = 0;
  std::vector<JobId> run_jobs_;  // by RunId
  // Full records of top-level runs (the entry is one) and of skipped runs, by RunId: under
  // multi_job every task's job has a run, of which only the job is read.
  std::map<std::uint32_t, RunRecord> runs_;
};

}  // namespace orchsim::sim
