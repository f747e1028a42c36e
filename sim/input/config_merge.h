// Merging ConfigNode trees the way the Databricks CLI merges a bundle's target overrides into its
// top-level configuration (databricks/cli libs/dyn/merge, bundle/config/mutator/merge_job_*): maps
// merge key by key, lists concatenate, a scalar of the override replaces the base's, and null on
// either side yields the other. In a job, `tasks` merge by task_key, `job_clusters` by
// job_cluster_key, `parameters` by name and `environments` by environment_key: an override item
// with the key of a base item merges into it, any other is appended. Used by the bundle loader.
// Pure; any thread.
#pragma once

#include <string_view>

#include "engine/error.h"
#include "sim/input/config_node.h"

namespace orchsim::sim {

// A kind mismatch (a map against a list) is an error naming both places; `base` keeps its value.
void merge_config(ConfigNode& base, ConfigNode over, Diagnostics& diagnostics);

// `over` items whose `key` field equals that of a `base` item merge into it; the others are appended.
void merge_keyed_items(ConfigNode& base, ConfigNode over, std::string_view key, Diagnostics& diagnostics);

// A target's `resources` into the bundle's, with the keyed merges of jobs' lists.
void merge_resources(ConfigNode& base, ConfigNode over, Diagnostics& diagnostics);

}  // namespace orchsim::sim
