// Workload: the user's pipeline as work to be done, independent of how it is laid out on compute.
// Each task has a DAG position, an amount of work, a resource demand, a failure profile and its
// Databricks task settings (retries, timeout, run_if, condition / for_each / disabled, tables it
// writes, alerts); the pipeline has job-level settings (evaluation, concurrency, timeout, retry
// budget, rollback, alerts). Strategies (models/deployment) turn a Workload into jobs and clusters.
// Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/alert_destination.h"
#include "engine/alerts.h"
#include "engine/condition.h"
#include "engine/dag.h"
#include "engine/defaulted_box.h"
#include "engine/error.h"
#include "engine/job.h"
#include "engine/retry.h"
#include "engine/task_command.h"
#include "engine/time.h"
#include "engine/trigger.h"
#include "models/boxed_optional.h"
#include "models/dependencies.h"
#include "models/distributions.h"
#include "models/task_location.h"

namespace orchsim::models {

// Placement: a node type the task runs best on (elsewhere it pays the mismatch slowdown) or must
// run on (a strategy that cannot honour it refuses). `group` names a multi_job job; `cluster` names
// a scenario cluster for the as_defined layout.
struct TaskPlacement {
  std::optional<std::string> preferred_node_type;
  std::optional<std::string> required_node_type;
  std::optional<std::string> group;
  std::optional<std::string> cluster;

  bool operator==(const TaskPlacement&) const = default;
};

// Orchestration: a condition task runs no compute (no work, no failures, no retries); a for_each
// task runs its work (duration, cores, failures, retries, timeout) once per input.
struct TaskOrchestration {
  std::optional<Condition> condition;
  std::optional<ForEach> for_each;
};

// What a successful attempt (iteration) commits, and the checks before it does.
struct TaskWrites {
  std::vector<std::string> tables;
  std::optional<QualityGate> gate;
};

// Settings a plain task of a large workload leaves unset, in one box: such a task pays one null
// pointer for them rather than 40 bytes (issue #15).
struct RareTaskSettings {
  double mem_gib = 0;  // memory its executors hold while it runs (pressure above the cluster's)
  // Failures besides the transient per-attempt one (WorkloadTask::failure_probability), each at a
  // uniform point of the attempt's work: permanent with `permanent_failure_probability` (never
  // retried), and a transient hazard of `failure_rate_per_hour` of full-speed running time.
  double permanent_failure_probability = 0;
  double failure_rate_per_hour = 0;
  // When set (a fitted profile, `orchsim fit`), each attempt's duration is a draw from it, from the
  // attempt's own keyed stream, and the task's `duration` is its median (for planning and analytic
  // checks).
  std::optional<Distribution> duration_distribution;
  std::optional<Duration> timeout;
};

// 160 bytes (LP64; tests/models/workload_test.cpp): every field a plain task of a large workload
// leaves unset is one pointer (a BoxedOptional, or a DefaultedBox for a group of them), and the
// fields are ordered without padding (issue #15).
struct WorkloadTask {
  std::string key;
  Dependencies depends_on;
  TaskLocation where;  // its file's name shared with the other tasks of that file

  // Where dependency `k` is written, or the task's own location when it is not located.
  SourceLocation dependency_where(std::size_t k) const;
  // Work: `duration` × `cores` core-seconds at reference speed, run with at most `cores` cores at
  // once, so `duration` is its wall time when it gets all its cores on a reference-speed node.
  int cores = 1;  // next to `where`: the two fill two words
  Duration duration;
  double work_core_seconds() const { return duration.to_seconds() * cores; }
  RunIf run_if = RunIf::kAllSuccess;
  bool disabled = false;
  // Transient failures, retryable, with this probability per attempt at a uniform point of its
  // work (the rarer failure modes are in `rare`).
  double failure_probability = 0;
  DefaultedBox<RareTaskSettings> rare;  // memory, rarer failures, a duration distribution, timeout
  DefaultedBox<TaskPlacement> placement;
  RetryPolicy retry;
  DefaultedBox<TaskOrchestration> orchestration;
  DefaultedBox<TaskWrites> writes;
  DefaultedBox<Notifications> alerts;  // task-level alerts
  BoxedOptional<TaskCommand> command;  // what `orchsim exec` runs; the simulator ignores it

  bool is_condition() const { return orchestration->condition.has_value(); }
};

// The pipeline's job-level settings. Under multi_job every job of the deployment gets them, except
// as models/deployment.h says (timeout and pipeline rollback belong to the entry job).
struct JobSettings {
  EvaluationMode evaluation = EvaluationMode::kAllDone;
  std::uint32_t max_concurrent_runs = 1;
  bool queue = false;
  Duration max_queue_wait = Duration::hours(48);
  std::optional<Duration> timeout;
  std::optional<std::uint32_t> retry_budget;
  RollbackScope rollback = RollbackScope::kNone;
  Notifications alerts;  // job-level alerts
  AlertPolicy alert_policy;  // dedup window and rate limit, for the whole engine
  std::vector<AlertDestination> alert_destinations;  // `orchsim exec` only
};

struct Workload {
  std::string name;
  std::vector<WorkloadTask> tasks;
  JobSettings job;

  // Every table some task writes, in order of first mention (TableId i is tables()[i]).
  std::vector<std::string> tables() const;

  // The DAG check_dag() kept, when it is there: loaders check a workload's graph once, and the plan
  // and the reports share that graph. Whoever then changes a task's key or dependencies (nothing
  // does after loading) must check again.
  std::optional<Dag> checked_dag;

  // The workload's DAG (task i is TaskId(i)): the checked one (a copy that shares its storage),
  // else built; reports problems and returns nullopt when invalid.
  std::optional<Dag> dag(Diagnostics& diagnostics) const;
  // Builds the DAG, reporting its problems, and keeps it as checked_dag when valid.
  void check_dag(Diagnostics& diagnostics);
  // Frees every task's depends_on (names and locations as written) once the graph is checked, for
  // a caller that from then on only plans and simulates, which read checked_dag: at 1e5 tasks the
  // written dependencies are ~5 MB held through the simulations' peak. Nothing that reads
  // depends_on (messages about a dependency, `import`'s scenario writer, trace models) may run
  // after it. Does nothing while no graph is checked.
  void release_written_dependencies();
};

}  // namespace orchsim::models
