#include "sim/input/profile_loader.h"

#include <fmt/format.h>

#include "sim/input/input_file.h"
#include "sim/input/scenario_readers.h"
#include "sim/input/task_command_reader.h"
#include "sim/input/yaml_document.h"
#include "sim/input/yaml_reader.h"

namespace orchsim::sim {

namespace {

constexpr const char* kTypes[] = {"notebook", "spark_python", "python_wheel", "spark_jar", "spark_submit", "sql",
                                  "dbt", "pipeline", "dashboard", "power_bi", "alert", "clean_rooms_notebook",
                                  "gen_ai_compute", "python_operator", "ai_runtime", "dbt_cloud", "dbt_platform"};

bool known_type(const std::string& type) {
  for (const char* t : kTypes) {
    if (type == t) return true;
  }
  return false;
}

void check_type(YamlReader& r, const YamlNode& at, const std::string& type) {
  if (known_type(type)) return;
  std::string names;
  for (const char* t : kTypes) names += fmt::format("{}{}", names.empty() ? "" : ", ", t);
  r.error(at, fmt::format("unknown task type '{}' (expected one of {})", type, names));
}

WorkProfile read_work(YamlReader& r, const YamlNode& n) {
  WorkProfile w;
  const YamlNode duration = YamlReader::child(n, "duration");
  if (duration && duration.IsMap()) {
    // A distribution (as a scenario's startup): each attempt draws from it; its median plans.
    if (auto d = read_scenario_distribution(r, n, "duration")) {
      w.duration = Duration::from_seconds(d->quantile(0.5));
      if (d->kind() != models::Distribution::Kind::kFixed) w.duration_distribution = *d;
    }
  } else if (auto d = r.duration(n, "duration")) {
    w.duration = *d;
  }
  if (auto v = r.integer(n, "cores", 1, 100'000)) w.cores = static_cast<int>(*v);
  if (auto v = r.number(n, "mem_gib", 0, 1e6)) w.mem_gib = *v;
  if (auto v = r.number(n, "failure_probability", 0, 1)) w.failure_probability = *v;
  if (auto v = r.number(n, "permanent_failure_probability", 0, 1)) w.permanent_failure_probability = *v;
  if (auto v = r.number(n, "failure_rate_per_hour", 0, 1e6)) w.failure_rate_per_hour = *v;
  if (const YamlNode c = YamlReader::child(n, "compute")) w.compute = read_scenario_cluster(r, c, models::ClusterTemplate{});
  return w;
}

#define ORCHSIM_WORK_KEYS \
  "duration", "cores", "mem_gib", "failure_probability", "permanent_failure_probability", "failure_rate_per_hour", "compute"

// Calls `each(key, value)` for every entry of map `root[key]`.
template <class F>
void each_entry(YamlReader& r, const YamlNode& root, const char* key, F each) {
  const YamlNode n = YamlReader::child(root, key);
  if (!n || n.IsNull()) return;
  if (!r.expect_map(n, fmt::format("'{}' to be a map", key))) return;
  for (const auto& entry : n) each(entry.first.Scalar(), entry.first, entry.second);
}

void read_rules(YamlReader& r, const YamlNode& list, Profile& p) {
  if (!list.IsSequence()) {
    r.error(list, "'tasks' must be a list of {match, type, duration, cores, …}");
    return;
  }
  for (const YamlNode& n : list) {
    if (!r.allow_keys(n, {"match", "type", ORCHSIM_WORK_KEYS, "command", "shell", "permanent_exit_codes", "gate"})) {
      continue;
    }
    ProfileRule rule{.match = r.string(n, "match").value_or(""), .type = r.string(n, "type").value_or(""),
                     .work = read_work(r, n), .where = r.location(n)};
    rule.work.command = read_task_command(r, n);
    rule.work.gate = read_quality_gate(r, n);
    if (!rule.type.empty()) check_type(r, n["type"], rule.type);
    if (rule.match.empty() && rule.type.empty()) r.error(n, "a 'tasks' entry needs 'match' (a task key or glob) or 'type'");
    p.tasks.push_back(std::move(rule));
  }
}

void read_profile_root(YamlReader& r, const YamlNode& root, Profile& p) {
  if (!r.allow_keys(root, {"defaults", "tasks", "values", "conditions", "for_each", "existing_clusters", "pools",
                           "outside_jobs", "node_types", "alerts", "startup"})) {
    return;
  }
  each_entry(r, root, "defaults", [&](const std::string& type, const YamlNode& k, const YamlNode& v) {
    check_type(r, k, type);
    if (r.allow_keys(v, {ORCHSIM_WORK_KEYS})) p.type_defaults.emplace_back(type, read_work(r, v));
  });
  if (const YamlNode t = YamlReader::child(root, "tasks")) read_rules(r, t, p);
  each_entry(r, root, "values", [&](const std::string& ref, const YamlNode&, const YamlNode& v) {
    if (!v.IsScalar()) r.error(v, fmt::format("the value of '{}' must be a single value", ref));
    else p.values.emplace_back(ref, v.Scalar());
  });
  each_entry(r, root, "conditions", [&](const std::string& task, const YamlNode&, const YamlNode& v) {
    if (!r.allow_keys(v, {"outcome", "probability"})) return;
    ConditionProfile c{.outcome = r.boolean(v, "outcome"), .probability = r.number(v, "probability", 0, 1),
                       .where = r.location(v)};
    if (c.outcome.has_value() == c.probability.has_value()) {
      r.error(v, fmt::format("condition '{}': give one of 'outcome: true|false' or 'probability: p' (of true)", task));
    }
    p.conditions.emplace_back(task, c);
  });
  each_entry(r, root, "for_each", [&](const std::string& task, const YamlNode&, const YamlNode& v) {
    if (auto n = r.integer_value(v, task.c_str(), 0, 1'000'000)) p.for_each.emplace_back(task, static_cast<std::uint32_t>(*n));
  });
  each_entry(r, root, "existing_clusters", [&](const std::string& id, const YamlNode&, const YamlNode& v) {
    models::ClusterTemplate c;
    c.kind = models::ClusterKind::kAllPurpose;
    p.existing_clusters.emplace_back(id, read_scenario_cluster(r, v, c));
  });
  each_entry(r, root, "pools", [&](const std::string& id, const YamlNode&, const YamlNode& v) {
    if (!r.allow_keys(v, {"node_type", "min_idle"})) return;
    PoolProfile pool;
    if (auto t = r.string(v, "node_type", true)) pool.node_type = *t;
    if (auto n = r.integer(v, "min_idle", 0, 100'000)) pool.min_idle = static_cast<int>(*n);
    p.pools.emplace_back(id, pool);
  });
  each_entry(r, root, "outside_jobs", [&](const std::string& id, const YamlNode&, const YamlNode& v) {
    if (r.allow_keys(v, {ORCHSIM_WORK_KEYS})) p.outside_jobs.emplace_back(id, read_work(r, v));
  });
  if (const YamlNode s = YamlReader::child(root, "startup"); s && !s.IsNull() && r.expect_map(s, "'startup' to be a map")) {
    for (const auto& entry : s) {
      if (auto d = read_scenario_distribution(r, s, entry.first.Scalar().c_str())) p.startups.emplace_back(entry.first.Scalar(), *d);
    }
  }
  if (const YamlNode n = YamlReader::child(root, "node_types")) read_scenario_node_types(r, n, p.catalog);
  if (const YamlNode a = YamlReader::child(root, "alerts"); a && r.allow_keys(a, {"destinations"})) {
    p.alert_destinations = read_alert_destinations(r, a["destinations"]);
  }
}

#undef ORCHSIM_WORK_KEYS

}  // namespace

Profile parse_profile(std::string_view text, const std::string& file) {
  const YamlTree tree = load_yaml(text, file);
  const YamlNode root = tree.root();
  Profile p;
  p.file = file;
  Diagnostics diagnostics;
  YamlReader r(file, diagnostics);
  if (root.IsNull()) return p;  // an empty profile: every default
  read_profile_root(r, root, p);
  diagnostics.throw_if_any();
  return p;
}

Profile load_profile(const std::string& path) { return parse_profile(read_input_file(path, "profile"), path); }

}  // namespace orchsim::sim
