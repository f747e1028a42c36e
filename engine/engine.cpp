#include "engine/engine.h"

#include "engine/check.h"

namespace orchsim {

namespace {

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

}  // namespace

Engine::Engine(Runtime& runtime, TaskRunner& runner, EventSink& sink, std::span<const JobSpec> jobs)
    : runtime_(runtime), runner_(runner), sink_(sink), jobs_(jobs) {}

std::uint64_t Engine::encode(TimerKind kind, RunId run, TaskId task) {
  ORCHSIM_CHECK(run.value() < (1u << 24), "too many runs for one engine");
  return (static_cast<std::uint64_t>(kind) << 56) | (static_cast<std::uint64_t>(run.value()) << 32) |
         task.value();
}

RunId Engine::start_run(JobId job) {
  const RunId id = open_run(job, RunId::invalid(), TaskId::invalid());
  drain();
  return id;
}

RunId Engine::open_run(JobId job, RunId parent, TaskId parent_task) {
  ORCHSIM_CHECK(job.index() < jobs_.size(), "unknown job {}", job);
  const RunId id(static_cast<std::uint32_t>(runs_.size()));
  const JobSpec& spec = jobs_[job.index()];
  runs_.emplace_back(id, job, spec, parent, parent_task, runtime_.now());
  ++open_runs_;
  emit(RunStarted{id, job, parent});
  RunState& run = runs_.back();
  if (spec.dag.size() == 0) {
    finish_run(run);
    return id;
  }
  for (TaskId t : spec.dag.topological_order()) {
    if (spec.dag.upstream(t).empty()) ready_.emplace_back(id, t);
  }
  return id;
}

void Engine::dispatch(RunId run_id, TaskId task) {
  const TaskSpec& spec = runs_[run_id.index()].spec().tasks[task.index()];
  switch (spec.kind) {
    case TaskKind::kWork: start_attempt(run_id, task); break;
    case TaskKind::kRunJob: {
      TaskRunState& ts = runs_[run_id.index()].task(task);
      ts.lifecycle = Lifecycle::kPending;
      ts.timer = runtime_.schedule_after(spec.trigger_latency, *this,
                                         encode(TimerKind::kChildStart, run_id, task));
      break;
    }
  }
}

void Engine::start_attempt(RunId run_id, TaskId task) {
  RunState& run = runs_[run_id.index()];
  const TaskSpec& spec = run.spec().tasks[task.index()];
  TaskRunState& ts = run.task(task);
  const AttemptId attempt(static_cast<std::uint32_t>(attempts_.size()));
  attempts_.push_back({run_id, task});
  ts.lifecycle = Lifecycle::kPending;
  ts.current = attempt;
  ts.attempt_started = runtime_.now();
  ++ts.attempts;
  ts.timer = spec.timeout ? runtime_.schedule_after(*spec.timeout, *this,
                                                    encode(TimerKind::kTimeout, run_id, task))
                          : TimerId{};
  emit(AttemptStarted{run_id, task, attempt, ts.attempts, spec.compute});
  runner_.start(AttemptRequest{attempt, run_id, run.job(), task, spec.compute, ts.attempts}, *this);
}

void Engine::start_child_run(RunId run_id, TaskId task) {
  TaskRunState& ts = runs_[run_id.index()].task(task);
  const JobId child_job = runs_[run_id.index()].spec().tasks[task.index()].child_job;
  ts.timer = TimerId{};
  ts.lifecycle = Lifecycle::kRunning;
  ts.attempts = 1;
  ts.attempt_started = runtime_.now();
  // open_run may append to runs_ (a deque: references stay valid).
  ts.child_run = open_run(child_job, run_id, task);
}

void Engine::on_timer(std::uint64_t payload) {
  const auto kind = static_cast<TimerKind>(payload >> 56);
  const RunId run_id(static_cast<std::uint32_t>((payload >> 32) & 0xFFFFFF));
  const TaskId task(static_cast<std::uint32_t>(payload & 0xFFFFFFFF));
  TaskRunState& ts = runs_[run_id.index()].task(task);
  ts.timer = TimerId{};
  switch (kind) {
    case TimerKind::kRetry: start_attempt(run_id, task); break;
    case TimerKind::kChildStart: start_child_run(run_id, task); break;
    case TimerKind::kTimeout: {
      const AttemptId attempt = ts.current;
      runner_.kill(attempt);
      emit(AttemptFinished{run_id, task, attempt, AttemptResult::failed(FailureKind::kTimeout)});
      attempt_failed(run_id, task, FailureKind::kTimeout);
      break;
    }
  }
  drain();
}

void Engine::attempt_running(AttemptId attempt) {
  const AttemptRecord rec = attempts_[attempt.index()];
  TaskRunState& ts = runs_[rec.run.index()].task(rec.task);
  ORCHSIM_CHECK(ts.current == attempt, "stale attempt {} reported running", attempt);
  ts.lifecycle = Lifecycle::kRunning;
  emit(AttemptRunning{rec.run, rec.task, attempt});
}

void Engine::attempt_finished(AttemptId attempt, AttemptResult result) {
  const AttemptRecord rec = attempts_[attempt.index()];
  TaskRunState& ts = runs_[rec.run.index()].task(rec.task);
  ORCHSIM_CHECK(ts.current == attempt, "stale attempt {} reported finished", attempt);
  if (ts.timer.valid()) runtime_.cancel(ts.timer);
  ts.timer = TimerId{};
  emit(AttemptFinished{rec.run, rec.task, attempt, result});
  if (result.succeeded) settle(rec.run, rec.task, Lifecycle::kTerminated, TaskResult::kSuccess);
  else attempt_failed(rec.run, rec.task, result.failure);
  drain();
}

void Engine::attempt_failed(RunId run_id, TaskId task, FailureKind kind) {
  RunState& run = runs_[run_id.index()];
  TaskRunState& ts = run.task(task);
  ts.current = AttemptId::invalid();
  const RetryPolicy& policy = run.spec().tasks[task.index()].retry;
  const auto next = next_attempt_time(policy, {ts.attempts, kind, ts.attempt_started, runtime_.now()});
  if (!next) {
    settle(run_id, task, Lifecycle::kTerminated,
           kind == FailureKind::kTimeout ? TaskResult::kTimedOut : TaskResult::kFailed);
    return;
  }
  ts.lifecycle = Lifecycle::kWaitingForRetry;
  ts.timer = runtime_.schedule_at(*next, *this, encode(TimerKind::kRetry, run_id, task));
  emit(RetryScheduled{run_id, task, *next});
}

void Engine::settle(RunId run, TaskId task, Lifecycle lifecycle, TaskResult result) {
  settling_.push_back({run, task, lifecycle, result});
}

void Engine::drain() {
  if (draining_) return;
  draining_ = true;
  // Settlements first (they may make tasks ready), then dispatch; repeat until quiet.
  while (!settling_.empty() || !ready_.empty()) {
    while (!settling_.empty()) {
      const Settlement s = settling_.back();
      settling_.pop_back();
      apply(s);
    }
    if (!ready_.empty()) {
      const auto [run, task] = ready_.front();
      ready_.pop_front();
      dispatch(run, task);
    }
  }
  draining_ = false;
}

void Engine::apply(const Settlement& s) {
  RunState& run = runs_[s.run.index()];
  const bool last = run.settle(s.task, s.lifecycle, s.result);
  emit(TaskFinished{s.run, s.task, s.result});
  const TaskSpec& spec = run.spec().tasks[s.task.index()];
  if (spec.kind == TaskKind::kWork && run.release_use(spec.compute)) runner_.release(s.run, spec.compute);
  for (TaskId d : run.spec().dag.downstream(s.task)) upstream_settled(run, d);
  if (last) finish_run(run);
}

void Engine::upstream_settled(RunState& run, TaskId task) {
  TaskRunState& ts = run.task(task);
  ORCHSIM_CHECK(ts.pending_upstream > 0);
  if (--ts.pending_upstream > 0) return;
  UpstreamTally tally;
  for (TaskId up : run.spec().dag.upstream(task)) tally.add(run.task(up).result);
  switch (decide(run.spec().tasks[task.index()].run_if, tally)) {
    case TriggerDecision::kRun: ready_.emplace_back(run.id(), task); break;
    case TriggerDecision::kUpstreamFailed:
      settle(run.id(), task, Lifecycle::kSkipped, TaskResult::kUpstreamFailed);
      break;
    case TriggerDecision::kExcluded:
      settle(run.id(), task, Lifecycle::kSkipped, TaskResult::kExcluded);
      break;
    case TriggerDecision::kUpstreamCanceled:
      settle(run.id(), task, Lifecycle::kSkipped, TaskResult::kUpstreamCanceled);
      break;
  }
}

void Engine::finish_run(RunState& run) {
  const JobResult result = run.spec().dag.size() == 0 ? JobResult::kSuccess : run.leaf_outcome();
  run.finish(result, runtime_.now());
  --open_runs_;
  emit(RunFinished{run.id(), run.job(), result});
  if (!run.parent().valid()) return;
  const TaskResult r = task_result_of_child(result);
  settle(run.parent(), run.parent_task(), lifecycle_of(r), r);
}

}  // namespace orchsim
