// STAND-IN for wt-dbxread's reader, so that the job mapper's wiring (load_input, `compare`) links
// and runs on one-file bundles and plain job settings before that branch is merged. It reads no
// includes, targets or variables, and JSON only through YAML. On merging wt-dbxread, take its
// sim/input/databricks_reader.cpp and drop this one.
#include "sim/input/databricks_reader.h"

#include <filesystem>

#include <fmt/format.h>

#include "sim/input/config_yaml.h"
#include "sim/input/input_file.h"
#include "sim/input/yaml_document.h"

namespace orchsim::sim {

namespace {

bool has(const ConfigNode& map, std::string_view key) { return map.find(key) != nullptr; }

void add(DatabricksSource& out, const ConfigNode& settings, std::string key, std::string job_id) {
  if (const ConfigNode* name = settings.find("name"); key.empty() && name != nullptr && name->is_scalar()) key = name->scalar;
  if (key.empty()) key = job_id.empty() ? fmt::format("job_{}", out.jobs.size() + 1) : "job_" + job_id;
  out.jobs.push_back({std::move(key), std::move(job_id), settings, settings.where});
}

std::string scalar_of(const ConfigNode* n) { return n != nullptr && n->is_scalar() ? n->scalar : std::string(); }

}  // namespace

bool looks_like_databricks(const ConfigNode& root) {
  if (!root.is_map()) return false;
  for (const char* other : {"workload", "strategies", "sweep", "workflow"}) {
    if (has(root, other)) return false;
  }
  const ConfigNode* resources = root.find("resources");
  return (resources != nullptr && has(*resources, "jobs")) || has(root, "tasks") || has(root, "settings") ||
         has(root, "jobs") || has(root, "environments") || has(root, "targets") ||
         (root.entries.size() == 1 && root.entries[0].value.find("jobs") != nullptr);
}

DatabricksSource parse_databricks_source(std::string_view text, const std::string& file, const BundleOptions&) {
  Diagnostics diagnostics;
  const ConfigNode root = config_from_yaml(load_yaml(text, file), file, diagnostics);
  diagnostics.throw_if_any();
  DatabricksSource out{.envelope = DatabricksEnvelope::kBundle, .root = file, .files = {file}, .jobs = {}, .unmodelled = {}};
  const ConfigNode* resources = root.find("resources");
  if (const ConfigNode* targets = root.find("targets"); resources == nullptr && targets != nullptr && targets->is_map() &&
                                                        !targets->entries.empty()) {
    resources = targets->entries[0].value.find("resources");  // the first target's (no merging here)
  }
  if (const ConfigNode* jobs = resources != nullptr ? resources->find("jobs") : nullptr; jobs != nullptr && jobs->is_map()) {
    for (const ConfigEntry& e : jobs->entries) out.jobs.push_back({e.key, "", e.value, e.key_where});
  } else if (const ConfigNode* settings = root.find("settings"); settings != nullptr && settings->is_map()) {
    out.envelope = DatabricksEnvelope::kJobsGet;
    add(out, *settings, "", scalar_of(root.find("job_id")));
  } else if (const ConfigNode* list = root.find("jobs"); list != nullptr && list->is_sequence()) {
    out.envelope = DatabricksEnvelope::kJobsList;
    for (const ConfigNode& j : list->items) {
      if (const ConfigNode* s = j.find("settings")) add(out, *s, "", scalar_of(j.find("job_id")));
    }
  } else if (root.is_map() && root.entries.size() == 1 && root.entries[0].value.find("jobs") != nullptr) {
    out.envelope = DatabricksEnvelope::kDbxDeployment;  // dbx: {<environment>: {jobs: [...]}}
    for (const ConfigNode& j : root.entries[0].value.find("jobs")->items) add(out, j, "", "");
  } else if (has(root, "tasks")) {
    out.envelope = DatabricksEnvelope::kJobSettings;
    add(out, root, "", "");
  }
  return out;
}

DatabricksSource read_databricks_source(const std::string& path, const BundleOptions& options) {
  std::string file = path;
  if (std::filesystem::is_directory(path)) file = (std::filesystem::path(path) / "databricks.yml").string();
  return parse_databricks_source(read_input_file(file, "Databricks job file"), file, options);
}

}  // namespace orchsim::sim
