// Engine: drives job runs. Decides readiness from trigger rules, dispatches attempts through the
// TaskRunner (within per-compute execution-context caps), times out and retries them, evaluates
// condition tasks, fans out for_each iterations, starts child runs for run_job tasks, enforces
// max_concurrent_runs (skip or queue) and job timeouts, cancels and repairs runs, commits table
// versions for successful attempts and rolls them back on failure, raises alerts, settles tasks and
// decides each run's outcome from its leaves. Emits every step as an EngineEvent.
//
// It talks only to Runtime& (time, timers) and TaskRunner& (attempts), plus the optional seams in
// EngineOptions: the same code runs in the simulator and live. Single-threaded: every entry point
// runs on the runtime's loop thread. Hot path: index-based, no per-event heap allocation (timers
// carry a 64-bit payload; settlements are drained iteratively, never recursively).
//
// Always-on invariant checks (docs/architecture.md, the rules), cheap enough for every simulated run: a task is
// settled once; at dispatch its rule must say run on its incremental upstream tally (O(1); Debug
// and sanitizer builds also recount the tally from the upstream results, and
// tests/engine/property_test.cpp re-derives it from the trace); attempts after the latest repair never exceed the policy's limit; a commit happens only for
// a succeeded attempt; after a rollback each restored table's content equals its target's; when a
// run finishes no timer of it is left.
//
// Decisions where Databricks' docs are silent (tests/engine/engine_test.cpp pins each one):
//  - Waiting for an execution-context slot happens before the attempt starts: it does not count
//    against the task timeout (cluster start and setup after the slot do).
//  - A job-run timeout stops everything: in-flight attempts are killed and their tasks TIMEDOUT,
//    every other unfinished task is CANCELED (no failure handler runs), the run is TIMEDOUT.
//  - cancel_run kills in-flight attempts (CANCELED) and lets the trigger rules spread it: blocked
//    tasks become UPSTREAM_CANCELED, failure handlers (ALL_DONE, AT_LEAST_ONE_FAILED) still run.
//  - A disabled task whose rule says run is DISABLED; downstream, DISABLED is neither a success
//    nor a failure (engine/trigger.h, from Databricks' disabled-tasks page).
//  - After a cancel or a job timeout nothing is retried.
//  - A run_job child skipped by its job's max_concurrent_runs is a failed attempt of the run_job
//    task (its retry policy applies); the task's timeout runs from the child run's start and
//    cancels the child; its duration warning, like every task's, is per attempt.
//  - A repair with an explicit task list also reruns the tasks downstream of them that did not
//    succeed; rerun_dependent_tasks adds the succeeded ones.
//  - A run_job task has a retry policy like any task: a FAILED (or, with retry_on_timeout,
//    TIMEDOUT) child run is a failed attempt, and a retry triggers a new child run after the
//    trigger latency. This is "restart the whole job" when the child is the pipeline.
//  - Repairs ignore max_concurrent_runs; the retry limit restarts per repair, attempt numbers
//    continue; after a job/pipeline rollback, succeeded tasks whose commits were undone are rerun.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/alerts.h"
#include "engine/condition.h"
#include "engine/events.h"
#include "engine/job.h"
#include "engine/run.h"
#include "engine/runtime.h"
#include "engine/table_store.h"
#include "engine/task_runner.h"

namespace orchsim {

struct EngineOptions {
  std::uint64_t seed = 0;                      // retry jitter: stream "engine.retry" of (seed, run)
  TableStore* tables = nullptr;                // commits and rollback; none: tasks' writes are ignored
  RestoreTiming* restore_timing = nullptr;     // none: restores are instantaneous
  AlertSink* alerts = nullptr;                 // admitted alerts also go here (always emitted as events)
  AlertPolicy alert_policy;
  ValueResolver* values = nullptr;             // condition operands "{{…}}"
  // By ComputeId; 0 or absent: no cap. Counted per compute across every run of this engine: right
  // for an all-purpose cluster (one instance shared by all runs) and for a job cluster while one
  // run of its job is active, too strict for concurrent runs of one job (each has its own job
  // cluster) and for new_cluster computes (an instance per attempt). Simulation leaves it empty:
  // the world enforces the cluster's `max_contexts` per instance (sim/cluster_world.h), which is
  // exact for multi_job child runs and for_each iterations alike. A live runner that starts one
  // job concurrently on job clusters must enforce the cap per instance, as the world does.
  std::vector<std::uint32_t> max_tasks_per_compute;
};

struct RepairRequest {
  std::optional<std::uint32_t> latest_repair_id;  // required once the run has been repaired
  std::vector<TaskId> rerun_tasks;                // empty: every task that did not succeed
  bool rerun_dependent_tasks = false;             // also rerun everything downstream of them
};

struct RepairOutcome {
  std::optional<std::uint32_t> repair_id;  // set when accepted
  std::string refused;                     // why not, when refused
};

class Engine final : public TimerTarget, public AttemptObserver {
 public:
  // `jobs` (indexed by JobId) must outlive the engine and stay unchanged.
  Engine(Runtime& runtime, TaskRunner& runner, EventSink& sink, std::span<const JobSpec> jobs,
         EngineOptions options = {});
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Starts (or queues, or skips, per max_concurrent_runs) a top-level run of `job` now. Its first
  // tasks are dispatched before this returns.
  RunId start_run(JobId job);
  // Cancels a run that is queued or running (no-op on a finished run).
  void cancel_run(RunId run);
  // Repairs a finished top-level run inside the same run (docs/model.md §8).
  RepairOutcome repair_run(RunId run, const RepairRequest& request);
  // Rebuilds a finished top-level run of `job` from its recorded tasks (tasks[i] is TaskId i) and
  // result, emitting nothing and starting nothing, so that repair_run can rerun part of it: how
  // `orchsim exec --repair` continues a run that an earlier process's engine ran. The tables'
  // versions now are the run's start versions (what a rollback of the repair returns to).
  RunId adopt_finished_run(JobId job, std::span<const SettledTask> tasks, JobResult result);

  // A run_job child run is released, its RunState freed, once its parent task has taken its
  // outcome (at the end of the engine callback it finished in): nothing reads a child's tasks
  // afterwards, and its RunStarted and RunFinished events said the rest. Memory then follows the
  // runs under way, not every run opened (multi_job opens one child run per task, issue #15).
  // Every top-level run stays, for reports and repair.
  // The state of a run not released (an error for a released one).
  const RunState& run(RunId id) const;
  // The state of a run, or nullptr once it is released.
  const RunState* find_run(RunId id) const { return runs_[id.index()].get(); }
  // Runs opened so far: RunIds below it were given.
  std::size_t run_count() const { return runs_.size(); }
  // Runs whose state is held (not released).
  std::size_t held_run_count() const { return held_runs_; }
  // True when every run started so far has finished.
  bool idle() const { return open_runs_ == 0; }
  std::uint64_t alerts_suppressed() const { return alert_gate_.suppressed(); }
  // Bytes held by the engine's own arrays and every run held (capacity-based), for the memory benchmark.
  std::size_t memory_bytes() const;
  // Cache hint without semantics, for a runner that knows `attempt` will be reported running soon
  // (bench/slot_runner.h): pulls in the attempt's record, its unit's state and where its downstream
  // edges are, which a large DAG last touched a whole layer ago.
  void prefetch_attempt(AttemptId attempt) const;

  void on_timer(std::uint64_t payload) override;
  void attempt_running(AttemptId attempt) override;
  void attempt_finished(AttemptId attempt, AttemptResult result) override;

 private:
  enum class TimerKind : std::uint8_t {
    kRetry, kTimeout, kChildStart, kTaskWarning, kJobTimeout, kJobWarning, kQueueTimeout, kRestore,
  };
  struct AttemptRecord {
    RunId run;
    std::uint32_t unit;
  };
  struct UnitRef {
    RunId run;
    std::uint32_t unit;
  };

  static std::uint64_t encode(TimerKind kind, RunId run, std::uint32_t unit);
  RunState& state(RunId id) { return *runs_[id.index()]; }
  template <class Event>
  void emit(const Event& event) {
    sink_.on_event(EngineEvent{now_, event});
  }
  TimerId schedule_after(Duration delay, TimerTarget& target, std::uint64_t payload) {
    return runtime_.schedule_at(now_ + delay, target, payload);
  }
  // Cancels a timer in flight; an invalid id (none in flight) is fine.
  void cancel_timer(TimerId timer) {
    if (timer.valid()) runtime_.cancel(timer);
  }

  RunId open_run(JobId job, RunId parent, TaskId parent_task);
  void begin_run(RunState& run);
  void skip_run(RunState& run);
  // The job's timeout fired: every unfinished task stops (see the decisions above).
  void time_out_run(RunState& run);
  // Ends a task under way (or not yet started) with `result`, with its attempts, iterations, timers
  // and child run.
  void stop_task(RunState& run, TaskId task, TaskResult result);
  // Cancels a run, queued or under way, without draining (cancel_run, and a run_job task's child).
  void cancel_child(RunId child);

  void decide(RunState& run, TaskId task);
  void decide_by_rule(RunState& run, TaskId task);  // decide() off its common case
  void dispatch(RunId run, std::uint32_t unit);
  void check_satisfiable(const RunState& run, TaskId task, const TaskSpec& spec) const;
  // `spec`: the settings of the unit's task (a for_each task's own for its iterations).
  void request_slot(RunState& run, std::uint32_t unit, const TaskSpec& spec);
  void release_slot(const RunState& run, TaskId task);  // the slot of `task`'s ended attempt
  void start_attempt(RunState& run, std::uint32_t unit, const TaskSpec& spec);
  // Arms the task's duration warning for the attempt (task run) starting now, if it has one.
  void arm_warning(RunState& run, std::uint32_t unit, const TaskSpec& spec);
  void start_child_run(RunState& run, TaskId task);
  void evaluate_condition(RunState& run, TaskId task);
  void start_iterations(RunState& run, TaskId task);
  void attempt_failed(RunState& run, std::uint32_t unit, FailureKind kind);
  void kill_attempt(RunState& run, std::uint32_t unit, FailureKind kind);
  void commit(RunState& run, std::uint32_t unit, AttemptId attempt);  // with a TableStore only

  // Marks a unit terminal now and queues what follows; drain() applies it and everything it
  // causes, iteratively (a failure can cascade down a million-task chain: no recursion).
  void settle(RunState& run, std::uint32_t unit, TaskResult result);
  void settle_iteration(RunState& run, std::uint32_t unit, TaskResult result);
  void drain();
  void propagate(RunState& run, TaskId task);
  void all_settled(RunState& run);
  void begin_rollback(RunState& run);
  void finish_restore(RunState& run, TableId table);
  void complete_run(RunState& run);
  // A run_job child run ended (finished or skipped) with its parent task's result `r`; it is
  // released at the end of drain().
  void child_ended(const RunState& child, TaskResult r);

  void task_alert(RunState& run, TaskId task, AlertKind kind, std::uint32_t attempt, TaskResult result);
  void job_alert(RunState& run, AlertKind kind, JobResult result);
  void raise(const Alert& alert);

  Runtime& runtime_;
  TaskRunner& runner_;
  EventSink& sink_;
  std::span<const JobSpec> jobs_;
  EngineOptions options_;
  AlertGate alert_gate_;
  // RunId indexes it, null once released; owned one by one so references stay valid as runs are
  // added (a deque would too, but its index costs a division on every callback).
  std::vector<std::unique_ptr<RunState>> runs_;
  std::size_t held_runs_ = 0;  // runs_ entries not null
  // The attempts in flight (started, not finished or killed), by AttemptId: only a few thousand
  // at once where a run makes 1e5 (issue #15), so a map of them rather than a record per attempt.
  std::unordered_map<std::uint32_t, AttemptRecord> live_attempts_;
  std::uint32_t next_attempt_ = 0;
  std::vector<UnitRef> settling_;
  std::vector<RunId> to_release_;  // finished run_job children, released at the end of drain()
  // FIFO from ready_head_: dispatch in the order tasks became ready (a vector, not a deque: the
  // dispatch loop pushes and pops once per task).
  std::vector<UnitRef> ready_;
  std::size_t ready_head_ = 0;
  // The QUEUED runs of `job`, FIFO; made on first use (an empty deque allocates, and multi_job
  // has a job per task, few of which ever queue).
  std::deque<RunId>& queued_runs(JobId job);

  std::vector<std::uint32_t> active_runs_;                      // per job: runs started and not finished
  std::vector<std::unique_ptr<std::deque<RunId>>> queued_runs_;  // per job, to the last that queued: see queued_runs()
  std::vector<std::uint32_t> slots_in_use_;        // per compute with a cap
  std::vector<std::deque<UnitRef>> slot_waiters_;  // per compute with a cap, FIFO
  bool draining_ = false;
  std::size_t open_runs_ = 0;
  // The runtime's time, read once at each entry point (start_run, cancel_run, repair_run and the
  // runtime's callbacks): time stands still within a callback, and now() is a virtual call.
  SimTime now_;
};

}  // namespace orchsim
