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
#include <span>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/events.h"
#include "engine/run_result.h"
#include "engine/task_runner.h"
#include "models/deployment.h"
#include "sim/experiment/attempt_log.h"
#include "sim/experiment/run_metrics.h"

namespace orchsim::sim {

class ClusterWorld;
struct ClusterInstance;

// Records what one replication's engine did; forwards every event to `next` (may be null).
class MetricsCollector final : public EventSink {
 public:
  // `jobs`: the engine's (the deployment's), which must outlive the collector.
  explicit MetricsCollector(std::span<const JobSpec> jobs, EventSink* next = nullptr)
      : next_(next), attempts_(jobs) {}
  void on_event(const EngineEvent& event) override;

  // Computes the metrics once the run is over. `entry` is the pipeline run.
  RunMetrics finish(const models::Deployment& deployment, std::size_t workload_tasks, const ClusterWorld& world,
                    SimTime end, RunId entry) const;
  // What every attempt did, and every run's job: build_timeline draws from it too.
  const AttemptLog& attempts() const { return attempts_; }

 private:
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

  // The steps of finish(), each adding its part to `m`.
  void add_bills(const models::Deployment& deployment, const ClusterWorld& world, SimTime end, RunMetrics& m) const;
  void add_pools(const models::Deployment& deployment, const ClusterWorld& world, SimTime end, RunMetrics& m) const;
  static double paid_core_seconds(const models::ClusterTemplate& t, const ClusterInstance& c, SimTime end);
  static double usd_per_core_s(const models::Deployment& deployment, const ClusterWorld& world, std::uint32_t instance,
                               SimTime end);
  template <class ForEachShare>
  static void attribute_to_tasks(const ForEachShare& for_each_share, RunMetrics& m);
  void add_attempts(const models::Deployment& deployment, const ClusterWorld& world, SimTime end, RunMetrics& m) const;
  void add_task_costs(const models::Deployment& deployment, const ClusterWorld& world, RunMetrics& m) const;
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
  AttemptLog attempts_;
  // When some attempt began executing and when none was any more, alternately, in time order: the
  // attempts' side of startup_blocked_s, a pair of times per busy spell rather than per attempt.
  std::deque<SimTime> busy_;
  std::uint32_t executing_ = 0;  // attempts executing now
  // Only the ends add_faults may look up: of tasks that had a failed attempt (not canceled) before
  // they ended, and every unsuccessful end. Keeping every task's end cost 24 bytes a task.
  std::vector<TaskEnd> task_ends_;
  std::unordered_set<std::uint64_t> failed_tasks_;  // key(run, task) of failed, not canceled, attempts
  std::uint32_t alerts_ = 0;
  std::uint32_t rollbacks_ = 0;
  // Full records of top-level runs (the entry is one) and of skipped runs, by RunId: under
  // multi_job every task's job has a run, of which only the job is read.
  std::map<std::uint32_t, RunRecord> runs_;
};

}  // namespace orchsim::sim
