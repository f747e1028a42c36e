// SharedTaskSpecs: one immutable copy of each distinct TaskSpec a planner makes, handed out as a
// shared pointer that jobs' TaskSpecs hold (engine/job.h). multi_job makes a job per workload
// task, and their TaskSpecs are mostly equal: 1e5 of them then cost one TaskSpec, not 1e5
// (issue #15). Used by models::plan on one thread; what it hands out is immutable, so the jobs
// holding it may be read from any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <unordered_map>
#include <vector>

#include "engine/job.h"

namespace orchsim::models {

class SharedTaskSpecs {
 public:
  // The stored TaskSpec equal to `spec`, stored now when there is none.
  std::shared_ptr<const TaskSpec> share(TaskSpec spec);

 private:
  // By a hash of the settings that tell TaskSpecs apart; equal ones are found by comparing.
  std::unordered_map<std::size_t, std::vector<std::shared_ptr<const TaskSpec>>> by_hash_;
};

}  // namespace orchsim::models
