// RunState: one run of one job: per-task state in flat arrays indexed by TaskId (plus one slot
// per for_each iteration after the tasks: a "unit" is a task or an iteration), the run's own
// life-cycle, times, result and last-known-good table versions. Owned and mutated only by the
// Engine; read by anyone holding a const ref. Loop-thread affinity.
//
// Memory: 48 bytes per unit (TaskRunState); with the Engine's per-attempt record and queues a run
// of a 1,000,000-task DAG stays well under 200 bytes per task (bench/engine_memory_bench.cpp).
// What few runs use (for_each, repair, tables) is allocated only by those that do, and the units'
// timers only while in flight. The Engine
// frees a finished run_job child's RunState whole once its parent task has taken its outcome
// (Engine::find_run): multi_job opens a one-task run per task.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/cache_hints.h"
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

// A unit's state, 48 bytes: a 1e5-task run holds one per task (issue #15), so its timers, which
// only a unit retrying, starting a child run, or with a timeout or a duration warning has in
// flight, live in the run's on-demand state (RunState::set_unit_timer), a flag here saying whether
// there is one. alignas(16) (no padding at 48 bytes): what every upstream settlement touches
// (flags, pending, tally: bytes 0-31) then lies in one cache line for three units in four, and
// a task waiting a whole DAG layer between visits mostly costs one miss.
struct alignas(16) TaskRunState {
  static constexpr std::uint8_t kDecided = 1;       // its trigger rule has decided
  static constexpr std::uint8_t kOutcomeTrue = 2;   // condition task: the outcome was "true"
  static constexpr std::uint8_t kRolledBack = 4;    // its commits were undone by a rollback
  static constexpr std::uint8_t kChildStarted = 8;  // kRunJob: aux names the child run
  static constexpr std::uint8_t kTimer = 16;        // a retry, child-start or timeout timer is in flight
  static constexpr std::uint8_t kWarnTimer = 32;    // a duration-warning timer is in flight

  Lifecycle lifecycle = Lifecycle::kBlocked;
  TaskResult result = TaskResult::kNone;
  std::uint8_t flags = 0;
  std::uint32_t attempts = 0;       // attempts started in this run, repairs included (numbering)
  std::uint32_t pending = 0;        // upstream tasks not yet settled (units that are tasks)
  UpstreamTally tally;              // settled upstream tasks, by class (units that are tasks)
  AttemptId current;                // the attempt in flight, if any
  std::uint32_t aux = 0;            // kRunJob: the child RunId; kForEach: its index in for_each state
  SimTime attempt_started;          // start of the latest attempt

  bool has(std::uint8_t flag) const { return (flags & flag) != 0; }
  void set(std::uint8_t flag) { flags |= flag; }
  void clear(std::uint8_t flag) { flags &= static_cast<std::uint8_t>(~flag); }
};
// 3 (lifecycle, result, flags) + 1 padding + 4 attempts + 4 pending + 20 tally (five uint32) +
// 4 current + 4 aux + 8 attempt_started.
static_assert(sizeof(TaskRunState) == 48);

// One task of a run an earlier engine ran, as recorded (`orchsim exec --repair` reads it from the
// run history): what adopt_finished_run needs to rebuild the run for a repair.
struct SettledTask {
  TaskResult result = TaskResult::kNone;  // terminal
  std::uint32_t attempts = 0;             // attempts so far: a rerun continues the numbering
  bool rolled_back = false;               // its commits were undone by the run's rollback
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
           std::size_t table_count);

  // --- Reading (anyone holding a const ref).
  RunId id() const { return id_; }
  JobId job() const { return job_; }
  const JobSpec& spec() const { return *spec_; }
  RunId parent() const { return parent_; }
  TaskId parent_task() const { return parent_task_; }
  Lifecycle lifecycle() const { return lifecycle_; }
  SimTime started() const { return started_; }
  SimTime finished() const { return finished_; }
  JobResult result() const { return result_; }
  bool done() const { return result_ != JobResult::kNone; }
  std::uint32_t repairs() const { return repairs_; }
  RunTiming timing() const;

  std::size_t task_count() const { return spec_->dag.size(); }
  const TaskRunState& task(TaskId t) const { return units_[t.index()]; }
  TaskRunState& task(TaskId t) { return units_[t.index()]; }
  const TaskRunState& unit(std::uint32_t u) const { return units_[u]; }
  TaskRunState& unit(std::uint32_t u) { return units_[u]; }
  // Cache hint: unit u's state is about to be updated. Both ends: a 48-byte state straddles two
  // cache lines for half the units.
  void prefetch(std::uint32_t u) const {
    const TaskRunState* s = units_.data() + u;
    prefetch_for_write(s);
    prefetch_for_write(reinterpret_cast<const char*>(s) + sizeof(TaskRunState) - 1);
  }
  // Attempts of a unit since the latest repair (the retry limit counts these).
  std::uint32_t attempts_in_repair(std::uint32_t u) const {
    const Rare* rare = rare_.get();
    return units_[u].attempts - (rare == nullptr || rare->attempts_base.empty() ? 0 : rare->attempts_base[u]);
  }
  bool is_iteration(std::uint32_t u) const { return u >= spec_->dag.size(); }
  // The task a unit belongs to (itself, or its for_each task).
  TaskId task_of(std::uint32_t u) const {
    const std::size_t n = spec_->dag.size();
    return u < n ? TaskId(u) : rare_->for_each[rare_->iteration_owner[u - n]].task;
  }
  // The iteration index of an iteration unit.
  std::uint32_t iteration_of(std::uint32_t u) const {
    const Rare& rare = *rare_;
    return u - rare.for_each[rare.iteration_owner[u - spec_->dag.size()]].first_unit;
  }
  ForEachState& for_each(TaskId t) { return rare_->for_each[task(t).aux]; }
  const ForEachState& for_each(TaskId t) const { return rare_->for_each[task(t).aux]; }
  // The condition outcome a settled upstream task offers through an edge gate.
  bool gate_matches(TaskId upstream, EdgeGate gate) const {
    return gate_matches(task(upstream).has(TaskRunState::kOutcomeTrue), gate);
  }
  static bool gate_matches(bool outcome_true, EdgeGate gate) {
    return gate == EdgeGate::kNone || outcome_true == (gate == EdgeGate::kTrue);
  }

  // Found once per run from the job's settings, so the per-task path skips with one test what no
  // task of the job uses: all_done evaluation with every task ALL_SUCCESS and enabled; some task
  // with notifications.
  bool plain_rules() const { return plain_rules_; }
  bool has_task_alerts() const { return task_alerts_; }
  bool begun() const { return begun_; }          // left the queue (counts against max_concurrent_runs)
  bool stopping() const { return stopping_; }    // canceled or timed out: nothing new starts
  bool finishing() const { return finishing_; }  // all tasks terminal: rolling back or finished
  // Every task is terminal and the run has not yet decided its outcome.
  bool awaiting_outcome() const { return !finishing_ && unfinished_ == 0; }

  // --- The run's life cycle (the Engine, in this order: skip, or begin → … → complete).
  // Skipped by max_concurrent_runs (or its queue wait): never starts, finishes now.
  void skip(SimTime now) {
    outcome_ = result_ = JobResult::kSkipped;
    lifecycle_ = Lifecycle::kSkipped;
    finishing_ = true;
    started_ = exec_end_ = finished_ = now;
  }
  // Canceled while QUEUED: starts and stops now, outcome CANCELED.
  void cancel_queued(SimTime now) {
    started_ = exec_end_ = now;
    finishing_ = true;
    outcome_ = JobResult::kCanceled;
  }
  void begin(SimTime now) {
    begun_ = true;
    lifecycle_ = Lifecycle::kPending;
    started_ = now;
  }
  // Table t's version when the run began: its start and, until a task commits, last-known-good.
  void record_start_version(TableId t, std::uint64_t version) {
    TableState& s = rare_->tables[t.index()];
    s.start = s.good = version;
  }
  std::size_t table_count() const { return rare_ == nullptr ? 0 : rare_->tables.size(); }
  // Some attempt reached RUNNING: the first one ends the run's setup.
  void note_running(SimTime now) {
    if (has_running_) return;
    has_running_ = true;
    first_running_ = now;
    lifecycle_ = Lifecycle::kRunning;
  }
  void cancel() { stopping_ = true; }
  void time_out() { stopping_ = timed_out_ = true; }
  // Every task is terminal: execution ends now, with this outcome (which a rollback keeps).
  JobResult finish_execution(SimTime now) {
    finishing_ = true;
    exec_end_ = now;
    if (timed_out_) outcome_ = JobResult::kTimedOut;
    else if (stopping_) outcome_ = JobResult::kCanceled;  // whatever handlers ran after the cancel
    else outcome_ = task_count() == 0 ? JobResult::kSuccess : leaf_outcome();
    return outcome_;
  }
  // The run's result is its outcome from now on.
  void complete(SimTime now) {
    result_ = outcome_;
    finished_ = now;
    lifecycle_ = Lifecycle::kTerminated;
  }
  // True while some unit has an attempt or a timer in flight (none may be left when it completes).
  bool has_work_in_flight() const;

  // --- Retries: the run-wide failure budget and the jitter stream.
  std::optional<std::uint32_t> retry_budget_left() const {
    const auto budget = spec_->retry_budget();
    if (!budget) return std::nullopt;
    return *budget > retries_used_ ? *budget - retries_used_ : 0;
  }
  void count_retry() { ++retries_used_; }
  // Unit u's jitter draws after its latest attempt, from the run's "engine.retry" stream of
  // (seed, run): keyed by (task, iteration, attempt number), not by the order retries happen in, so
  // a replication draws the same jitter under every layout. Built on demand: retries are rare.
  Rng retry_rng(std::uint64_t seed, std::uint32_t u) const {
    const std::uint64_t iteration = is_iteration(u) ? std::uint64_t{iteration_of(u)} + 1 : 0;
    return Rng(seed, id_.value(), "engine.retry")
        .derive(stable_mix(stable_mix(task_of(u).index(), iteration), unit(u).attempts));
  }

  // --- Run-level timers in flight; take_* returns the timer (invalid if none) and forgets it.
  void set_timeout_timer(TimerId t) { timeout_timer_ = t; }
  void set_warn_timer(TimerId t) { warn_timer_ = t; }
  void set_queue_timer(TimerId t) { queue_timer_ = t; }
  TimerId take_timeout_timer() { return std::exchange(timeout_timer_, TimerId{}); }
  TimerId take_warn_timer() { return std::exchange(warn_timer_, TimerId{}); }
  TimerId take_queue_timer() { return std::exchange(queue_timer_, TimerId{}); }

  // --- Unit timers in flight, kept on demand (TaskRunState's flags say which a unit has); take_*
  // returns the timer (invalid if none) and forgets it. A unit has at most one of each kind.
  // Its retry, child-start or timeout timer.
  void set_unit_timer(std::uint32_t u, TimerId t) { put_timer(rare().timers, u, TaskRunState::kTimer, t); }
  TimerId take_unit_timer(std::uint32_t u) {
    return units_[u].has(TaskRunState::kTimer) ? pop_timer(rare_->timers, u, TaskRunState::kTimer) : TimerId{};
  }
  // Its duration-warning timer (a task's warning is per attempt).
  void set_unit_warn_timer(std::uint32_t u, TimerId t) { put_timer(rare().warn_timers, u, TaskRunState::kWarnTimer, t); }
  TimerId take_unit_warn_timer(std::uint32_t u) {
    return units_[u].has(TaskRunState::kWarnTimer) ? pop_timer(rare_->warn_timers, u, TaskRunState::kWarnTimer)
                                                   : TimerId{};
  }

  // Marks a task terminal; returns true when it was the run's last unfinished task.
  bool settle(TaskId t, Lifecycle lifecycle, TaskResult result);
  // Marks a for_each iteration terminal.
  void settle_iteration(std::uint32_t u, Lifecycle lifecycle, TaskResult result);
  // The job outcome from the leaf tasks (docs/model.md §8); call once every task is terminal.
  JobResult leaf_outcome() const;

  // Remaining unsettled tasks per compute, for releasing job clusters after their last task.
  // Returns true when `compute` has no unsettled task left in this run.
  bool release_use(ComputeId compute);
  void add_use(ComputeId compute);
  std::vector<std::pair<ComputeId, std::uint32_t>>::iterator use_of(ComputeId compute);

  // --- Commits and rollback (unused when the engine has no TableStore).
  // A successful attempt of unit u's task committed `version` of table t; an iteration's commit is
  // partial (its task is not done), so the last-known-good version stays.
  void record_commit(TableId t, std::uint64_t version, bool partial) {
    TableState& s = rare_->tables[t.index()];
    s.wrote |= partial ? kOwnCommit | kPartialCommit : kOwnCommit;
    if (!partial) s.good = version;
  }
  // A run_job descendant of this run committed to table t.
  void record_descendant_commit(TableId t) { rare_->tables[t.index()].wrote |= kDescendantCommit; }
  std::uint64_t good_version(TableId t) const { return rare_->tables[t.index()].good; }
  void set_good_version(TableId t, std::uint64_t version) { rare_->tables[t.index()].good = version; }
  // The version a rollback returns table t to, or nullopt when the job's scope leaves it alone.
  std::optional<std::uint64_t> rollback_target(TableId t) const;
  // A rollback of `count` tables begins (none: nothing to undo). Its tasks whose commits are undone
  // are no longer "succeeded" for a repair (scopes job and pipeline).
  void begin_rollback(std::uint32_t count);
  // One table restored; returns true when it was the last.
  bool finish_restore() {
    ORCHSIM_CHECK(pending_restores_ > 0);
    return --pending_restores_ == 0;
  }

  // --- Repair: the run goes back to running with `rerun` tasks to settle (numbering continues; the
  // retry limit and budget start again), then each rerun task is reset.
  void begin_repair(std::uint32_t rerun);
  void reset_for_repair(TaskId t);
  // Engine::adopt_finished_run: the run began and finished `now` with these task results (each
  // unit's life cycle from `lifecycle_of`); no compute is in use, so a repair can add its own.
  void adopt(SimTime now, std::span<const SettledTask> tasks, JobResult result, Lifecycle (*lifecycle_of)(TaskResult));

  // Bytes held by this run's own arrays (capacity-based), for the memory benchmark.
  std::size_t memory_bytes() const;

 private:
  // Bits of TableState::wrote: what this run's commits did to it. Rollback scopes pick by them.
  static constexpr std::uint8_t kOwnCommit = 1;         // a task of this run committed
  static constexpr std::uint8_t kDescendantCommit = 2;  // a run_job descendant committed
  static constexpr std::uint8_t kPartialCommit = 4;     // a for_each iteration committed

  void reset_unit(std::uint32_t u);
  using UnitTimers = std::unordered_map<std::uint32_t, TimerId>;
  void put_timer(UnitTimers& timers, std::uint32_t u, std::uint8_t flag, TimerId t);
  TimerId pop_timer(UnitTimers& timers, std::uint32_t u, std::uint8_t flag);

  // A table's versions as this run sees them.
  struct TableState {
    std::uint64_t start = 0;  // when the run started
    std::uint64_t good = 0;   // last known good (advances on task success)
    std::uint8_t wrote = 0;   // kOwnCommit | kDescendantCommit | kPartialCommit
  };
  // What only some runs need: for_each iterations, a repair, tables, unit timers.
  struct Rare {
    std::vector<std::uint32_t> attempts_base;    // per unit: attempts before the latest repair; empty before one
    std::vector<ForEachState> for_each;
    std::vector<std::uint32_t> iteration_owner;  // per iteration unit: index into for_each
    std::vector<TableState> tables;              // per table
    // By unit, the timers in flight: a few units' at a time, where a field in TaskRunState would
    // cost every unit of every run 8 bytes each.
    UnitTimers timers;
    UnitTimers warn_timers;
  };
  Rare& rare();  // made on first use

  RunId id_;
  JobId job_;
  const JobSpec* spec_;
  RunId parent_;
  TaskId parent_task_;
  Lifecycle lifecycle_ = Lifecycle::kQueued;
  JobResult result_ = JobResult::kNone;
  JobResult outcome_ = JobResult::kNone;  // decided when all tasks settled; result_ once rolled back
  bool begun_ = false;
  bool finishing_ = false;
  bool stopping_ = false;
  bool timed_out_ = false;
  bool has_running_ = false;  // some attempt reached RUNNING
  bool plain_rules_ = false;
  bool task_alerts_ = false;
  std::uint32_t repairs_ = 0;
  std::uint32_t unfinished_ = 0;
  std::uint32_t retries_used_ = 0;
  std::uint32_t pending_restores_ = 0;
  SimTime created_;
  SimTime started_;
  SimTime first_running_;
  SimTime exec_end_;
  SimTime finished_;
  TimerId timeout_timer_;
  TimerId warn_timer_;
  TimerId queue_timer_;
  std::vector<TaskRunState> units_;
  std::vector<std::pair<ComputeId, std::uint32_t>> compute_uses_;  // sorted by compute
  std::unique_ptr<Rare> rare_;
};

// Inline: they run once per task settlement.
inline bool RunState::settle(TaskId t, Lifecycle lifecycle, TaskResult result) {
  TaskRunState& s = task(t);
  ORCHSIM_CHECK(s.result == TaskResult::kNone, "task '{}' settled twice ({} then {})", spec_->dag.key(t),
                to_string(s.result), to_string(result));
  ORCHSIM_CHECK(result != TaskResult::kNone);
  ORCHSIM_CHECK(!s.has(TaskRunState::kTimer) && !s.current.valid(), "task '{}' settled with work in flight",
                spec_->dag.key(t));
  s.lifecycle = lifecycle;
  s.result = result;
  s.flags |= TaskRunState::kDecided;
  ORCHSIM_CHECK(unfinished_ > 0);
  return --unfinished_ == 0;
}

inline void RunState::settle_iteration(std::uint32_t u, Lifecycle lifecycle, TaskResult result) {
  TaskRunState& s = unit(u);
  ORCHSIM_CHECK(s.result == TaskResult::kNone, "iteration settled twice");
  s.result = result;
  s.lifecycle = lifecycle;
  s.flags |= TaskRunState::kDecided;
}

// The first use of a compute not below `compute`: a scan over the few computes of most jobs, a
// binary search over the many of a job with a cluster per task.
inline std::vector<std::pair<ComputeId, std::uint32_t>>::iterator RunState::use_of(ComputeId compute) {
  auto& uses = compute_uses_;
  const auto below = [](const std::pair<ComputeId, std::uint32_t>& use, ComputeId c) { return use.first < c; };
  if (uses.size() > 8) return std::lower_bound(uses.begin(), uses.end(), compute, below);
  auto it = uses.begin();
  while (it != uses.end() && below(*it, compute)) ++it;
  return it;
}

inline bool RunState::release_use(ComputeId compute) {
  const auto it = use_of(compute);
  ORCHSIM_CHECK(it != compute_uses_.end() && it->first == compute, "compute {} is not used by this run", compute);
  ORCHSIM_CHECK(it->second > 0);
  return --it->second == 0;
}

}  // namespace orchsim
