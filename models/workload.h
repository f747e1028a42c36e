// Workload: the user's pipeline as work to be done, independent of how it is laid out on compute.
// Each task has a DAG position, an amount of work, a resource demand, a failure profile and its
// Databricks task settings (retries, timeout, run_if). Strategies (models/deployment) turn a
// Workload into jobs and clusters. Plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/dag.h"
#include "engine/error.h"
#include "engine/retry.h"
#include "engine/time.h"
#include "engine/trigger.h"

namespace orchsim::models {

struct WorkloadTask {
  std::string key;
  std::vector<std::string> depends_on;
  std::vector<SourceLocation> depends_where;
  SourceLocation where;
  Duration duration;  // wall time when it gets all its cores on a reference-speed node
  int cores = 1;      // cores it can use at once
  double mem_gib = 0;
  double failure_probability = 0;  // per attempt, transient; fails at a uniform point of its run
  RetryPolicy retry;
  std::optional<Duration> timeout;
  RunIf run_if = RunIf::kAllSuccess;
};

struct Workload {
  std::string name;
  std::vector<WorkloadTask> tasks;

  // The workload's DAG (task i is TaskId(i)); reports problems and returns nullopt when invalid.
  std::optional<Dag> dag(Diagnostics& diagnostics) const;
};

}  // namespace orchsim::models
