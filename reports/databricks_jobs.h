// databricks_jobs: a Deployment (models/deployment.h) as Databricks job settings, one TextTree per
// job, in the shape both the Asset Bundle writer (reports/databricks_bundle_writer.h) and the Jobs
// API JSON writer (reports/databricks_json_writer.h) print: job clusters and per-task clusters,
// existing and serverless compute, tasks with dependencies (and `outcome` gates), `run_if`,
// retries, timeouts, condition / for_each / run_job tasks, notifications and health rules. What a
// deployment says that no Databricks setting can (an Airflow trigger rule, retry backoff, a retry
// budget, rollback…) is listed in `notes`, never dropped silently. Pure; no thread affinity.
//
// Where the user's workspace must fill in a value (the runtime version, an existing cluster's or a
// pool's id, the alert recipient), a bundle refers to a variable of its own (`${var.spark_version}`,
// with a default or a `lookup` by name) and the JSON carries a placeholder text or example value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/deployment.h"
#include "reports/text_tree.h"

namespace orchsim::reports {

enum class DatabricksFlavour : std::uint8_t {
  kBundle,   // run_job targets as ${resources.jobs.<key>.id}; placeholders as ${var.<name>}
  kJobsApi,  // run_job targets as the placeholder job ids below; placeholders as example values
};

struct DatabricksJob {
  std::string key;  // the resources.jobs key: a bundle reference segment (letter first, [A-Za-z0-9_-])
  std::int64_t placeholder_id = 0;  // kJobsApi: 1, 2, … in creation order (run_job targets first)
  TextTree settings = TextTree::map();
  // The deployment's synthetic entry (Deployment::synthetic_entry: it only starts a file's
  // independent jobs together): no settings, not in `creation`, and the writers leave it out.
  bool synthetic = false;
};

struct DatabricksJobs {
  std::vector<DatabricksJob> jobs;     // in the deployment's order (the entry job first)
  std::vector<std::size_t> creation;   // indexes into jobs: every job after the jobs it runs (not the synthetic)
  TextTree variables = TextTree::map();  // kBundle: the `variables` the settings refer to
  std::vector<std::string> notes;        // what the export cannot say, one line each
};

// What an export writer returns: the file's text and the notes (the CLI prints them to stderr).
struct DatabricksExport {
  std::string text;
  std::vector<std::string> notes;
};

DatabricksJobs databricks_jobs(const models::Deployment& deployment, DatabricksFlavour flavour);

// `name` as a key Databricks bundles can reference (`${resources.jobs.<key>.id}`, `${var.<key>}`):
// letters, digits, `_` and `-`, starting with a letter and ending with a letter or digit; the other
// bytes become `_`; `fallback` when nothing is left.
std::string databricks_key(std::string_view name, std::string_view fallback);

}  // namespace orchsim::reports
