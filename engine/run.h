// RunState: one run of one job: per-task state in flat arrays indexed by TaskId, the run's own
// times and its result. Owned and mutated only by the Engine; read by anyone holding a const ref.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/ids.h"
#include "engine/job.h"
#include "engine/run_result.h"
#include "engine/runtime.h"
#include "engine/time.h"

namespace orchsim {

struct TaskRunState {
  Lifecycle lifecycle = Lifecycle::kBlocked;
  TaskResult result = TaskResult::kNone;
  std::uint32_t attempts = 0;          // attempts started so far
  std::uint32_t pending_upstream = 0;  // upstream tasks not terminal yet
  AttemptId current;                   // the attempt in flight, if any
  RunId child_run;                     // kRunJob: the child run, once started
  SimTime attempt_started;             // start of the latest attempt
  TimerId timer;                       // retry, child-start or timeout timer in flight
};

class RunState {
 public:
  RunState(RunId id, JobId job, const JobSpec& spec, RunId parent, TaskId parent_task, SimTime now);

  RunId id() const { return id_; }
  JobId job() const { return job_; }
  const JobSpec& spec() const { return *spec_; }
  RunId parent() const { return parent_; }
  TaskId parent_task() const { return parent_task_; }
  SimTime started() const { return started_; }
  SimTime finished() const { return finished_; }
  JobResult result() const { return result_; }
  bool done() const { return result_ != JobResult::kNone; }
  std::size_t unfinished_tasks() const { return unfinished_; }

  const TaskRunState& task(TaskId t) const { return tasks_[t.index()]; }
  TaskRunState& task(TaskId t) { return tasks_[t.index()]; }

  // Marks a task terminal; returns true when it was the run's last unfinished task.
  bool settle(TaskId t, Lifecycle lifecycle, TaskResult result);
  // The job outcome from the leaf tasks (DOMAIN.md §1); call once every task is terminal.
  JobResult leaf_outcome() const;
  void finish(JobResult result, SimTime now);

  // Remaining unsettled tasks per compute, for releasing job clusters after their last task.
  // Returns true when `compute` has no unsettled task left in this run.
  bool release_use(ComputeId compute);
  std::size_t uses_of(ComputeId compute) const;

 private:
  RunId id_;
  JobId job_;
  const JobSpec* spec_;
  RunId parent_;
  TaskId parent_task_;
  SimTime started_;
  SimTime finished_;
  JobResult result_ = JobResult::kNone;
  std::size_t unfinished_;
  std::vector<TaskRunState> tasks_;
  std::vector<std::pair<ComputeId, std::uint32_t>> compute_uses_;  // few computes per job
};

}  // namespace orchsim
