// RunState: one run of one job: per-task state in flat arrays indexed by TaskId (plus one slot
// per for_each iteration after the tasks: a "unit" is a task or an iteration), the run's own
// life-cycle, times, result, retry stream and last-known-good table versions. Owned and mutated
// only by the Engine; read by anyone holding a const ref. Loop-thread affinity.
//
// Memory: 88 bytes per unit (TaskRunState 64, TaskRunCold 24); with the Engine's per-attempt record
// and queues a run of a 1,000,000-task DAG stays well under 200 bytes per task
// (bench/engine_memory_bench.cpp).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/check.h"
#include "engine/events.h"
#include "engine/ids.h"
#include "engine/job.h"
#include "engine/rng.h"
#include "engine/run_result.h"
#include "engine/runtime.h"
#include "engine/time.h"
#include "engine/trigger.h"

namespace orchsim {

// The fields touched on every visit of a unit (each upstream settling, each attempt): one cache
// line, so a task waiting a whole DAG layer between visits costs one miss, not two. Fields used
// once or twice per task run live in TaskRunCold.
struct alignas(64) TaskRunState {
  static constexpr std::uint8_t kDecided = 1;       // its trigger rule has decided
  static constexpr std::uint8_t kOutcomeTrue = 2;   // condition task: the outcome was "true"
  static constexpr std::uint8_t kRolledBack = 4;    // its commits were undone by a rollback
  static constexpr std::uint8_t kWarned = 8;        // duration warning raised
  static constexpr std::uint8_t kReachedRunning = 16;  // the latest attempt got past setup
  static constexpr std::uint8_t kChildStarted = 32;    // kRunJob: aux names the child run

  Lifecycle lifecycle = Lifecycle::kBlocked;
  TaskResult result = TaskResult::kNone;
  std::uint8_t flags = 0;
  std::uint32_t attempts = 0;       // attempts started in this run, repairs included (numbering)
  std::uint32_t pending = 0;        // upstream tasks not yet settled (units that are tasks)
  UpstreamTally tally;              // settled upstream tasks, by class (units that are tasks)
  AttemptId current;                // the attempt in flight, if any
  std::uint32_t aux = 0;            // kRunJob: the child RunId; kForEach: its index in for_each state
  TimerId timer;                    // retry, child-start or timeout timer in flight
  SimTime attempt_started;          // start of the latest attempt
  SimTime running_at;               // the latest attempt's setup end

  bool has(std::uint8_t flag) const { return (flags & flag) != 0; }
};
static_assert(sizeof(TaskRunState) == 64);

// The rest of a unit's state: written when it starts and when it ends.
struct TaskRunCold {
  SimTime started;      // the task run's start (TaskStarted)
  SimTime ended;        // when it became terminal
  TimerId warn_timer;   // duration-warning timer in flight
};

// A task run's timing as the Jobs API reports it (latest attempt).
struct TaskTiming {
  Duration setup;      // attempt start → running (cluster start counts)
  Duration execution;  // running → end
  Duration total;      // task start → end, all attempts and retry waits
};

class RunState {
 public:
  struct ForEachState {
    TaskId task;
    std::uint32_t first_unit = 0;  // iteration i is unit first_unit + i
    std::uint32_t started = 0;
    std::uint32_t running = 0;
    std::uint32_t done = 0;
    std::uint32_t failed = 0;
  };

  RunState(RunId id, JobId job, const JobSpec& spec, RunId parent, TaskId parent_task, SimTime now,
           std::uint64_t seed, std::size_t table_count);

  RunId id() const { return id_; }
  JobId job() const { return job_; }
  const JobSpec& spec() const { return *spec_; }
  RunId parent() const { return parent_; }
  TaskId parent_task() const { return parent_task_; }
  Lifecycle lifecycle() const { return lifecycle_; }
  SimTime created() const { return created_; }
  SimTime started() const { return started_; }
  SimTime finished() const { return finished_; }
  JobResult result() const { return result_; }
  bool done() const { return result_ != JobResult::kNone; }
  std::size_t unfinished_tasks() const { return unfinished_; }
  std::uint32_t repairs() const { return repairs_; }
  std::uint32_t retries_used() const { return retries_used_; }
  RunTiming timing() const;
  TaskTiming task_timing(TaskId t) const;

  std::size_t task_count() const { return spec_->dag.size(); }
  const TaskRunState& task(TaskId t) const { return units_[t.index()]; }
  TaskRunState& task(TaskId t) { return units_[t.index()]; }
  const TaskRunState& unit(std::uint32_t u) const { return units_[u]; }
  TaskRunState& unit(std::uint32_t u) { return units_[u]; }
  const TaskRunCold& cold(std::uint32_t u) const { return cold_[u]; }
  TaskRunCold& cold(std::uint32_t u) { return cold_[u]; }
  // Cache hint: unit u's state is about to be updated.
  void prefetch(std::uint32_t u) const {
    __builtin_prefetch(units_.data() + u, 1);
    __builtin_prefetch(cold_.data() + u, 1);
  }
  // Attempts of a unit since the latest repair (the retry limit counts these).
  std::uint32_t attempts_in_repair(std::uint32_t u) const {
    return units_[u].attempts - (attempts_base_.empty() ? 0 : attempts_base_[u]);
  }
  std::size_t unit_count() const { return units_.size(); }
  bool is_iteration(std::uint32_t u) const { return u >= spec_->dag.size(); }
  // The task a unit belongs to (itself, or its for_each task).
  TaskId task_of(std::uint32_t u) const {
    const std::size_t n = spec_->dag.size();
    return u < n ? TaskId(u) : for_each_[iteration_owner_[u - n]].task;
  }
  // The iteration index of an iteration unit.
  std::uint32_t iteration_of(std::uint32_t u) const {
    return u - for_each_[iteration_owner_[u - spec_->dag.size()]].first_unit;
  }
  ForEachState& for_each(TaskId t) { return for_each_[units_[t.index()].aux]; }
  const ForEachState& for_each(TaskId t) const { return for_each_[units_[t.index()].aux]; }
  // The condition outcome a settled upstream task offers through an edge gate.
  bool gate_matches(TaskId upstream, EdgeGate gate) const {
    return gate_matches(units_[upstream.index()].has(TaskRunState::kOutcomeTrue), gate);
  }
  static bool gate_matches(bool outcome_true, EdgeGate gate) {
    return gate == EdgeGate::kNone || outcome_true == (gate == EdgeGate::kTrue);
  }

  // Marks a task terminal now; returns true when it was the run's last unfinished task.
  bool settle(TaskId t, Lifecycle lifecycle, TaskResult result, SimTime now);
  // The job outcome from the leaf tasks (DOMAIN.md §1); call once every task is terminal.
  JobResult leaf_outcome() const;

  // Remaining unsettled tasks per compute, for releasing job clusters after their last task.
  // Returns true when `compute` has no unsettled task left in this run.
  bool release_use(ComputeId compute);
  void add_use(ComputeId compute);
  std::size_t uses_of(ComputeId compute) const;

  // Last-known-good bookkeeping (empty when the engine has no TableStore).
  std::span<const std::uint64_t> start_versions() const { return start_version_; }
  std::span<const std::uint64_t> good_versions() const { return good_version_; }

  // Bytes held by this run's own arrays (capacity-based), for the memory benchmark.
  std::size_t memory_bytes() const;

 private:
  friend class Engine;

  RunId id_;
  JobId job_;
  const JobSpec* spec_;
  RunId parent_;
  TaskId parent_task_;
  Lifecycle lifecycle_ = Lifecycle::kQueued;
  JobResult result_ = JobResult::kNone;
  JobResult outcome_ = JobResult::kNone;  // decided when all tasks settled; result_ once rolled back
  bool begun_ = false;          // left the queue (counts against max_concurrent_runs)
  bool finishing_ = false;      // all tasks terminal; rolling back or finished
  bool stopping_ = false;       // canceled or timed out: nothing new starts
  bool timed_out_ = false;
  bool has_running_ = false;    // some attempt reached RUNNING
  // Found once per run from the job's settings, so the per-task path skips with one test what no
  // task of the job uses.
  bool plain_rules_ = false;    // all_done evaluation, every task ALL_SUCCESS and enabled
  bool task_alerts_ = false;    // some task has notifications
  SimTime created_;
  SimTime started_;
  SimTime first_running_;
  SimTime exec_end_;
  SimTime finished_;
  std::size_t unfinished_ = 0;
  std::uint32_t repairs_ = 0;
  std::uint32_t retries_used_ = 0;
  std::uint32_t pending_restores_ = 0;
  TimerId timeout_timer_;
  TimerId warn_timer_;
  TimerId queue_timer_;
  Rng rng_;  // the run's "engine.retry" stream (jitter)
  std::vector<TaskRunState> units_;
  std::vector<TaskRunCold> cold_;  // per unit, beside units_
  std::vector<std::uint32_t> attempts_base_;  // per unit: attempts before the latest repair; empty before one
  std::vector<ForEachState> for_each_;
  std::vector<std::uint32_t> iteration_owner_;  // per iteration unit: index into for_each_
  std::vector<std::pair<ComputeId, std::uint32_t>> compute_uses_;  // few computes per job
  std::vector<std::uint64_t> start_version_;  // per table: version when the run started
  std::vector<std::uint64_t> good_version_;   // per table: last known good (advances on task success)
  std::vector<std::uint8_t> wrote_;           // per table: 1 own commit, 2 a descendant's, 4 partial
};

// Inline: both run once per task settlement.
inline bool RunState::settle(TaskId t, Lifecycle lifecycle, TaskResult result, SimTime now) {
  TaskRunState& s = units_[t.index()];
  ORCHSIM_CHECK(s.result == TaskResult::kNone, "task '{}' settled twice ({} then {})", spec_->dag.key(t),
                to_string(s.result), to_string(result));
  ORCHSIM_CHECK(result != TaskResult::kNone);
  ORCHSIM_CHECK(!s.timer.valid() && !s.current.valid(), "task '{}' settled with work in flight", spec_->dag.key(t));
  s.lifecycle = lifecycle;
  s.result = result;
  s.flags |= TaskRunState::kDecided;
  cold_[t.index()].ended = now;
  ORCHSIM_CHECK(unfinished_ > 0);
  return --unfinished_ == 0;
}

inline bool RunState::release_use(ComputeId compute) {
  for (auto& [c, n] : compute_uses_) {
    if (c != compute) continue;
    ORCHSIM_CHECK(n > 0);
    return --n == 0;
  }
  ORCHSIM_CHECK(false, "compute {} is not used by this run", compute);
  return false;
}

}  // namespace orchsim
