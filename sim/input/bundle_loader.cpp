#include "sim/input/bundle_loader.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/input/bundle_includes.h"
#include "sim/input/bundle_variables.h"
#include "sim/input/closest_name.h"
#include "sim/input/config_document.h"
#include "sim/input/config_merge.h"
#include "sim/input/input_file.h"

namespace orchsim::sim {

namespace {

// The bundle schema's top-level keys (databricks/cli bundle/schema/jsonschema.json, root
// `properties`): those orchsim reads, and those it knows but does not model.
const std::vector<std::string> kReadKeys{"bundle", "include", "resources", "targets", "variables", "environments"};
const std::vector<std::string> kUnmodelledKeys{"artifacts", "experimental", "permissions", "presets", "python",
                                               "run_as", "scripts", "sync", "workspace"};
// The schema's `config.Resources` properties.
const std::vector<std::string> kResourceTypes{
    "alerts", "apps", "catalogs", "clusters", "dashboards", "database_catalogs", "database_instances", "experiments",
    "external_locations", "genie_spaces", "instance_pools", "job_runs", "jobs", "model_serving_endpoints", "models",
    "pipelines", "postgres_branches", "postgres_catalogs", "postgres_databases", "postgres_endpoints",
    "postgres_projects", "postgres_roles", "postgres_synced_tables", "quality_monitors", "registered_models",
    "schemas", "secret_scopes", "secrets", "sql_warehouses", "synced_database_tables", "vector_search_endpoints",
    "vector_search_indexes", "volumes"};
// The schema's `config.Target` properties orchsim does not model (it reads resources, variables,
// bundle and default).
const std::vector<std::string> kTargetUnmodelled{"artifacts", "cluster_id", "compute_id", "git", "mode",
                                                 "permissions", "presets", "run_as", "sync", "workspace"};

bool contains(const std::vector<std::string>& list, const std::string& key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

ConfigNode& entry_of(ConfigNode& map, const std::string& key, const SourceLocation& where) {
  if (ConfigNode* existing = map.find(key)) return *existing;
  map.entries.push_back({key, where, ConfigNode{}});
  map.entries.back().value.where = where;
  return map.entries.back().value;
}

// YAML 1.2's core schema spells true three ways.
bool is_true(const ConfigNode* node) {
  return node != nullptr && node->is_scalar() && !node->quoted &&
         (node->scalar == "true" || node->scalar == "True" || node->scalar == "TRUE");
}

}  // namespace

void BundleLoader::note_unmodelled(const std::string& key, const SourceLocation& where) {
  for (const auto& [seen, at] : unmodelled_) {
    if (seen == key) return;
  }
  unmodelled_.emplace_back(key, where);
}

void BundleLoader::check_top_level(const ConfigNode& document, bool is_root) {
  std::vector<std::string> known = kReadKeys;
  known.insert(known.end(), kUnmodelledKeys.begin(), kUnmodelledKeys.end());
  for (const ConfigEntry& entry : document.entries) {
    const std::string& key = entry.key;
    if (key == "include" && !is_root) {
      diagnostics_.error(entry.key_where, "'include' is read only in the bundle's root file (databricks.yml)");
    } else if (key == "resources") {
      check_resources(entry.value);
    } else if (contains(kReadKeys, key)) {
      continue;
    } else if (contains(kUnmodelledKeys, key)) {
      note_unmodelled(key, entry.key_where);
    } else if (contains(kResourceTypes, key)) {
      diagnostics_.error(entry.key_where, fmt::format("'{}' is a resource type: put it under 'resources:' "
                                                      "(resources.{})", key, key));
    } else if (const std::string near = closest_name(key, known, 2); !near.empty()) {
      diagnostics_.error(entry.key_where, fmt::format("unknown top-level key '{}' (did you mean '{}'?)", key, near));
    } else {
      note_unmodelled(key, entry.key_where);  // the schema allows it: a block of YAML anchors, typically
    }
  }
}

void BundleLoader::check_resources(const ConfigNode& resources) {
  if (resources.is_null()) return;
  if (!resources.is_map()) {
    diagnostics_.error(resources.where, fmt::format("'resources' takes a map of resource types, got {}", resources.kind_name()));
    return;
  }
  for (const ConfigEntry& type : resources.entries) {
    if (type.key == "jobs") {
      if (!type.value.is_map() && !type.value.is_null()) {
        diagnostics_.error(type.value.where, fmt::format("'resources.jobs' takes a map of jobs by key, got {}",
                                                         type.value.kind_name()));
      }
    } else if (contains(kResourceTypes, type.key)) {
      note_unmodelled("resources." + type.key, type.key_where);
    } else {
      diagnostics_.error(type.key_where, fmt::format("unknown resource type '{}'{}", type.key,
                                                     did_you_mean(type.key, kResourceTypes)));
    }
  }
}

void BundleLoader::absorb(ConfigNode document) {
  for (ConfigEntry& entry : document.entries) {
    if (entry.key == "include") continue;
    ConfigNode& into = entry_of(merged_, entry.key, entry.key_where);
    ConfigNode* jobs = entry.key == "resources" ? entry.value.find("jobs") : nullptr;
    ConfigNode* base_jobs = into.is_map() ? into.find("jobs") : nullptr;
    if (jobs != nullptr && jobs->is_map() && base_jobs != nullptr && base_jobs->is_map()) {
      std::unordered_map<std::string, SourceLocation> defined;
      for (const ConfigEntry& job : base_jobs->entries) defined.emplace(job.key, job.key_where);
      for (ConfigEntry& job : jobs->entries) {
        if (const auto it = defined.find(job.key); it != defined.end()) {
          diagnostics_.error(job.key_where, fmt::format("job '{}' is defined twice (first at {}:{}:{})", job.key,
                                                        it->second.file, it->second.line, it->second.column));
        } else {
          defined.emplace(job.key, job.key_where);
          base_jobs->entries.push_back(std::move(job));
        }
      }
      jobs->entries.clear();
    }
    merge_config(into, std::move(entry.value), diagnostics_);
  }
}

const ConfigNode* BundleLoader::choose_target(std::string& name) {
  const ConfigNode* targets = merged_.find("targets");
  if (targets == nullptr) targets = merged_.find("environments");  // the deprecated name of targets
  if (targets != nullptr && !targets->is_map() && !targets->is_null()) {
    diagnostics_.error(targets->where, fmt::format("'targets' takes a map of targets by name, got {}", targets->kind_name()));
    return nullptr;
  }
  std::vector<std::string> names;
  if (targets != nullptr) {
    for (const ConfigEntry& entry : targets->entries) names.push_back(entry.key);
  }
  if (!options_.target.empty()) {
    if (const ConfigNode* chosen = targets != nullptr ? targets->find(options_.target) : nullptr) {
      name = options_.target;
      return chosen;
    }
    diagnostics_.error(targets != nullptr ? targets->where : merged_.where,
                       fmt::format("--target {}: the bundle has no such target ({}){}", options_.target,
                                   names.empty() ? "it defines none" : "its targets: " + fmt::format("{}", fmt::join(names, ", ")),
                                   did_you_mean(options_.target, names)));
    return nullptr;
  }
  const ConfigNode* chosen = nullptr;
  if (targets == nullptr) return nullptr;
  for (const ConfigEntry& entry : targets->entries) {
    if (!is_true(entry.value.find("default"))) continue;
    if (chosen != nullptr) {
      diagnostics_.error(entry.key_where, fmt::format("targets '{}' and '{}' are both marked 'default: true'", name, entry.key));
      return nullptr;
    }
    chosen = &entry.value;
    name = entry.key;
  }
  return chosen;
}

void BundleLoader::apply_target(const ConfigNode& target, const std::string& name) {
  if (target.is_null()) return;
  if (!target.is_map()) {
    diagnostics_.error(target.where, fmt::format("target '{}' takes a map, got {}", name, target.kind_name()));
    return;
  }
  std::vector<std::string> known{"bundle", "default", "resources", "variables"};
  known.insert(known.end(), kTargetUnmodelled.begin(), kTargetUnmodelled.end());
  for (const ConfigEntry& entry : target.entries) {
    if (entry.key == "resources") {
      check_resources(entry.value);
      merge_resources(entry_of(merged_, "resources", entry.key_where), entry.value, diagnostics_);
    } else if (entry.key == "bundle") {
      merge_config(entry_of(merged_, "bundle", entry.key_where), entry.value, diagnostics_);
    } else if (contains(kTargetUnmodelled, entry.key)) {
      note_unmodelled(fmt::format("targets.{}.{}", name, entry.key), entry.key_where);
    } else if (entry.key != "default" && entry.key != "variables") {
      diagnostics_.error(entry.key_where, fmt::format("unknown key '{}' in target '{}'{}", entry.key, name,
                                                      did_you_mean(entry.key, known)));
    }
  }
}

void BundleLoader::collect_jobs(DatabricksSource& out) {
  ConfigNode* resources = merged_.find("resources");
  ConfigNode* jobs = resources != nullptr ? resources->find("jobs") : nullptr;
  if (jobs == nullptr || !jobs->is_map()) return;
  std::unordered_set<std::string> ids;
  for (ConfigEntry& job : jobs->entries) {
    std::string id = bundle_job_placeholder_id(job.key);
    while (!ids.insert(id).second) id = bundle_job_placeholder_id(id);  // a hash collision: rehash
    if (job.value.is_null()) {
      job.value.kind = ConfigNode::Kind::kMap;  // no settings yet: the job mapper says what is missing
    } else if (!job.value.is_map()) {
      diagnostics_.error(job.value.where, fmt::format("job '{}' takes a map of settings, got {}", job.key, job.value.kind_name()));
      continue;
    }
    out.jobs.push_back({job.key, std::move(id), std::move(job.value), job.key_where});
  }
}

void BundleLoader::substitute(DatabricksSource& out, const std::string& target_name, const ConfigNode* target_values) {
  BundleVariables::Context context;
  context.target = target_name;
  context.fragment = merged_.find("bundle") == nullptr && merged_.find("variables") == nullptr;
  ConfigNode* bundle = merged_.find("bundle");
  ConfigNode* name = bundle != nullptr ? bundle->find("name") : nullptr;
  context.bundle_name = name;
  for (const DatabricksJobSource& job : out.jobs) {
    context.job_keys.push_back(job.key);
    context.job_ids.push_back(job.job_id);
  }
  BundleVariables variables(merged_.find("variables"), target_values, target_name, options_, std::move(context),
                            diagnostics_);
  if (name != nullptr) variables.substitute(*name);
  for (DatabricksJobSource& job : out.jobs) variables.substitute(job.settings);
  for (const auto& [reference, where] : variables.undeclared()) note_unmodelled(reference, where);
  out.variables = variables.values();
}

void BundleLoader::read_includes(const ConfigNode& include, const std::string& root_file, const std::string& root_dir,
                                 std::vector<std::string>& files) {
  BundleIncludes includes(root_dir, root_file, diagnostics_);
  for (const BundleIncludes::File& file : includes.expand(include)) {
    files.push_back(file.path);
    std::string text;
    try {
      text = read_input_file(file.path, "included bundle file");
    } catch (const InputError& e) {
      for (const Diagnostic& d : e.diagnostics()) diagnostics_.error(file.from, d.message);
      continue;
    }
    ConfigNode document = read_config_document(text, file.path, diagnostics_);
    if (document.is_null()) continue;
    if (!document.is_map()) {
      diagnostics_.error(document.where, fmt::format("an included bundle file holds a map of bundle keys, got {}",
                                                     document.kind_name()));
      continue;
    }
    check_top_level(document, false);
    absorb(std::move(document));
  }
}

DatabricksSource BundleLoader::load(ConfigNode root, const std::string& root_file, const std::string& root_dir) {
  DatabricksSource out;
  out.envelope = DatabricksEnvelope::kBundle;
  out.root = root_file;
  out.files.push_back(root_file);
  if (!root.is_map()) {
    diagnostics_.error(root.where.line > 0 ? root.where : SourceLocation{root_file, 1, 1},
                       root.is_null() ? std::string("the bundle file is empty: expected bundle keys (bundle, resources…)")
                                      : fmt::format("a bundle file holds a map of bundle keys, got {}", root.kind_name()));
    return out;
  }
  check_top_level(root, true);
  const ConfigNode* include = root.find("include");
  const ConfigNode include_list = include != nullptr ? *include : ConfigNode{};
  merged_ = std::move(root);
  read_includes(include_list, root_file, root_dir, out.files);
  std::string target_name;
  std::optional<ConfigNode> target;
  if (const ConfigNode* chosen = choose_target(target_name)) target = *chosen;
  if (target) apply_target(*target, target_name);
  if (target) out.target = target_name;
  collect_jobs(out);
  // With no target the CLI names the implicit one "default".
  substitute(out, target ? target_name : "default", target ? target->find("variables") : nullptr);
  out.unmodelled = std::move(unmodelled_);
  return out;
}

}  // namespace orchsim::sim
