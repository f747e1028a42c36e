// map_databricks_job: one Databricks job of a DatabricksSource (with the jobs it runs through
// run_job tasks inside the same source), or all of the source's independent jobs together, as
// orchsim's workload and its as-written layout, ready for
// `compare`: a ScenarioSpec with the workload, the `as_defined` strategy (each task on the compute
// the file gives it: its job cluster, new_cluster, existing all-purpose cluster or serverless) and
// every alternative strategy kind with defaults. What the file lacks comes from the Profile, else
// from the per-task-type defaults, and the ImportSummary says which. The mapping table is in
// docs/databricks.md. Every problem of every job is thrown once as InputError (file:line:col):
// fields the schema does not know, a task without task_key, bad values (a quoted or mistyped
// number is reported, not coerced), runtime references with nothing in the profile. Any thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/error.h"
#include "sim/input/databricks_source.h"
#include "sim/input/import_summary.h"
#include "sim/input/profile.h"
#include "sim/input/scenario_spec.h"

namespace orchsim::sim {

// How runs of the job are started; compare simulates one run per replication, so this is kept
// for the exporter and the summary.
struct DatabricksTrigger {
  std::string kind;          // "schedule", "periodic", "file_arrival", "table_update", "continuous"
  std::string detail;        // the cron expression and time zone, the period, the URL or tables
  bool paused = false;
  SourceLocation where;
};

struct DatabricksImport {
  ScenarioSpec scenario;
  ImportSummary summary;
  std::string job;                 // the chosen job's key (the first of `roots`)
  // The independent jobs compared together, as if all started at once (one, unless the file has
  // several jobs that no other job runs and no --job was given); each root job's tasks are then
  // prefixed "<job key>." and grouped under it (as_defined lays them out as their own jobs, started
  // by a synthetic entry job that no export writes).
  std::vector<std::string> roots;
  std::vector<std::string> jobs;   // every job mapped: the chosen one, then those its run_job tasks run
  std::vector<std::string> files;  // every file read (DatabricksSource::files)
  std::string target;              // the bundle target applied, if any
  std::vector<DatabricksVariable> variables;  // the bundle's variables as used
  std::optional<DatabricksTrigger> trigger;
  // Node types the file names that neither orchsim's catalog nor the profile prices; `compare`
  // needs their price (require_prices).
  std::vector<std::pair<std::string, SourceLocation>> unpriced_node_types;
};

// The jobs to import: `wanted` (`--job K`) when given; else every job that no other job of the
// source runs through a run_job task, in definition order. Throws InputError naming the keys when
// `wanted` is not one of them, or when every job is run by another (a cycle).
std::vector<std::string> choose_databricks_jobs(const DatabricksSource& source, const std::string& wanted);

DatabricksImport map_databricks_job(const DatabricksSource& source, const Profile& profile, const std::string& wanted);

// Throws InputError, one line per node type, when `import` names node types without a price.
void require_prices(const DatabricksImport& import);

}  // namespace orchsim::sim
