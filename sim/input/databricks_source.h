// DatabricksSource: the Databricks job definitions found in a user's file or bundle folder, each
// job's settings as one fully resolved ConfigNode tree (includes merged, the chosen target's
// overrides applied, `${var.*}` and `${resources.jobs.<k>.id}` substituted, anchors, aliases and
// merge keys resolved), every value still located where the user wrote it. Produced by
// read_databricks_source (sim/input/databricks_reader.h) from any of the envelopes Databricks
// users have: bundle YAML (databricks.yml and its includes, or one resources file), Jobs API
// 2.1/2.2 settings, a `jobs get` or `jobs list` response, a dbx deployment file. Consumed by the
// job mapper, which turns settings into a workload and its as-written layout. Plain data.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/error.h"
#include "sim/input/config_node.h"

namespace orchsim::sim {

// What the user chose on the command line for a bundle.
struct BundleOptions {
  std::string target;                                   // `--target`; empty: the bundle's default target, if any
  std::vector<std::pair<std::string, std::string>> vars;  // `--var k=v`, in order given
  // BUNDLE_VAR_<name> values: those given here, else (when read_process_env) the process environment.
  std::vector<std::pair<std::string, std::string>> env_vars;
  bool read_process_env = true;
};

enum class DatabricksEnvelope : std::uint8_t {
  kBundle,        // bundle YAML: resources.jobs.<key>
  kJobSettings,   // Jobs API create/reset payload: the settings themselves (or {job_id, new_settings})
  kJobsGet,       // {job_id, settings, ...}
  kJobsList,      // {jobs: [{job_id, settings}, ...]}
  kDbxDeployment  // dbx: {environments: {<env>: {workflows: [...]}}} (or a bare workflows list)
};

struct DatabricksJobSource {
  std::string key;        // resources.jobs key; for JSON the settings' name, else "job_<job_id>"
  std::string job_id;     // JSON envelopes that carry one; empty otherwise
  ConfigNode settings;    // a map: name, tasks, job_clusters, schedule, ...
  SourceLocation where;   // where the job is defined
};

// A bundle variable's value as the import used it, and where that value was set: its default in
// the file, the target's value, BUNDLE_VAR_<name> or --var (a location with no line).
struct DatabricksVariable {
  std::string name;
  std::string value;  // the scalar text, or "(complex value)" / "(lookup)" / "(unset)"
  SourceLocation from;
};

struct DatabricksSource {
  DatabricksEnvelope envelope = DatabricksEnvelope::kBundle;
  std::string root;                       // the file, or the bundle root folder
  std::vector<std::string> files;         // every file read, in reading order
  std::vector<DatabricksJobSource> jobs;  // in definition order
  // Top-level keys the bundle has but orchsim does not read (permissions, artifacts, sync…), once
  // each with where they were first seen, for the import summary.
  std::vector<std::pair<std::string, SourceLocation>> unmodelled;
  std::string target;                         // bundles: the target applied ("" when the bundle has none)
  std::vector<DatabricksVariable> variables;  // bundles: every declared variable, in declaration order
};

}  // namespace orchsim::sim
