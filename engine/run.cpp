#include "engine/run.h"

#include <algorithm>

#include "engine/check.h"

namespace orchsim {

RunState::RunState(RunId id, JobId job, const JobSpec& spec, RunId parent, TaskId parent_task,
                   SimTime now)
    : id_(id), job_(job), spec_(&spec), parent_(parent), parent_task_(parent_task), started_(now),
      unfinished_(spec.dag.size()), tasks_(spec.dag.size()) {
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    const TaskId t(static_cast<std::uint32_t>(i));
    tasks_[i].pending_upstream = static_cast<std::uint32_t>(spec.dag.upstream(t).size());
    const TaskSpec& ts = spec.tasks[i];
    if (ts.kind != TaskKind::kWork) continue;
    auto it = std::find_if(compute_uses_.begin(), compute_uses_.end(),
                           [&](const auto& use) { return use.first == ts.compute; });
    if (it == compute_uses_.end()) compute_uses_.emplace_back(ts.compute, 1);
    else ++it->second;
  }
}

bool RunState::settle(TaskId t, Lifecycle lifecycle, TaskResult result) {
  TaskRunState& s = tasks_[t.index()];
  ORCHSIM_CHECK(s.result == TaskResult::kNone, "task '{}' settled twice ({} then {})",
                spec_->dag.key(t), to_string(s.result), to_string(result));
  ORCHSIM_CHECK(result != TaskResult::kNone);
  s.lifecycle = lifecycle;
  s.result = result;
  s.current = AttemptId::invalid();
  s.timer = TimerId{};
  return --unfinished_ == 0;
}

JobResult RunState::leaf_outcome() const {
  ORCHSIM_CHECK(unfinished_ == 0);
  bool any_failed = false;
  bool leaf_failed = false;
  bool leaf_canceled = false;
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    const TaskResult r = tasks_[i].result;
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

void RunState::finish(JobResult result, SimTime now) {
  ORCHSIM_CHECK(result_ == JobResult::kNone, "run finished twice");
  result_ = result;
  finished_ = now;
}

bool RunState::release_use(ComputeId compute) {
  for (auto& [c, n] : compute_uses_) {
    if (c != compute) continue;
    ORCHSIM_CHECK(n > 0);
    return --n == 0;
  }
  ORCHSIM_CHECK(false, "compute {} is not used by this run", compute);
  return false;
}

std::size_t RunState::uses_of(ComputeId compute) const {
  for (const auto& [c, n] : compute_uses_) if (c == compute) return n;
  return 0;
}

}  // namespace orchsim
