// Profile: what a Databricks job definition does not say and a simulation needs, from the user's
// `--profile p.yaml` (format: docs/databricks.md): how long each task takes, its cores, memory and
// failure rates (per task type, then per task key or glob, in order); values of runtime references
// or the branch of condition tasks; for_each counts; the size of existing all-purpose clusters and
// the node type of instance pools; outside jobs a run_job task starts; the compute of pipeline and
// SQL tasks; prices of node types orchsim's catalog lacks; and, for `orchsim exec`, the command
// each task runs and its quality gate. Built by load_profile
// (sim/input/profile_loader.h); read by the job mapper, which falls back on the per-task-type
// defaults (default_work) and lists each task that did. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/alert_destination.h"
#include "engine/error.h"
#include "engine/task_command.h"
#include "engine/time.h"
#include "models/cluster.h"
#include "models/distributions.h"
#include "models/node_type.h"

namespace orchsim::sim {

// A task's work, each value optional: a rule gives only what it names.
struct WorkProfile {
  std::optional<Duration> duration;
  std::optional<models::Distribution> duration_distribution;  // `duration: {lognormal: …}`; duration is its median
  std::optional<int> cores;
  std::optional<double> mem_gib;
  std::optional<double> failure_probability;
  std::optional<double> permanent_failure_probability;
  std::optional<double> failure_rate_per_hour;
  std::optional<models::ClusterTemplate> compute;  // the own compute of pipeline / SQL tasks, outside jobs
  // What `orchsim exec` runs for the task and the checks on its output (`tasks[]` rules only).
  std::optional<TaskCommand> command;
  std::optional<QualityGate> gate;

  // Takes every value `over` gives.
  void apply(const WorkProfile& over);
};

// `tasks:` entry: applies to the tasks whose key matches the glob `match` (`*`, `?`) and whose type
// is `type` (either may be empty: any).
struct ProfileRule {
  std::string match;
  std::string type;
  WorkProfile work;
  SourceLocation where;
};

// `conditions.<task_key>`: the outcome of a condition task whose operand is a runtime reference.
struct ConditionProfile {
  std::optional<bool> outcome;       // always this branch
  std::optional<double> probability;  // or "true" with this probability, drawn per run
  SourceLocation where;
};

struct PoolProfile {
  std::string node_type;
  int min_idle = 0;
};

struct Profile {
  std::string file;  // empty: no profile given
  std::vector<std::pair<std::string, WorkProfile>> type_defaults;  // `defaults.<type>`
  std::vector<ProfileRule> tasks;
  std::vector<std::pair<std::string, std::string>> values;  // `values`: "{{job.parameters.x}}" → its value
  std::vector<std::pair<std::string, ConditionProfile>> conditions;
  std::vector<std::pair<std::string, std::uint32_t>> for_each;  // task key → number of inputs
  std::vector<std::pair<std::string, models::ClusterTemplate>> existing_clusters;  // cluster id → size
  std::vector<std::pair<std::string, PoolProfile>> pools;       // instance_pool_id → node type
  // `startup`: job_cluster_key, existing_cluster_id or "serverless" → its startup (orchsim fit)
  std::vector<std::pair<std::string, models::Distribution>> startups;
  std::vector<std::pair<std::string, WorkProfile>> outside_jobs;  // job_id → the run it starts
  models::Catalog catalog = models::Catalog::builtin();  // the built-in catalog plus `node_types`
  std::vector<AlertDestination> alert_destinations;     // `alerts.destinations`, for `orchsim exec`

  template <class T>
  static const T* find(const std::vector<std::pair<std::string, T>>& entries, std::string_view key) {
    for (const auto& [k, v] : entries) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

// The built-in work of a task of `type` ("notebook", "sql", "pipeline", …; docs/databricks.md
// lists them and docs/model.md their sources). Every field is set, compute only for types that run
// on their own compute (pipeline, sql, dashboard, alert, power_bi).
WorkProfile default_work(std::string_view type);

}  // namespace orchsim::sim
