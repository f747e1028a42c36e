#include "engine/run.h"

#include <algorithm>

#include "engine/check.h"

namespace orchsim {

RunState::RunState(RunId id, JobId job, const JobSpec& spec, RunId parent, TaskId parent_task, SimTime now,
                   std::size_t table_count)
    : id_(id), job_(job), spec_(&spec), parent_(parent), parent_task_(parent_task), created_(now), started_(now) {
  const std::size_t n = spec.dag.size();
  std::size_t iterations = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (spec.tasks[i].kind == TaskKind::kForEach) iterations += spec.tasks[i].for_each.inputs;
  }
  unfinished_ = static_cast<std::uint32_t>(n);
  std::vector<TaskRunState>& units = units_;
  units.resize(n + iterations);
  for (std::size_t i = 0; i < n; ++i) {
    units[i].pending = static_cast<std::uint32_t>(spec.dag.upstream(TaskId(static_cast<std::uint32_t>(i))).size());
  }
  if (iterations > 0) rare().iteration_owner.reserve(iterations);
  std::uint32_t next_unit = static_cast<std::uint32_t>(n);
  plain_rules_ = spec.evaluation == EvaluationMode::kAllDone;
  for (std::size_t i = 0; i < n; ++i) {
    const TaskSpec& ts = spec.tasks[i];
    plain_rules_ = plain_rules_ && ts.run_if == RunIf::kAllSuccess && !ts.disabled;
    task_alerts_ = task_alerts_ || ts.notifications.any();
    if (ts.kind == TaskKind::kForEach) {
      Rare& r = rare();
      units[i].aux = static_cast<std::uint32_t>(r.for_each.size());
      r.for_each.push_back({.task = TaskId(static_cast<std::uint32_t>(i)), .first_unit = next_unit});
      r.iteration_owner.insert(r.iteration_owner.end(), ts.for_each.inputs, units[i].aux);
      next_unit += ts.for_each.inputs;
    }
    if (ts.kind == TaskKind::kWork || ts.kind == TaskKind::kForEach) add_use(spec.tasks.compute(i));
  }
  if (table_count > 0) rare().tables.assign(table_count, TableState{});
}

RunState::Rare& RunState::rare() {
  if (rare_ == nullptr) rare_ = std::make_unique<Rare>();
  return *rare_;
}

JobResult RunState::leaf_outcome() const {
  ORCHSIM_CHECK(unfinished_ == 0);
  bool any_failed = false;
  bool leaf_failed = false;
  bool leaf_canceled = false;
  const std::size_t n = spec_->dag.size();
  for (std::size_t i = 0; i < n; ++i) {
    const TaskResult r = units_[i].result;
    if (counts_as_success(r)) continue;
    any_failed = true;
    if (!spec_->dag.is_leaf(TaskId(static_cast<std::uint32_t>(i)))) continue;
    if (r == TaskResult::kCanceled || r == TaskResult::kUpstreamCanceled) leaf_canceled = true;
    else leaf_failed = true;
  }
  if (leaf_failed) return JobResult::kFailed;
  if (leaf_canceled) return JobResult::kCanceled;
  return any_failed ? JobResult::kSuccessWithFailures : JobResult::kSuccess;
}

// compute_uses_ is kept sorted by compute: a job with a cluster per task uses as many computes as
// tasks, and a scan per task would make opening its run quadratic (issue #15). Tasks are planned
// in compute order, so each new compute lands at the end.
void RunState::add_use(ComputeId compute) {
  const auto it = use_of(compute);
  if (it != compute_uses_.end() && it->first == compute) ++it->second;
  else compute_uses_.emplace(it, compute, 1);
}

RunTiming RunState::timing() const {
  RunTiming t;
  t.queue = started_ - created_;
  const SimTime end = done() ? finished_ : started_;
  const SimTime exec_end = finishing_ || done() ? exec_end_ : end;
  const SimTime running = has_running_ ? first_running_ : exec_end;
  t.setup = running - started_;
  t.execution = exec_end - running;
  t.cleanup = end - exec_end;
  t.run_duration = end - started_;
  return t;
}

bool RunState::has_work_in_flight() const {
  for (std::size_t u = 0; u < units_.size(); ++u) {
    const TaskRunState& s = units_[u];
    if (s.has(TaskRunState::kTimer) || s.has(TaskRunState::kWarnTimer) || s.current.valid()) return true;
  }
  return false;
}

void RunState::put_timer(UnitTimers& timers, std::uint32_t u, std::uint8_t flag, TimerId t) {
  ORCHSIM_CHECK(!units_[u].has(flag), "unit {} has a timer of this kind in flight already", u);
  timers.emplace(u, t);
  units_[u].set(flag);
}

TimerId RunState::pop_timer(UnitTimers& timers, std::uint32_t u, std::uint8_t flag) {
  const auto it = timers.find(u);
  ORCHSIM_CHECK(it != timers.end());
  const TimerId t = it->second;
  timers.erase(it);
  units_[u].clear(flag);
  return t;
}

std::optional<std::uint64_t> RunState::rollback_target(TableId t) const {
  const TableState& s = rare_->tables[t.index()];
  const std::uint8_t w = s.wrote;
  switch (spec_->rollback) {
    case RollbackScope::kNone: return std::nullopt;
    case RollbackScope::kTask: return (w & kPartialCommit) ? std::optional(s.good) : std::nullopt;
    case RollbackScope::kJob: return (w & kOwnCommit) ? std::optional(s.start) : std::nullopt;
    case RollbackScope::kPipeline:
      return (w & (kOwnCommit | kDescendantCommit)) ? std::optional(s.start) : std::nullopt;
  }
  return std::nullopt;
}

void RunState::begin_rollback(std::uint32_t count) {
  pending_restores_ = count;
  if (count == 0) return;
  lifecycle_ = Lifecycle::kTerminating;
  if (spec_->rollback == RollbackScope::kTask) return;
  for (std::size_t i = 0; i < task_count(); ++i) {
    if (!spec_->tasks[i].writes.empty() && units_[i].result == TaskResult::kSuccess) {
      units_[i].set(TaskRunState::kRolledBack);
    }
  }
}

void RunState::begin_repair(std::uint32_t rerun) {
  ++repairs_;
  result_ = outcome_ = JobResult::kNone;
  finishing_ = stopping_ = timed_out_ = false;
  lifecycle_ = Lifecycle::kRunning;
  unfinished_ = rerun;
  retries_used_ = 0;
  Rare& r = rare();
  if (r.attempts_base.empty()) r.attempts_base.assign(units_.size(), 0);
}

void RunState::reset_unit(std::uint32_t u) {
  TaskRunState& s = units_[u];
  s.lifecycle = Lifecycle::kBlocked;
  s.result = TaskResult::kNone;
  s.flags = 0;
  rare_->attempts_base[u] = s.attempts;
  s.tally = {};
}

void RunState::reset_for_repair(TaskId t) {
  reset_unit(t.value());
  const TaskSpec& ts = spec_->tasks[t.index()];
  if (ts.kind == TaskKind::kWork || ts.kind == TaskKind::kForEach) add_use(spec_->tasks.compute(t.index()));
  if (ts.kind == TaskKind::kForEach) {
    ForEachState& fe = for_each(t);
    for (std::uint32_t k = 0; k < ts.for_each.inputs; ++k) reset_unit(fe.first_unit + k);
    fe.started = fe.running = fe.done = fe.failed = 0;
  }
}

void RunState::adopt(SimTime now, std::span<const SettledTask> tasks, JobResult result,
                     Lifecycle (*lifecycle_of)(TaskResult)) {
  begun_ = finishing_ = true;
  started_ = exec_end_ = finished_ = now;
  std::vector<TaskRunState>& units = units_;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    TaskRunState& s = units[i];
    s.result = tasks[i].result;
    s.lifecycle = lifecycle_of(s.result);
    s.attempts = tasks[i].attempts;
    s.flags = TaskRunState::kDecided;
    if (tasks[i].rolled_back) s.set(TaskRunState::kRolledBack);
  }
  if (rare_ != nullptr) {
    for (const ForEachState& fe : rare_->for_each) {  // iterations end with their task
      for (std::uint32_t k = 0; k < spec_->tasks[fe.task.index()].for_each.inputs; ++k) {
        units[fe.first_unit + k].result = units[fe.task.index()].result;
        units[fe.first_unit + k].flags = TaskRunState::kDecided;
      }
    }
  }
  for (auto& use : compute_uses_) use.second = 0;
  unfinished_ = 0;
  outcome_ = result_ = result;
  lifecycle_ = Lifecycle::kTerminated;
}

std::size_t RunState::memory_bytes() const {
  std::size_t bytes = sizeof(*this) + units_.capacity() * sizeof(TaskRunState) +
           compute_uses_.capacity() * sizeof(std::pair<ComputeId, std::uint32_t>);
  if (const Rare* r = rare_.get()) {
    bytes += sizeof(Rare) + r->attempts_base.capacity() * sizeof(std::uint32_t) +
             r->for_each.capacity() * sizeof(ForEachState) + r->iteration_owner.capacity() * sizeof(std::uint32_t) +
             r->tables.capacity() * sizeof(TableState) +
             (r->timers.bucket_count() + r->warn_timers.bucket_count()) * sizeof(void*) +
             (r->timers.size() + r->warn_timers.size()) * (sizeof(UnitTimers::value_type) + sizeof(void*));
  }
  return bytes;
}

}  // namespace orchsim
