// databricks_bundle: a deployment as a Databricks Asset Bundle configuration (databricks.yml):
// `bundle: {name}`, the `variables` the workspace must fill in (runtime version, alert recipient,
// pool and existing-cluster ids looked up by name), and `resources.jobs.<key>` for every job of the
// deployment, the entry job first, run_job tasks pointing at their jobs as
// `${resources.jobs.<key>.id}`. Written by `orchsim export --format bundle`; validates against the
// bundle JSON schema (tests/tools/validate_bundle.py). Pure; no thread affinity.
#pragma once

#include <string_view>

#include "models/deployment.h"
#include "reports/databricks_jobs.h"

namespace orchsim::reports {

// `header` is written as a comment above everything (one line per '\n'; empty for none), followed
// by the notes.
DatabricksExport databricks_bundle(const models::Deployment& deployment, std::string_view bundle_name,
                                   std::string_view header);

}  // namespace orchsim::reports
