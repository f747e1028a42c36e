// StrategySpec: one way to lay a workload out on jobs and compute, as the scenario names it.
// models::plan (models/deployment.h) turns workload × strategy × catalog into a Deployment.
// Plain data; the scenario loader fills in defaults (and resolves pool and cluster names) so that
// every field here is final.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/error.h"
#include "engine/time.h"
#include "models/cluster.h"

namespace orchsim::models {

enum class StrategyKind : std::uint8_t {
  kMultiJob,                 // one job per task (or per `group`), each on its own job cluster, run by a parent job
  kSingleJobSharedCluster,   // one job, one job cluster shared by every task
  kSingleJobClusterPerTask,  // one job, each task on its own new_cluster (a new cluster per attempt)
  kAllPurposeShared,         // one job on one existing all-purpose cluster
  kHybrid,                   // heavy / special tasks get their own new_cluster, the rest share one job cluster
  kServerless,               // one job, every task on serverless compute sized to it
  kAsDefined,                // the layout as written: tasks on their named `cluster`, the rest shared
};

const char* to_string(StrategyKind kind);
std::optional<StrategyKind> parse_strategy_kind(std::string_view text);
// "multi_job, single_job_shared_cluster, …" for error messages.
const char* strategy_kind_names();

// hybrid: a task gets its own cluster when any rule holds.
struct HybridRule {
  std::optional<double> work_core_hours_above;  // duration × cores
  std::optional<double> mem_gib_above;
  bool special_node_type = true;  // a preferred or required node type other than the shared one
};

struct NamedCluster {
  std::string name;
  ClusterTemplate cluster;
};

struct StrategySpec {
  std::string name;
  StrategyKind kind = StrategyKind::kSingleJobSharedCluster;
  ClusterTemplate cluster;                       // the shared cluster and the template of per-task ones
  Duration trigger_latency = Duration::zero();   // multi_job: parent's run_job task → child run start
  bool multi_job_by_group = false;               // multi_job: one job per task `group` (ungrouped: alone)
  HybridRule hybrid;
  std::optional<PoolSpec> pool;                  // every classic cluster of the strategy draws from it
  std::vector<NamedCluster> clusters;            // as_defined: the scenario's named clusters
  SourceLocation where;
  // as_defined: the tasks of a `group` form a job of their own, started by a run_job task in the
  // job of the enclosing group ("a.b" is inside "a"; ungrouped tasks make the entry job), as a
  // Databricks job's run_job tasks lay it out (set by the Databricks importer).
  bool as_defined_jobs_by_group = false;
  // With as_defined_jobs_by_group: the top groups are a file's independent jobs compared together.
  // The entry job only starts each of them at once (run_job tasks, no trigger latency); each gets
  // the job-level timeout and rollback an entry job would, and the exporters never write the entry
  // (Deployment::synthetic_entry).
  bool as_defined_synthetic_entry = false;
};

}  // namespace orchsim::models
