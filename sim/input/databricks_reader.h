// read_databricks_source: a Databricks job file, or a bundle folder (its databricks.yml or
// bundle.yml), as a DatabricksSource. JSON is read strictly (sim/input/json_reader.h: a syntax error
// names JSON and the token expected); YAML through load_yaml and config_from_yaml. A bundle's
// `include:` globs are resolved relative to the bundle root and may not leave it; `targets.<t>`
// overrides merge into the resources (maps merge key by key; tasks and job_clusters merge by
// task_key / job_cluster_key, as the Databricks CLI does); `variables` take their default, then the
// target's value, then `--var`; complex variables substitute whole trees. Every problem of every
// file is collected and thrown once as InputError (file:line:col lines). Any thread.
#pragma once

#include <string>
#include <string_view>

#include "sim/input/config_node.h"
#include "sim/input/databricks_source.h"

namespace orchsim::sim {

// Does this parsed document look like a Databricks job definition in any envelope? (Used by
// load_input's detection; a scenario or a WfCommons trace never does.)
bool looks_like_databricks(const ConfigNode& root);

// `path` is a file or a bundle folder.
DatabricksSource read_databricks_source(const std::string& path, const BundleOptions& options);
// From text already read; `file` names it in messages and anchors relative includes.
DatabricksSource parse_databricks_source(std::string_view text, const std::string& file, const BundleOptions& options);

}  // namespace orchsim::sim
