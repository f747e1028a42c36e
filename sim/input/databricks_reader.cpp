#include "sim/input/databricks_reader.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/input/bundle_loader.h"
#include "sim/input/closest_name.h"
#include "sim/input/config_document.h"
#include "sim/input/input_file.h"

namespace orchsim::sim {

namespace fs = std::filesystem;

namespace {

// Fields of a job's settings (Jobs API 2.1/2.2 JobSettings) that tell a settings payload from other
// JSON, beside `tasks`.
constexpr std::array<std::string_view, 16> kJobSettingsKeys{
    "job_clusters", "format", "schedule", "trigger", "continuous", "max_concurrent_runs", "timeout_seconds",
    "email_notifications", "webhook_notifications", "notification_settings", "git_source", "parameters",
    "environments", "queue", "health", "run_as"};

enum class Shape : std::uint8_t { kNone, kBundle, kJobSettings, kReset, kJobsGet, kJobsList, kDbx, kDbxBare, kDbxLegacy };

bool has(const ConfigNode& map, std::string_view key) { return map.find(key) != nullptr; }

bool is_list(const ConfigNode* node) { return node != nullptr && node->is_sequence(); }

// A dbx environment: {workflows: [...]} (or the older {jobs: [...]}) holding job settings.
bool is_dbx_environment(const ConfigNode& env) {
  const ConfigNode* list = env.find("workflows");
  if (list == nullptr) list = env.find("jobs");
  if (!is_list(list)) return false;
  return std::all_of(list->items.begin(), list->items.end(),
                     [](const ConfigNode& item) { return item.is_map() && !has(item, "settings"); });
}

bool all_dbx_environments(const ConfigNode& map) {
  return map.is_map() && !map.entries.empty() &&
         std::all_of(map.entries.begin(), map.entries.end(), [](const ConfigEntry& e) { return is_dbx_environment(e.value); });
}

bool looks_like_settings(const ConfigNode& root) {
  if (has(root, "tasks")) return true;
  if (!has(root, "name")) return false;
  return std::any_of(kJobSettingsKeys.begin(), kJobSettingsKeys.end(), [&](std::string_view k) { return has(root, k); });
}

Shape classify(const ConfigNode& root) {
  if (!root.is_map()) return Shape::kNone;
  // orchsim's own scenarios and WfCommons traces are never claimed.
  for (const char* other : {"workload", "strategies", "sweep", "workflow"}) {
    if (has(root, other)) return Shape::kNone;
  }
  // A map of environments is dbx's (or the bundles' old name of targets); a list is a job's
  // serverless environments (JobSettings.environments), so the document is a job's settings.
  if (const ConfigNode* envs = root.find("environments"); envs != nullptr && envs->is_map()) {
    return all_dbx_environments(*envs) ? Shape::kDbx : Shape::kBundle;
  }
  for (const char* bundle_key : {"bundle", "resources", "include", "targets", "variables"}) {
    if (has(root, bundle_key)) return Shape::kBundle;
  }
  const ConfigNode* new_settings = root.find("new_settings");
  if (has(root, "job_id") && new_settings != nullptr && new_settings->is_map()) return Shape::kReset;
  const ConfigNode* settings = root.find("settings");
  if (settings != nullptr && settings->is_map() && (has(root, "job_id") || has(root, "created_time"))) return Shape::kJobsGet;
  if (const ConfigNode* jobs = root.find("jobs"); is_list(jobs)) {
    if (is_dbx_environment(root) && !jobs->items.empty() && !has(root, "has_more")) return Shape::kDbxBare;
    return Shape::kJobsList;
  }
  if (is_list(root.find("workflows"))) return Shape::kDbxBare;
  if (looks_like_settings(root)) return Shape::kJobSettings;
  if (all_dbx_environments(root)) return Shape::kDbxLegacy;
  return Shape::kNone;
}

// Job keys for JSON envelopes: the settings' name (trimmed, made unique), else job_<job_id>.
class JobKeys {
 public:
  std::string key(const ConfigNode& settings, const std::string& job_id) {
    std::string base;
    if (const ConfigNode* name = settings.find("name"); name != nullptr && name->is_scalar()) {
      const std::size_t first = name->scalar.find_first_not_of(" \t");
      if (first != std::string::npos) base = name->scalar.substr(first, name->scalar.find_last_not_of(" \t") + 1 - first);
    }
    if (base.empty()) base = job_id.empty() ? fmt::format("job_{}", used_.size() + 1) : "job_" + job_id;
    std::string out = base;
    // The next suffix to try is remembered per name, so that many equal names stay linear.
    for (int& n = next_suffix_.try_emplace(base, 2).first->second; !used_.insert(out).second; ++n) {
      out = fmt::format("{}_{}", base, n);
    }
    return out;
  }

 private:
  std::unordered_set<std::string> used_;
  std::unordered_map<std::string, int> next_suffix_;
};

std::string scalar_or_empty(const ConfigNode* node) { return node != nullptr && node->is_scalar() ? node->scalar : ""; }

void add_job(DatabricksSource& out, JobKeys& keys, const ConfigNode& settings, const std::string& job_id,
             Diagnostics& diagnostics) {
  if (!settings.is_map()) {
    diagnostics.error(settings.where, fmt::format("expected a job's settings (a map), got {}", settings.kind_name()));
    return;
  }
  out.jobs.push_back({keys.key(settings, job_id), job_id, settings, settings.where});
}

void read_jobs_list(const ConfigNode& root, DatabricksSource& out, Diagnostics& diagnostics) {
  JobKeys keys;
  for (const ConfigNode& item : root.find("jobs")->items) {
    const ConfigNode* settings = item.find("settings");
    if (!item.is_map() || settings == nullptr) {
      diagnostics.error(item.where, "a 'jobs list' entry needs its 'settings' (a map with the job's tasks)");
      continue;
    }
    add_job(out, keys, *settings, scalar_or_empty(item.find("job_id")), diagnostics);
  }
}

// dbx: the environment `--target` names, else `default`, else the only one.
const ConfigNode* dbx_environment(const ConfigNode& envs, const BundleOptions& options, Diagnostics& diagnostics) {
  std::vector<std::string> names;
  for (const ConfigEntry& e : envs.entries) names.push_back(e.key);
  const std::string wanted = !options.target.empty() ? options.target : (has(envs, "default") ? "default" : "");
  if (!wanted.empty()) {
    if (const ConfigNode* env = envs.find(wanted)) return env;
  } else if (names.size() == 1) {
    return &envs.entries.front().value;
  }
  diagnostics.error(envs.where, fmt::format("{}: choose one of this dbx file's environments with --target: {}{}",
                                            wanted.empty() ? "several environments and none is 'default'"
                                                           : fmt::format("no environment '{}'", wanted),
                                            fmt::join(names, ", "), did_you_mean(wanted, names)));
  return nullptr;
}

void read_dbx(const ConfigNode& envs, DatabricksSource& out, const BundleOptions& options, Diagnostics& diagnostics) {
  const ConfigNode* env = &envs;
  if (!is_dbx_environment(envs)) env = dbx_environment(envs, options, diagnostics);
  if (env == nullptr) return;
  const ConfigNode* list = env->find("workflows");
  if (list == nullptr) list = env->find("jobs");
  if (!is_list(list)) {
    diagnostics.error(env->where, "a dbx environment needs a 'workflows' list of job settings");
    return;
  }
  JobKeys keys;
  for (const ConfigNode& item : list->items) add_job(out, keys, item, "", diagnostics);
}

DatabricksSource read_envelope(ConfigNode root, Shape shape, const std::string& file, const BundleOptions& options,
                               Diagnostics& diagnostics) {
  if (shape == Shape::kBundle) {
    const std::string dir = fs::path(file).parent_path().generic_string();
    return BundleLoader(options, diagnostics).load(std::move(root), file, dir.empty() ? "." : dir);
  }
  DatabricksSource out;
  out.root = file;
  out.files.push_back(file);
  JobKeys keys;
  switch (shape) {
    case Shape::kJobSettings:
      out.envelope = DatabricksEnvelope::kJobSettings;
      add_job(out, keys, root, scalar_or_empty(root.find("job_id")), diagnostics);
      break;
    case Shape::kReset:
      out.envelope = DatabricksEnvelope::kJobSettings;
      add_job(out, keys, *root.find("new_settings"), scalar_or_empty(root.find("job_id")), diagnostics);
      break;
    case Shape::kJobsGet:
      out.envelope = DatabricksEnvelope::kJobsGet;
      add_job(out, keys, *root.find("settings"), scalar_or_empty(root.find("job_id")), diagnostics);
      break;
    case Shape::kJobsList:
      out.envelope = DatabricksEnvelope::kJobsList;
      read_jobs_list(root, out, diagnostics);
      break;
    default:
      out.envelope = DatabricksEnvelope::kDbxDeployment;
      read_dbx(shape == Shape::kDbx ? *root.find("environments") : root, out, options, diagnostics);
  }
  return out;
}

}  // namespace

bool looks_like_databricks(const ConfigNode& root) { return classify(root) != Shape::kNone; }

DatabricksSource parse_databricks_source(std::string_view text, const std::string& file, const BundleOptions& options) {
  Diagnostics diagnostics;
  ConfigNode root = read_config_document(text, file, diagnostics);
  diagnostics.throw_if_any();  // after a syntax error nothing else can be said
  const Shape shape = classify(root);
  if (shape == Shape::kNone) {
    SourceLocation where{file, 1, 1};
    if (root.where.line > 0) where = root.where;
    Diagnostics unknown;
    unknown.error(std::move(where), root.is_null() ? "the file is empty: expected a Databricks job definition"
                                                   : "not a Databricks job definition: expected a bundle "
                                                     "(resources.jobs), Jobs API job settings (with tasks), a 'jobs "
                                                     "get' or 'jobs list' response, or a dbx deployment file");
    unknown.throw_if_any();
  }
  DatabricksSource out = read_envelope(std::move(root), shape, file, options, diagnostics);
  diagnostics.throw_if_any();
  return out;
}

DatabricksSource read_databricks_source(const std::string& path, const BundleOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return parse_databricks_source(read_input_file(path, "Databricks job file"), path, options);
  std::vector<std::string> found;
  for (const char* name : {"databricks.yml", "databricks.yaml", "bundle.yml", "bundle.yaml"}) {
    if (fs::is_regular_file(fs::path(path) / name, ec)) found.push_back((fs::path(path) / name).generic_string());
  }
  if (found.size() != 1) {
    Diagnostics folder;
    folder.error({path, 0, 0}, found.empty() ? std::string("not a bundle folder: it holds no databricks.yml (nor "
                                                           "databricks.yaml, bundle.yml)")
                                             : fmt::format("a bundle has one root file, this folder holds {}",
                                                           fmt::join(found, " and ")));
    folder.throw_if_any();
  }
  Diagnostics diagnostics;
  ConfigNode root = read_config_document(read_input_file(found.front(), "bundle file"), found.front(), diagnostics);
  diagnostics.throw_if_any();
  DatabricksSource out = BundleLoader(options, diagnostics).load(std::move(root), found.front(), path);
  out.root = path;
  diagnostics.throw_if_any();
  return out;
}

}  // namespace orchsim::sim
