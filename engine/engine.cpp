#include "engine/engine.h"

#include <algorithm>

#include <fmt/format.h>

#include "engine/check.h"

namespace orchsim {

namespace {

// A timer's payload: kind in the top 8 bits, run in the next 24, unit in the low 32.
constexpr unsigned kKindShift = 56;
constexpr unsigned kRunShift = 32;
constexpr std::uint64_t kRunMask = (std::uint64_t{1} << (kKindShift - kRunShift)) - 1;
constexpr std::uint64_t kUnitMask = (std::uint64_t{1} << kRunShift) - 1;

// The ready queue drops its consumed front once this many entries were consumed and they are at
// least half of it.
constexpr std::size_t kCompactReadyFrom = 4096;

TaskResult task_result_of_child(JobResult child) {
  switch (child) {
    case JobResult::kSuccess:
    case JobResult::kSuccessWithFailures: return TaskResult::kSuccess;
    case JobResult::kCanceled: return TaskResult::kCanceled;
    case JobResult::kTimedOut: return TaskResult::kTimedOut;
    default: return TaskResult::kFailed;
  }
}

Lifecycle lifecycle_of(TaskResult r) {
  switch (r) {
    case TaskResult::kExcluded:
    case TaskResult::kUpstreamFailed:
    case TaskResult::kUpstreamCanceled:
    case TaskResult::kDisabled: return Lifecycle::kSkipped;
    case TaskResult::kInternalError: return Lifecycle::kInternalError;
    default: return Lifecycle::kTerminated;
  }
}

TaskResult result_of_failure(FailureKind kind) {
  switch (kind) {
    case FailureKind::kTimeout: return TaskResult::kTimedOut;
    case FailureKind::kCanceled: return TaskResult::kCanceled;
    default: return TaskResult::kFailed;
  }
}

bool raises_failure_alert(TaskResult r) {
  return r == TaskResult::kFailed || r == TaskResult::kTimedOut || r == TaskResult::kInternalError ||
         r == TaskResult::kCanceled;
}

bool job_succeeded(JobResult r) { return r == JobResult::kSuccess || r == JobResult::kSuccessWithFailures; }

}  // namespace

Engine::Engine(Runtime& runtime, TaskRunner& runner, EventSink& sink, std::span<const JobSpec> jobs,
               EngineOptions options)
    : runtime_(runtime), runner_(runner), sink_(sink), jobs_(jobs), options_(std::move(options)),
      alert_gate_(options_.alert_policy), active_runs_(jobs.size(), 0),
      slots_in_use_(options_.max_tasks_per_compute.size(), 0), slot_waiters_(options_.max_tasks_per_compute.size()) {}

const RunState& Engine::run(RunId id) const {
  const RunState* r = find_run(id);
  ORCHSIM_CHECK(r != nullptr, "run {} was a run_job child run, released once its parent task took its outcome", id);
  return *r;
}

std::deque<RunId>& Engine::queued_runs(JobId job) {
  if (queued_runs_.size() <= job.index()) queued_runs_.resize(job.index() + 1);
  auto& q = queued_runs_[job.index()];
  if (!q) q = std::make_unique<std::deque<RunId>>();
  return *q;
}

std::uint64_t Engine::encode(TimerKind kind, RunId run, std::uint32_t unit) {
  ORCHSIM_CHECK(run.value() <= kRunMask, "too many runs for one engine");
  return (static_cast<std::uint64_t>(kind) << kKindShift) | (static_cast<std::uint64_t>(run.value()) << kRunShift) |
         unit;
}

// ---------------------------------------------------------------------------------------------
// Runs: open, queue, skip, begin, stop, cancel.

RunId Engine::start_run(JobId job) {
  now_ = runtime_.now();
  const RunId id = open_run(job, RunId::invalid(), TaskId::invalid());
  drain();
  return id;
}

RunId Engine::open_run(JobId job, RunId parent, TaskId parent_task) {
  ORCHSIM_CHECK(job.index() < jobs_.size(), "unknown job {}", job);
  const RunId id(static_cast<std::uint32_t>(runs_.size()));
  const JobSpec& spec = jobs_[job.index()];
  const std::size_t tables = options_.tables != nullptr ? options_.tables->table_count() : 0;
  runs_.push_back(std::make_unique<RunState>(id, job, spec, parent, parent_task, now_, tables));
  ++held_runs_;
  RunState& run = *runs_.back();
  // max_concurrent_runs 0: "all new runs are skipped", queue or not.
  if (spec.max_concurrent_runs == 0) {
    skip_run(run);
  } else if (active_runs_[job.index()] < spec.max_concurrent_runs) {
    ++open_runs_;
    begin_run(run);
  } else if (spec.queue) {
    ++open_runs_;
    queued_runs(job).push_back(id);
    run.set_queue_timer(schedule_after(spec.max_queue_wait, *this, encode(TimerKind::kQueueTimeout, id, 0)));
    emit(RunQueued{id, job, parent});
  } else {
    skip_run(run);
  }
  return id;
}

void Engine::skip_run(RunState& run) {
  run.skip(now_);
  emit(RunFinished{run.id(), run.job(), JobResult::kSkipped, run.timing()});
  job_alert(run, AlertKind::kFailure, JobResult::kSkipped);
  if (run.parent().valid()) child_ended(run, TaskResult::kFailed);
}

void Engine::begin_run(RunState& run) {
  const JobSpec& spec = run.spec();
  ++active_runs_[run.job().index()];
  run.begin(now_);
  if (options_.tables != nullptr) {
    for (std::size_t i = 0; i < run.table_count(); ++i) {
      const TableId t(static_cast<std::uint32_t>(i));
      run.record_start_version(t, options_.tables->current(t).version);
    }
  }
  emit(RunStarted{run.id(), run.job(), run.parent()});
  job_alert(run, AlertKind::kStart, JobResult::kNone);
  if (const auto timeout = spec.timeout()) {
    run.set_timeout_timer(schedule_after(*timeout, *this, encode(TimerKind::kJobTimeout, run.id(), 0)));
  }
  if (const auto warning = spec.notifications().duration_warning) {
    run.set_warn_timer(schedule_after(*warning, *this, encode(TimerKind::kJobWarning, run.id(), 0)));
  }
  if (spec.dag.size() == 0) {
    all_settled(run);
    return;
  }
  const bool eager = spec.evaluation == EvaluationMode::kEager;
  for (TaskId t : spec.dag.topological_order()) {
    if (spec.dag.upstream(t).empty() || (eager && spec.tasks[t.index()].run_if == RunIf::kAirflowAlways)) {
      decide(run, t);
    }
  }
}

void Engine::cancel_run(RunId id) {
  now_ = runtime_.now();
  const RunState* run = find_run(id);
  if (run == nullptr || run->done() || run->finishing()) return;
  cancel_child(id);
  drain();
}

void Engine::time_out_run(RunState& run) {
  run.time_out();
  for (std::size_t i = 0; i < run.task_count(); ++i) {
    const TaskId t(static_cast<std::uint32_t>(i));
    const TaskRunState& ts = run.task(t);
    if (ts.result != TaskResult::kNone) continue;
    // Under way: the run's timeout ended it. Not started: it never will.
    const bool under_way = ts.lifecycle != Lifecycle::kBlocked;
    stop_task(run, t, under_way ? TaskResult::kTimedOut : TaskResult::kCanceled);
  }
}

void Engine::stop_task(RunState& run, TaskId task, TaskResult result) {
  TaskRunState& ts = run.task(task);
  const TaskSpec& spec = run.spec().tasks[task.index()];
  const FailureKind kind = result == TaskResult::kTimedOut ? FailureKind::kTimeout : FailureKind::kCanceled;
  cancel_timer(run.take_unit_timer(task.value()));
  if (ts.current.valid()) kill_attempt(run, task.value(), kind);
  if (spec.kind == TaskKind::kForEach) {
    // Its iterations' attempts end before the task does: no attempt of it outlives its TaskFinished.
    const RunState::ForEachState& fe = run.for_each(task);
    for (std::uint32_t i = 0; i < fe.started; ++i) {
      TaskRunState& us = run.unit(fe.first_unit + i);
      if (us.result != TaskResult::kNone) continue;
      cancel_timer(run.take_unit_timer(fe.first_unit + i));
      if (us.current.valid()) kill_attempt(run, fe.first_unit + i, kind);
    }
  }
  ts.set(TaskRunState::kDecided);
  settle(run, task.value(), result);
  if (spec.kind == TaskKind::kForEach) {
    const RunState::ForEachState& fe = run.for_each(task);
    for (std::uint32_t i = 0; i < fe.started; ++i) {
      if (run.unit(fe.first_unit + i).result == TaskResult::kNone) settle(run, fe.first_unit + i, result);
    }
  }
  if (spec.kind == TaskKind::kRunJob && ts.has(TaskRunState::kChildStarted)) cancel_child(RunId(ts.aux));
}

void Engine::cancel_child(RunId child) {
  // Released: a child that ended while its parent task waits to retry.
  if (find_run(child) == nullptr) return;
  RunState& run = state(child);
  if (run.done() || run.finishing()) return;
  if (!run.begun()) {  // QUEUED: leaves the queue, CANCELED
    auto& q = queued_runs(run.job());
    q.erase(std::find(q.begin(), q.end(), child));
    cancel_timer(run.take_queue_timer());
    run.cancel_queued(now_);
    complete_run(run);
    return;
  }
  run.cancel();
  // Only tasks already under way are canceled; the trigger rules spread it to the rest, and
  // failure handlers still run (docs/model.md §7).
  for (std::size_t i = 0; i < run.task_count(); ++i) {
    const TaskId t(static_cast<std::uint32_t>(i));
    const TaskRunState& ts = run.task(t);
    if (ts.result == TaskResult::kNone && ts.has(TaskRunState::kDecided)) stop_task(run, t, TaskResult::kCanceled);
  }
}

// ---------------------------------------------------------------------------------------------
// Readiness and dispatch.

// Inline (here and below): the per-task path is a chain of small steps whose calls would cost more
// than their bodies. Each is used in this file only.
inline void Engine::decide(RunState& run, TaskId task) {
  TaskRunState& ts = run.task(task);
  if (ts.has(TaskRunState::kDecided)) return;
  // Every upstream task settled and succeeded (or none): run, when every task of the job has the
  // default rule and is enabled. No spec lookup on this path (it runs once per task).
  if (run.plain_rules() && ts.pending == 0 && ts.tally.succeeded == ts.tally.total()) {
    ts.set(TaskRunState::kDecided);
    ready_.push_back({run.id(), task.value()});
    return;
  }
  decide_by_rule(run, task);
}

void Engine::decide_by_rule(RunState& run, TaskId task) {
  TaskRunState& ts = run.task(task);
  const JobSpec& spec = run.spec();
  // pending + settled is the in-degree: no DAG lookup on this path (it runs once per edge).
  std::optional<TriggerDecision> d;
  if (ts.pending == 0 && ts.tally.total() == 0) {
    d = TriggerDecision::kRun;
  } else {
    if (ts.pending > 0 && spec.evaluation != EvaluationMode::kEager) return;
    d = evaluate(spec.tasks[task.index()].run_if, ts.tally, ts.pending);
    if (!d) return;
  }
  ts.set(TaskRunState::kDecided);
  switch (*d) {
    case TriggerDecision::kRun:
      if (spec.tasks[task.index()].disabled) settle(run, task.value(), TaskResult::kDisabled);
      else ready_.push_back({run.id(), task.value()});
      break;
    case TriggerDecision::kUpstreamFailed: settle(run, task.value(), TaskResult::kUpstreamFailed); break;
    case TriggerDecision::kExcluded: settle(run, task.value(), TaskResult::kExcluded); break;
    case TriggerDecision::kUpstreamCanceled: settle(run, task.value(), TaskResult::kUpstreamCanceled); break;
    case TriggerDecision::kDisabled: settle(run, task.value(), TaskResult::kDisabled); break;
  }
}

inline void Engine::check_satisfiable(const RunState& run, TaskId task, const TaskSpec& spec) const {
  const Dag& dag = run.spec().dag;
  const TaskRunState& ts = run.task(task);
  const auto indegree = static_cast<std::uint32_t>(dag.upstream(task).size());
  if (indegree == 0) return;
#ifndef NDEBUG
  // Debug and sanitizer builds also recount the tally from the upstream results (O(indegree)).
  const auto ups = dag.upstream(task);
  const auto gates = dag.upstream_gates(task);
  UpstreamTally fresh;
  for (std::size_t k = 0; k < ups.size(); ++k) {
    const TaskResult r = run.task(ups[k]).result;
    if (r != TaskResult::kNone) fresh.add(r, run.gate_matches(ups[k], gates[k]));
  }
  ORCHSIM_CHECK(fresh == ts.tally, "task '{}': incremental upstream tally disagrees with a recount", dag.key(task));
#endif
  const std::uint32_t settled = ts.tally.total();
  ORCHSIM_CHECK(settled <= indegree, "task '{}' counts {} settled upstream tasks of {}", dag.key(task), settled,
                indegree);
  const std::uint32_t pending = indegree - settled;
  ORCHSIM_CHECK(ts.pending == pending, "task '{}' counts {} pending upstream tasks, its tally {}", dag.key(task),
                ts.pending, pending);
  ORCHSIM_CHECK(pending == 0 || run.spec().evaluation == EvaluationMode::kEager,
                "task '{}' dispatched with {} upstream tasks unfinished", dag.key(task), pending);
  const auto d = evaluate(spec.run_if, ts.tally, pending);
  ORCHSIM_CHECK(d == TriggerDecision::kRun, "task '{}' dispatched but its rule {} does not say run", dag.key(task),
                to_string(spec.run_if));
}

inline void Engine::dispatch(RunId run_id, std::uint32_t unit) {
  RunState& run = state(run_id);
  TaskRunState& ts = run.unit(unit);
  if (ts.result != TaskResult::kNone) return;  // settled while waiting (cancel, timeout)
  const TaskId task(unit);
  const TaskSpec& spec = run.spec().tasks[unit];
  check_satisfiable(run, task, spec);
  emit(TaskStarted{run_id, task});
  // Work and run_job tasks arm the duration warning per attempt (each retry is a new task run).
  if (spec.kind == TaskKind::kCondition || spec.kind == TaskKind::kForEach) arm_warning(run, unit, spec);
  if (spec.kind != TaskKind::kWork && run.has_task_alerts()) task_alert(run, task, AlertKind::kStart, 1, TaskResult::kNone);
  switch (spec.kind) {
    case TaskKind::kWork: request_slot(run, unit, spec); break;
    case TaskKind::kRunJob:
      ts.lifecycle = Lifecycle::kPending;
      run.set_unit_timer(unit, schedule_after(spec.trigger_latency, *this, encode(TimerKind::kChildStart, run_id, unit)));
      break;
    case TaskKind::kCondition: evaluate_condition(run, task); break;
    case TaskKind::kForEach: start_iterations(run, task); break;
  }
}

inline void Engine::request_slot(RunState& run, std::uint32_t unit, const TaskSpec& spec) {
  if (options_.max_tasks_per_compute.empty()) {  // no caps: no compute lookup either
    start_attempt(run, unit, spec);
    return;
  }
  const std::size_t c = run.spec().tasks.compute(run.task_of(unit).index()).index();
  if (c < options_.max_tasks_per_compute.size() && options_.max_tasks_per_compute[c] > 0) {
    if (slots_in_use_[c] == options_.max_tasks_per_compute[c]) {
      run.unit(unit).lifecycle = Lifecycle::kQueued;
      slot_waiters_[c].push_back({run.id(), unit});
      return;
    }
    ++slots_in_use_[c];
  }
  start_attempt(run, unit, spec);
}

inline void Engine::release_slot(const RunState& run, TaskId task) {
  if (options_.max_tasks_per_compute.empty()) return;  // no caps: no spec lookup either
  const ComputeId c = run.spec().tasks.compute(task.index());
  if (c.index() >= options_.max_tasks_per_compute.size() || options_.max_tasks_per_compute[c.index()] == 0) return;
  auto& waiters = slot_waiters_[c.index()];
  while (!waiters.empty()) {
    const UnitRef w = waiters.front();
    waiters.pop_front();
    if (find_run(w.run) == nullptr) continue;  // canceled meanwhile, and its run finished
    RunState& waiting = state(w.run);
    const TaskRunState& ws = waiting.unit(w.unit);
    if (ws.result != TaskResult::kNone || ws.lifecycle != Lifecycle::kQueued) continue;  // canceled meanwhile
    // The slot passes straight on.
    start_attempt(waiting, w.unit, waiting.spec().tasks[waiting.task_of(w.unit).index()]);
    return;
  }
  ORCHSIM_CHECK(slots_in_use_[c.index()] > 0);
  --slots_in_use_[c.index()];
}

inline void Engine::arm_warning(RunState& run, std::uint32_t unit, const TaskSpec& spec) {
  if (!spec.notifications.duration_warning) return;
  cancel_timer(run.take_unit_warn_timer(unit));
  run.set_unit_warn_timer(unit, schedule_after(*spec.notifications.duration_warning, *this,
                                               encode(TimerKind::kTaskWarning, run.id(), unit)));
}

inline void Engine::start_attempt(RunState& run, std::uint32_t unit, const TaskSpec& spec) {
  TaskRunState& ts = run.unit(unit);
  const AttemptId attempt(next_attempt_++);
  live_attempts_.emplace(attempt.value(), AttemptRecord{run.id(), unit});
  ts.lifecycle = Lifecycle::kPending;
  ts.current = attempt;
  ts.attempt_started = now_;
  ++ts.attempts;
  const TaskId task = run.task_of(unit);
  const ComputeId compute = run.spec().tasks.compute(task.index());
  const std::uint32_t in_repair = run.attempts_in_repair(unit);
  if (const auto limit = spec.retry.max_attempts()) {
    ORCHSIM_CHECK(in_repair <= *limit, "task '{}' started attempt {} over its limit {}", run.spec().dag.key(task),
                  in_repair, *limit);
  }
  if (spec.timeout) {
    run.set_unit_timer(unit, schedule_after(*spec.timeout, *this, encode(TimerKind::kTimeout, run.id(), unit)));
  }
  const std::optional<std::uint32_t> iteration =
      run.is_iteration(unit) ? std::optional<std::uint32_t>(run.iteration_of(unit)) : std::nullopt;
  if (!iteration) arm_warning(run, unit, spec);
  emit(AttemptStarted{run.id(), task, attempt, ts.attempts, compute, iteration});
  if (run.has_task_alerts() && !iteration && (!spec.notifications.alert_on_last_attempt || in_repair == 1)) {
    task_alert(run, task, AlertKind::kStart, ts.attempts, TaskResult::kNone);
  }
  runner_.start(AttemptRequest{attempt, run.id(), run.job(), task, compute, ts.attempts, iteration}, *this);
}

void Engine::start_child_run(RunState& run, TaskId task) {
  TaskRunState& ts = run.task(task);
  run.take_unit_timer(task.value());  // the child-start timer, which fired
  ts.lifecycle = Lifecycle::kRunning;
  ts.attempt_started = now_;
  ++ts.attempts;
  ts.aux = static_cast<std::uint32_t>(runs_.size());  // the id open_run will give the child
  ts.set(TaskRunState::kChildStarted);
  const TaskSpec& spec = run.spec().tasks[task.index()];
  // The attempt's timeout runs from the child run's start (before open_run: a child skipped at
  // once fails this attempt inside it).
  if (spec.timeout) {
    run.set_unit_timer(task.value(), schedule_after(*spec.timeout, *this, encode(TimerKind::kTimeout, run.id(), task.value())));
  }
  arm_warning(run, task.value(), spec);
  // open_run appends to runs_ (owning pointers: references stay valid).
  open_run(run.spec().tasks.child_job(task.index()), run.id(), task);
}

void Engine::evaluate_condition(RunState& run, TaskId task) {
  const Condition& c = run.spec().tasks[task.index()].condition;
  // Literal operands are compared in place; only references are resolved (and allocate).
  std::optional<std::string> left_value, right_value;
  std::string_view left = c.left, right = c.right;
  bool resolved = true;
  if (is_reference(c.left)) {
    left_value = options_.values != nullptr ? options_.values->resolve(run.id(), c.left) : std::nullopt;
    resolved = resolved && left_value.has_value();
    if (left_value) left = *left_value;
  }
  if (is_reference(c.right)) {
    right_value = options_.values != nullptr ? options_.values->resolve(run.id(), c.right) : std::nullopt;
    resolved = resolved && right_value.has_value();
    if (right_value) right = *right_value;
  }
  const std::optional<bool> outcome = resolved ? evaluate(c.op, left, right) : std::nullopt;
  const bool evaluable = outcome.has_value();
  const bool value = evaluable && *outcome;
  emit(ConditionEvaluated{run.id(), task, evaluable, value});
  TaskRunState& ts = run.task(task);
  ts.lifecycle = Lifecycle::kRunning;
  if (value) ts.set(TaskRunState::kOutcomeTrue);
  settle(run, task.value(), evaluable ? TaskResult::kSuccess : TaskResult::kFailed);
}

void Engine::start_iterations(RunState& run, TaskId task) {
  run.task(task).lifecycle = Lifecycle::kRunning;
  const TaskSpec& spec = run.spec().tasks[task.index()];
  const ForEach& each = spec.for_each;
  RunState::ForEachState& fe = run.for_each(task);
  if (each.inputs == 0) {
    settle(run, task.value(), TaskResult::kSuccess);
    return;
  }
  while (fe.started < std::min(each.concurrency, each.inputs)) {
    const std::uint32_t u = fe.first_unit + fe.started;
    ++fe.started;
    ++fe.running;
    request_slot(run, u, spec);
  }
}

// ---------------------------------------------------------------------------------------------
// Attempts.

void Engine::on_timer(std::uint64_t payload) {
  now_ = runtime_.now();
  const auto kind = static_cast<TimerKind>(payload >> kKindShift);
  const RunId run_id(static_cast<std::uint32_t>((payload >> kRunShift) & kRunMask));
  const auto unit = static_cast<std::uint32_t>(payload & kUnitMask);
  RunState& run = state(run_id);
  switch (kind) {
    case TimerKind::kRetry: {
      run.take_unit_timer(unit);  // this one
      const TaskSpec& spec = run.spec().tasks[run.task_of(unit).index()];
      // A retried run_job task triggers a new child run, paying the trigger latency again.
      if (spec.kind == TaskKind::kRunJob && !run.is_iteration(unit)) {
        run.unit(unit).lifecycle = Lifecycle::kPending;
        run.set_unit_timer(unit, schedule_after(spec.trigger_latency, *this, encode(TimerKind::kChildStart, run.id(), unit)));
      } else {
        request_slot(run, unit, spec);
      }
      break;
    }
    case TimerKind::kChildStart: start_child_run(run, TaskId(unit)); break;
    case TimerKind::kTimeout: {
      TaskRunState& ts = run.unit(unit);
      run.take_unit_timer(unit);  // this one
      if (ts.current.valid()) {
        kill_attempt(run, unit, FailureKind::kTimeout);
      } else {
        // A run_job attempt: its child run is canceled and is no longer the task's attempt.
        const RunId child(ts.aux);
        ts.clear(TaskRunState::kChildStarted);
        cancel_child(child);
      }
      attempt_failed(run, unit, FailureKind::kTimeout);
      break;
    }
    case TimerKind::kTaskWarning: {
      run.take_unit_warn_timer(unit);  // this one
      task_alert(run, TaskId(unit), AlertKind::kDurationWarning, run.unit(unit).attempts, TaskResult::kNone);
      break;
    }
    case TimerKind::kJobTimeout:
      run.take_timeout_timer();
      time_out_run(run);
      break;
    case TimerKind::kJobWarning:
      run.take_warn_timer();
      job_alert(run, AlertKind::kDurationWarning, JobResult::kNone);
      break;
    case TimerKind::kQueueTimeout: {
      run.take_queue_timer();
      auto& q = queued_runs(run.job());
      q.erase(std::find(q.begin(), q.end(), run_id));
      --open_runs_;
      skip_run(run);
      break;
    }
    case TimerKind::kRestore: finish_restore(run, TableId(unit)); break;
  }
  drain();
}

void Engine::prefetch_attempt(AttemptId attempt) const {
  const auto it = live_attempts_.find(attempt.value());
  if (it == live_attempts_.end()) return;
  const AttemptRecord rec = it->second;
  const RunState& r = run(rec.run);
  r.prefetch(rec.unit);
  if (rec.unit < r.task_count()) r.spec().dag.prefetch_downstream(TaskId(rec.unit));
}

void Engine::attempt_running(AttemptId attempt) {
  now_ = runtime_.now();
  const auto it = live_attempts_.find(attempt.value());
  ORCHSIM_CHECK(it != live_attempts_.end(), "attempt {} reported running after it ended", attempt);
  const AttemptRecord rec = it->second;
  ORCHSIM_CHECK(find_run(rec.run) != nullptr, "attempt {} reported running after its run finished", attempt);
  RunState& run = state(rec.run);
  TaskRunState& ts = run.unit(rec.unit);
  // The successors are updated (and may start) when this attempt ends; fetch their state while it runs.
  if (rec.unit < run.task_count()) {
    const JobSpec& job = run.spec();
    for (const TaskId d : job.dag.downstream(TaskId(rec.unit))) {
      run.prefetch(d.index());
      job.dag.prefetch_upstream(d);
      job.tasks.prefetch(d.index());
    }
  }
  ORCHSIM_CHECK(ts.current == attempt, "stale attempt {} reported running", attempt);
  ts.lifecycle = Lifecycle::kRunning;
  run.note_running(now_);
  emit(AttemptRunning{rec.run, run.task_of(rec.unit), attempt});
}

void Engine::attempt_finished(AttemptId attempt, AttemptResult result) {
  now_ = runtime_.now();
  const auto it = live_attempts_.find(attempt.value());
  ORCHSIM_CHECK(it != live_attempts_.end(), "attempt {} reported finished after it ended", attempt);
  const AttemptRecord rec = it->second;
  live_attempts_.erase(it);
  ORCHSIM_CHECK(find_run(rec.run) != nullptr, "attempt {} reported finished after its run finished", attempt);
  RunState& run = state(rec.run);
  TaskRunState& ts = run.unit(rec.unit);
  ORCHSIM_CHECK(ts.current == attempt, "stale attempt {} reported finished", attempt);
  cancel_timer(run.take_unit_timer(rec.unit));
  ts.current = AttemptId::invalid();
  const TaskId task = run.task_of(rec.unit);
  emit(AttemptFinished{rec.run, task, attempt, result});
  release_slot(run, task);
  if (result.succeeded) {
    if (options_.tables != nullptr) commit(run, rec.unit, attempt);
    settle(run, rec.unit, TaskResult::kSuccess);
  } else {
    attempt_failed(run, rec.unit, result.failure);
  }
  drain();
}

void Engine::kill_attempt(RunState& run, std::uint32_t unit, FailureKind kind) {
  TaskRunState& ts = run.unit(unit);
  const AttemptId attempt = ts.current;
  runner_.kill(attempt);
  live_attempts_.erase(attempt.value());
  cancel_timer(run.take_unit_timer(unit));
  ts.current = AttemptId::invalid();
  const TaskId task = run.task_of(unit);
  emit(AttemptFinished{run.id(), task, attempt, AttemptResult::failed(kind)});
  release_slot(run, task);
}

void Engine::attempt_failed(RunState& run, std::uint32_t unit, FailureKind kind) {
  TaskRunState& ts = run.unit(unit);
  const TaskId task = run.task_of(unit);
  const TaskSpec& spec = run.spec().tasks[task.index()];
  cancel_timer(run.take_unit_warn_timer(unit));  // the warning is per task run (attempt)
  const TaskResult final_result = result_of_failure(kind);
  if (run.stopping()) {
    settle(run, unit, final_result);
    return;
  }
  Rng jitter = run.retry_rng(options_.seed, unit);
  const auto next = next_attempt_time(
      spec.retry, {run.attempts_in_repair(unit), kind, ts.attempt_started, now_, run.retry_budget_left()}, jitter);
  if (!next) {
    settle(run, unit, final_result);
    return;
  }
  run.count_retry();
  ts.lifecycle = Lifecycle::kWaitingForRetry;
  run.set_unit_timer(unit, runtime_.schedule_at(*next, *this, encode(TimerKind::kRetry, run.id(), unit)));
  const bool iteration = run.is_iteration(unit);
  emit(RetryScheduled{run.id(), task, *next,
                      iteration ? std::optional<std::uint32_t>(run.iteration_of(unit)) : std::nullopt});
  if (iteration) return;
  if (!spec.notifications.alert_on_last_attempt) task_alert(run, task, AlertKind::kFailure, ts.attempts, final_result);
  task_alert(run, task, AlertKind::kRetry, ts.attempts + 1, TaskResult::kNone);
}

void Engine::commit(RunState& run, std::uint32_t unit, AttemptId attempt) {
  const TaskId task = run.task_of(unit);
  const auto& writes = run.spec().tasks[task.index()].writes;
  if (writes.empty()) return;
  options_.tables->commit(writes, CommitInfo{now_, run.id(), task, attempt});
  const bool partial = run.is_iteration(unit);
  for (TableId t : writes) {
    const std::uint64_t v = options_.tables->current(t).version;
    emit(TableCommitted{run.id(), task, attempt, t, v});
    run.record_commit(t, v, partial);
    for (RunId p = run.parent(); p.valid(); p = state(p).parent()) state(p).record_descendant_commit(t);
  }
}

// ---------------------------------------------------------------------------------------------
// Settlement.

void Engine::settle(RunState& run, std::uint32_t unit, TaskResult result) {
  if (run.is_iteration(unit)) {
    settle_iteration(run, unit, result);
    return;
  }
  const TaskId task(unit);
  TaskRunState& ts = run.task(task);
  const TaskSpec& spec = run.spec().tasks[unit];
  cancel_timer(run.take_unit_warn_timer(unit));
  const bool ran = ts.lifecycle != Lifecycle::kBlocked;  // dispatched (alerts concern tasks that ran)
  run.settle(task, lifecycle_of(result), result);
  emit(TaskFinished{run.id(), task, result});
  if (ran && run.has_task_alerts()) {
    if (result == TaskResult::kSuccess) task_alert(run, task, AlertKind::kSuccess, ts.attempts, result);
    if (raises_failure_alert(result)) task_alert(run, task, AlertKind::kFailure, ts.attempts, result);
  }
  if (spec.kind == TaskKind::kWork || spec.kind == TaskKind::kForEach) {
    const ComputeId compute = run.spec().tasks.compute(unit);
    if (run.release_use(compute)) runner_.release(run.id(), compute);
  }
  if (spec.kind == TaskKind::kForEach && result == TaskResult::kSuccess && options_.tables != nullptr) {
    // Every iteration committed: the task's newest commit becomes known good (a concurrent
    // for_each's partial commits before it are then part of the good history too; linear history
    // cannot tell them apart).
    for (TableId t : spec.writes) {
      const auto hist = options_.tables->history(t);
      for (auto v = hist.rbegin(); v != hist.rend() && v->version > run.good_version(t); ++v) {
        if (v->kind == VersionKind::kCommit && v->info.run == run.id() && v->info.task == task) {
          run.set_good_version(t, v->version);
          break;
        }
      }
    }
  }
  settling_.push_back({run.id(), unit});
}

void Engine::settle_iteration(RunState& run, std::uint32_t unit, TaskResult result) {
  run.settle_iteration(unit, lifecycle_of(result), result);
  const TaskId task = run.task_of(unit);
  const std::uint32_t index = run.iteration_of(unit);
  emit(IterationFinished{run.id(), task, index, result});
  RunState::ForEachState& fe = run.for_each(task);
  --fe.running;
  ++fe.done;
  if (result != TaskResult::kSuccess) ++fe.failed;
  if (run.task(task).result != TaskResult::kNone) return;  // the for_each task was stopped
  const TaskSpec& spec = run.spec().tasks[task.index()];
  const std::uint32_t inputs = spec.for_each.inputs;
  if (fe.started < inputs && !run.stopping()) {
    const std::uint32_t next = fe.first_unit + fe.started;
    ++fe.started;
    ++fe.running;
    request_slot(run, next, spec);
  }
  if (fe.done == inputs) settle(run, task.value(), fe.failed > 0 ? TaskResult::kFailed : TaskResult::kSuccess);
}

void Engine::drain() {
  if (draining_) return;
  draining_ = true;
  // Settlements first (they may make tasks ready), then dispatch; repeat until quiet.
  while (!settling_.empty() || ready_head_ < ready_.size()) {
    while (!settling_.empty()) {
      const UnitRef s = settling_.back();
      settling_.pop_back();
      RunState& run = state(s.run);
      propagate(run, TaskId(s.unit));
      if (run.awaiting_outcome()) all_settled(run);
    }
    if (ready_head_ < ready_.size()) {
      const UnitRef r = ready_[ready_head_++];
      if (ready_head_ == ready_.size()) {
        ready_.clear();
        ready_head_ = 0;
      } else if (ready_head_ >= kCompactReadyFrom && 2 * ready_head_ >= ready_.size()) {
        // A long burst: drop the consumed front so the queue stays within twice what is waiting.
        ready_.erase(ready_.begin(), ready_.begin() + static_cast<std::ptrdiff_t>(ready_head_));
        ready_head_ = 0;
      }
      dispatch(r.run, r.unit);
    }
  }
  draining_ = false;
  // Quiet: no settlement or dispatch refers to a finished child any more.
  for (const RunId child : to_release_) runs_[child.index()].reset();
  held_runs_ -= to_release_.size();
  to_release_.clear();
  ORCHSIM_CHECK(open_runs_ > 0 || live_attempts_.empty(), "{} attempts in flight with no run open",
                live_attempts_.size());
}

inline void Engine::propagate(RunState& run, TaskId task) {
  const Dag& dag = run.spec().dag;
  const TaskRunState& ts = run.task(task);
  const TaskResult result = ts.result;
  const bool outcome_true = ts.has(TaskRunState::kOutcomeTrue);
  const bool eager = run.spec().evaluation == EvaluationMode::kEager;
  const auto down = dag.downstream(task);
  const auto gates = dag.downstream_gates(task);
  for (std::size_t k = 0; k < down.size(); ++k) {
    TaskRunState& ds = run.task(down[k]);
    // A task a partial repair did not rerun is settled and waits on nothing: leave it alone.
    if (ds.pending == 0) continue;
    --ds.pending;
    ds.tally.add(result, RunState::gate_matches(outcome_true, gates[k]));
    // Outside eager mode a rule decides only once every upstream task has settled.
    if (!ds.has(TaskRunState::kDecided) && (ds.pending == 0 || eager)) decide(run, down[k]);
  }
}

void Engine::all_settled(RunState& run) {
  const JobResult outcome = run.finish_execution(now_);
  cancel_timer(run.take_timeout_timer());
  if (!job_succeeded(outcome) && options_.tables != nullptr && run.spec().rollback != RollbackScope::kNone) {
    begin_rollback(run);
    return;
  }
  complete_run(run);
}

void Engine::begin_rollback(RunState& run) {
  TableStore& store = *options_.tables;
  // A table needs a restore when the scope covers it and its content differs from its target.
  auto needs_restore = [&](TableId t) {
    const auto target = run.rollback_target(t);
    return target && store.current(t).content != store.history(t)[*target].content;
  };
  std::uint32_t count = 0;
  for (std::size_t i = 0; i < store.table_count(); ++i) count += needs_restore(TableId(static_cast<std::uint32_t>(i)));
  run.begin_rollback(count);
  if (count > 0) emit(RollbackStarted{run.id(), run.spec().rollback, count});
  for (std::size_t i = 0; i < store.table_count(); ++i) {
    const TableId t(static_cast<std::uint32_t>(i));
    if (!needs_restore(t)) continue;
    const Duration d = options_.restore_timing != nullptr
                           ? options_.restore_timing->restore_duration(t, store.current(t).version, *run.rollback_target(t))
                           : Duration::zero();
    schedule_after(d, *this, encode(TimerKind::kRestore, run.id(), t.value()));
  }
  if (count == 0) complete_run(run);
}

void Engine::finish_restore(RunState& run, TableId t) {
  TableStore& store = *options_.tables;
  const auto target = run.rollback_target(t);
  ORCHSIM_CHECK(target.has_value());
  const TableVersion& v = store.restore(t, *target, CommitInfo{now_, run.id(), TaskId::invalid(), AttemptId::invalid()});
  ORCHSIM_CHECK(v.content == store.history(t)[*target].content, "table '{}' differs from its last known good version after restore",
                store.name(t));
  emit(TableRestored{run.id(), t, *target, v.version});
  if (run.finish_restore()) complete_run(run);
}

void Engine::complete_run(RunState& run) {
  cancel_timer(run.take_warn_timer());
  ORCHSIM_CHECK(!run.has_work_in_flight(), "run {} finished with work or timers in flight", run.id());
  run.complete(now_);
  --open_runs_;
  if (run.begun()) --active_runs_[run.job().index()];
  emit(RunFinished{run.id(), run.job(), run.result(), run.timing()});
  job_alert(run, job_succeeded(run.result()) ? AlertKind::kSuccess : AlertKind::kFailure, run.result());
  if (run.parent().valid()) child_ended(run, task_result_of_child(run.result()));
  std::deque<RunId>* q = run.job().index() < queued_runs_.size() ? queued_runs_[run.job().index()].get() : nullptr;
  if (run.begun() && q != nullptr && !q->empty() && active_runs_[run.job().index()] < run.spec().max_concurrent_runs) {
    RunState& next = state(q->front());
    q->pop_front();
    cancel_timer(next.take_queue_timer());
    begin_run(next);
  }
}

void Engine::child_ended(const RunState& child, TaskResult r) {
  // Its parent task takes (or ignores) its outcome now; no run_job child is repaired or read
  // afterwards, so its state goes once the engine is quiet (end of drain()).
  to_release_.push_back(child.id());
  // A parent already released (it ended while this child was still rolling back) took its outcome.
  if (find_run(child.parent()) == nullptr) return;
  RunState& parent = state(child.parent());
  TaskRunState& pt = parent.task(child.parent_task());
  // A parent task already stopped (parent canceled or timed out), or timed out and retried, keeps
  // its result: this child is no longer its attempt.
  if (pt.result != TaskResult::kNone || !pt.has(TaskRunState::kChildStarted) || pt.aux != child.id().value()) return;
  cancel_timer(parent.take_unit_timer(child.parent_task().value()));  // the attempt's timeout
  // A failed, skipped or timed-out child is a failed attempt of the run_job task: its retry policy
  // decides whether a new child run is triggered.
  const std::uint32_t unit = child.parent_task().value();
  if (r == TaskResult::kFailed) attempt_failed(parent, unit, FailureKind::kTaskError);
  else if (r == TaskResult::kTimedOut) attempt_failed(parent, unit, FailureKind::kTimeout);
  else settle(parent, unit, r);
}

// ---------------------------------------------------------------------------------------------
// Repair.

RepairOutcome Engine::repair_run(RunId id, const RepairRequest& request) {
  now_ = runtime_.now();
  if (find_run(id) == nullptr) return {std::nullopt, fmt::format("run {} was started by a run_job task: repair its top-level run", id)};
  RunState& run = state(id);
  if (!run.done()) return {std::nullopt, fmt::format("run {} has not finished", id)};
  if (run.parent().valid()) return {std::nullopt, fmt::format("run {} was started by run {}: repair that run", id, run.parent())};
  if (!run.begun()) return {std::nullopt, fmt::format("run {} never started ({})", id, to_string(run.result()))};
  const std::optional<std::uint32_t> latest = run.repairs() == 0 ? std::nullopt : std::optional(run.repairs());
  if (request.latest_repair_id != latest) {
    return {std::nullopt, latest ? fmt::format("stale repair id: the latest repair of run {} is {}", id, *latest)
                                 : fmt::format("run {} has not been repaired: give no latest_repair_id", id)};
  }
  const JobSpec& spec = run.spec();
  const std::size_t n = run.task_count();
  std::vector<std::uint8_t> rerun(n, 0);
  if (request.rerun_tasks.empty()) {
    for (std::size_t i = 0; i < n; ++i) {
      const TaskRunState& ts = run.task(TaskId(static_cast<std::uint32_t>(i)));
      rerun[i] = !counts_as_success(ts.result) || ts.has(TaskRunState::kRolledBack);
    }
  } else {
    for (TaskId t : request.rerun_tasks) {
      if (t.index() >= n) return {std::nullopt, fmt::format("run {} has no task {}", id, t)};
      rerun[t.index()] = 1;
    }
  }
  // Downstream of a rerun task: those that did not succeed always rerun (they never ran, or
  // failed), the succeeded ones too with rerun_dependent_tasks (docs/model.md §8).
  for (TaskId t : spec.dag.topological_order()) {
    if (!rerun[t.index()]) continue;
    for (TaskId d : spec.dag.downstream(t)) {
      if (request.rerun_dependent_tasks || run.task(d).result != TaskResult::kSuccess) rerun[d.index()] = 1;
    }
  }
  const auto count = static_cast<std::uint32_t>(std::count(rerun.begin(), rerun.end(), 1));
  if (count == 0) return {std::nullopt, fmt::format("run {}: nothing to repair", id)};

  run.begin_repair(count);
  ++open_runs_;
  ++active_runs_[run.job().index()];
  for (std::size_t i = 0; i < n; ++i) {
    if (rerun[i]) run.reset_for_repair(TaskId(static_cast<std::uint32_t>(i)));
  }
  // A rerun task starts from the results of the upstream tasks that keep theirs.
  for (std::size_t i = 0; i < n; ++i) {
    if (!rerun[i]) continue;
    const TaskId t(static_cast<std::uint32_t>(i));
    TaskRunState& ts = run.task(t);
    const auto ups = spec.dag.upstream(t);
    const auto gates = spec.dag.upstream_gates(t);
    for (std::size_t k = 0; k < ups.size(); ++k) {
      if (!rerun[ups[k].index()]) ts.tally.add(run.task(ups[k]).result, run.gate_matches(ups[k], gates[k]));
    }
    ts.pending = static_cast<std::uint32_t>(ups.size()) - ts.tally.total();
  }
  emit(RepairStarted{id, run.repairs(), count});
  if (const auto timeout = spec.timeout()) {
    run.set_timeout_timer(schedule_after(*timeout, *this, encode(TimerKind::kJobTimeout, id, 0)));
  }
  for (TaskId t : spec.dag.topological_order()) {
    if (rerun[t.index()]) decide(run, t);
  }
  drain();
  return {run.repairs(), {}};
}

RunId Engine::adopt_finished_run(JobId job, std::span<const SettledTask> tasks, JobResult result) {
  now_ = runtime_.now();
  ORCHSIM_CHECK(job.index() < jobs_.size(), "unknown job {}", job);
  const JobSpec& spec = jobs_[job.index()];
  ORCHSIM_CHECK(tasks.size() == spec.dag.size(), "job '{}' has {} tasks, {} recorded", spec.name, spec.dag.size(),
                tasks.size());
  ORCHSIM_CHECK(result != JobResult::kNone && result != JobResult::kSkipped, "only a run that began can be adopted");
  const RunId id(static_cast<std::uint32_t>(runs_.size()));
  const std::size_t tables = options_.tables != nullptr ? options_.tables->table_count() : 0;
  runs_.push_back(std::make_unique<RunState>(id, job, spec, RunId::invalid(), TaskId::invalid(), now_, tables));
  ++held_runs_;
  RunState& run = *runs_.back();
  for (std::size_t i = 0; i < tables; ++i) {
    const TableId t(static_cast<std::uint32_t>(i));
    run.record_start_version(t, options_.tables->current(t).version);
  }
  for (const SettledTask& t : tasks) ORCHSIM_CHECK(t.result != TaskResult::kNone, "an adopted task must be settled");
  run.adopt(now_, tasks, result, lifecycle_of);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Alerts.

void Engine::task_alert(RunState& run, TaskId task, AlertKind kind, std::uint32_t attempt, TaskResult result) {
  const Notifications& n = run.spec().tasks[task.index()].notifications;
  bool wanted = false;
  switch (kind) {
    case AlertKind::kStart: wanted = n.on_start; break;
    case AlertKind::kSuccess: wanted = n.on_success; break;
    case AlertKind::kFailure:
      wanted = n.on_failure && !(result == TaskResult::kCanceled && n.no_alert_for_canceled_runs);
      break;
    case AlertKind::kRetry: wanted = n.on_retry; break;
    case AlertKind::kDurationWarning: wanted = n.duration_warning.has_value(); break;
  }
  if (!wanted) return;
  raise(Alert{now_, kind, run.job(), run.id(), task, attempt, result, JobResult::kNone});
}

void Engine::job_alert(RunState& run, AlertKind kind, JobResult result) {
  const Notifications& n = run.spec().notifications();
  bool wanted = false;
  switch (kind) {
    case AlertKind::kStart: wanted = n.on_start; break;
    case AlertKind::kSuccess: wanted = n.on_success; break;
    case AlertKind::kFailure:
      wanted = n.on_failure && !(result == JobResult::kSkipped && n.no_alert_for_skipped_runs) &&
               !(result == JobResult::kCanceled && n.no_alert_for_canceled_runs);
      break;
    case AlertKind::kRetry: wanted = false; break;
    case AlertKind::kDurationWarning: wanted = n.duration_warning.has_value(); break;
  }
  if (!wanted) return;
  raise(Alert{now_, kind, run.job(), run.id(), TaskId::invalid(), 0, TaskResult::kNone, result});
}

void Engine::raise(const Alert& alert) {
  if (!alert_gate_.admit(alert)) {
    emit(AlertSuppressed{alert});
    return;
  }
  emit(AlertRaised{alert});
  if (options_.alerts != nullptr) options_.alerts->on_alert(alert);
}

std::size_t Engine::memory_bytes() const {
  std::size_t bytes = sizeof(*this) + live_attempts_.bucket_count() * sizeof(void*) +
                      live_attempts_.size() * (sizeof(AttemptRecord) + 2 * sizeof(void*)) +
                      (settling_.capacity() + ready_.capacity()) * sizeof(UnitRef);
  for (const auto& w : slot_waiters_) bytes += w.size() * sizeof(UnitRef);
  bytes += runs_.capacity() * sizeof(runs_[0]);
  for (const auto& r : runs_) {
    if (r != nullptr) bytes += r->memory_bytes();
  }
  return bytes;
}

}  // namespace orchsim
