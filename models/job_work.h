// JobWork: which workload task each job task executes, for every job of a Deployment: one flat
// array with the jobs' tasks back to back, found by offset, rather than a vector per job (under
// multi_job a deployment has a job per workload task). Read like a vector of spans:
// work[job][task]. Filled by plan() job by job in JobId order; read by the simulated task
// runner, the metrics collector, the model checks, the timeline and exec. Immutable once planned:
// safe to share between threads and replications.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/ids.h"

namespace orchsim::models {

class JobWork {
 public:
  void reserve(std::size_t jobs, std::size_t tasks) {
    begin_.reserve(jobs + 1);
    work_.reserve(tasks);
  }
  // Appends the next job: per task, the workload task it executes (invalid for orchestration
  // tasks). `work` must not view this JobWork's own storage.
  void add_job(std::span<const TaskId> work) {
    work_.insert(work_.end(), work.begin(), work.end());
    begin_.push_back(static_cast<std::uint32_t>(work_.size()));
  }
  // Appends a job of `tasks` tasks that execute no workload task (an orchestrating parent).
  void add_orchestration_job(std::size_t tasks) {
    work_.resize(work_.size() + tasks, TaskId::invalid());
    begin_.push_back(static_cast<std::uint32_t>(work_.size()));
  }

  std::size_t size() const { return begin_.size() - 1; }  // jobs
  std::span<const TaskId> operator[](std::size_t job) const {
    return {work_.data() + begin_[job], work_.data() + begin_[job + 1]};
  }

 private:
  std::vector<std::uint32_t> begin_{0};  // job j's tasks are work_[begin_[j] .. begin_[j + 1])
  std::vector<TaskId> work_;
};

}  // namespace orchsim::models
