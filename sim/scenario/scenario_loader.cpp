#include "sim/scenario/scenario_loader.h"

#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "sim/scenario/scenario_root.h"
#include "sim/scenario/yaml_reader.h"

namespace orchsim::sim {

std::optional<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double total_us = 0;
  std::size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.')) ++j;
    if (j == i) return std::nullopt;
    double value = 0;
    try {
      std::size_t used = 0;
      value = std::stod(std::string(text.substr(i, j - i)), &used);
      if (used != j - i) return std::nullopt;
    } catch (const std::exception&) {
      return std::nullopt;
    }
    std::size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) ++k;
    const std::string_view unit = text.substr(j, k - j);
    double scale = 0;
    if (unit.empty()) {
      if (any || k != text.size()) return std::nullopt;  // a bare number must stand alone
      scale = 1e6;
    } else if (unit == "us") scale = 1;
    else if (unit == "ms") scale = 1e3;
    else if (unit == "s") scale = 1e6;
    else if (unit == "m" || unit == "min") scale = 6e7;
    else if (unit == "h") scale = 3.6e9;
    else if (unit == "d") scale = 8.64e10;
    else return std::nullopt;
    total_us += value * scale;
    any = true;
    i = k;
  }
  if (!std::isfinite(total_us) || total_us > 9e18) return std::nullopt;
  return Duration::micros(std::llround(total_us));
}

namespace {

void read_retry(YamlReader& r, const YAML::Node& n, RetryPolicy& retry) {
  if (auto v = r.integer(n, "max_retries", -1, 1'000'000)) retry.max_retries = static_cast<std::int32_t>(*v);
  if (auto v = r.duration(n, "min_retry_interval")) retry.min_retry_interval = *v;
  if (auto v = r.boolean(n, "retry_on_timeout")) retry.retry_on_timeout = *v;
}

models::WorkloadTask read_task(YamlReader& r, const YAML::Node& n) {
  models::WorkloadTask t;
  t.where = r.location(n);
  r.allow_keys(n, {"task_key", "depends_on", "duration", "cores", "mem_gib", "failure_probability",
                   "max_retries", "min_retry_interval", "retry_on_timeout", "timeout", "run_if"});
  if (auto v = r.string(n, "task_key", true)) t.key = *v;
  if (auto v = r.duration(n, "duration", true)) t.duration = *v;
  if (auto v = r.integer(n, "cores", 1, 100'000)) t.cores = static_cast<int>(*v);
  if (auto v = r.number(n, "mem_gib", 0, 1e6)) t.mem_gib = *v;
  if (auto v = r.number(n, "failure_probability", 0, 1)) t.failure_probability = *v;
  read_retry(r, n, t.retry);
  if (auto v = r.duration(n, "timeout"); v && *v > Duration::zero()) t.timeout = *v;
  if (auto v = r.string(n, "run_if")) {
    if (auto rule = parse_run_if(*v)) t.run_if = *rule;
    else r.error(n["run_if"], fmt::format("unknown run_if '{}' (expected ALL_SUCCESS, AT_LEAST_ONE_SUCCESS, "
                                          "NONE_FAILED, ALL_DONE, AT_LEAST_ONE_FAILED or ALL_FAILED)", *v));
  }
  if (const YAML::Node deps = n["depends_on"]) {
    if (!deps.IsSequence()) {
      r.error(deps, "depends_on must be a list of task keys");
    } else {
      for (const YAML::Node& d : deps) {
        // Both "- job_A" and the Jobs API form "- task_key: job_A".
        const YAML::Node key = d.IsMap() ? d["task_key"] : d;
        if (d.IsMap()) r.allow_keys(d, {"task_key"});
        if (!key || !key.IsScalar()) {
          r.error(d, "a dependency must be a task key or {task_key: ...}");
          continue;
        }
        t.depends_on.push_back(key.Scalar());
        t.depends_where.push_back(r.location(key));
      }
    }
  }
  return t;
}

models::ClusterTemplate read_cluster(YamlReader& r, const YAML::Node& n, models::ClusterTemplate c) {
  r.allow_keys(n, {"node_type", "workers", "startup"});
  if (auto v = r.string(n, "node_type")) c.node_type = *v;
  if (auto v = r.integer(n, "workers", 0, 100'000)) c.workers = static_cast<int>(*v);
  if (auto v = r.duration(n, "startup")) c.startup = *v;
  return c;
}

void read_node_types(YamlReader& r, const YAML::Node& list, models::Catalog& catalog) {
  if (!list.IsSequence()) {
    r.error(list, "node_types must be a list");
    return;
  }
  for (const YAML::Node& n : list) {
    r.allow_keys(n, {"name", "vcpus", "mem_gib", "dbu_per_hour", "vm_usd_per_hour", "speed", "gpus"});
    models::NodeType node;
    if (auto v = r.string(n, "name", true)) {
      node.name = *v;
      if (const auto* existing = catalog.find(*v)) node = *existing;  // override field by field
    }
    if (auto v = r.integer(n, "vcpus", 1, 100'000)) node.vcpus = static_cast<int>(*v);
    if (auto v = r.number(n, "mem_gib", 0, 1e6)) node.mem_gib = *v;
    if (auto v = r.number(n, "dbu_per_hour", 0, 1e4)) node.dbu_per_hour = *v;
    if (auto v = r.number(n, "vm_usd_per_hour", 0, 1e4)) node.vm_usd_per_hour = *v;
    if (auto v = r.number(n, "speed", 1e-6, 1e6)) node.speed = *v;
    if (auto v = r.integer(n, "gpus", 0, 1024)) node.gpus = static_cast<int>(*v);
    if (!node.name.empty()) catalog.put(node);
  }
}

models::StrategySpec read_strategy(YamlReader& r, const YAML::Node& n, const models::ClusterTemplate& cluster,
                                   Duration trigger_latency) {
  models::StrategySpec s{.name = {}, .kind = {}, .cluster = cluster, .trigger_latency = trigger_latency,
                         .where = r.location(n)};
  std::optional<std::string> kind;
  if (n.IsScalar()) {
    s.name = n.Scalar();
    kind = n.Scalar();
  } else if (n.IsMap()) {
    r.allow_keys(n, {"name", "kind", "cluster", "trigger_latency"});
    kind = r.string(n, "kind", true);
    s.name = r.string(n, "name").value_or(kind.value_or(""));
    if (const YAML::Node c = n["cluster"]) s.cluster = read_cluster(r, c, cluster);
    if (auto v = r.duration(n, "trigger_latency")) s.trigger_latency = *v;
  } else {
    r.error(n, "a strategy is a kind name or a map with 'kind'");
    return s;
  }
  if (kind) {
    if (auto k = models::parse_strategy_kind(*kind)) s.kind = *k;
    else r.error(n.IsMap() ? n["kind"] : n,
                 fmt::format("unknown strategy kind '{}' (expected multi_job or single_job_shared_cluster)", *kind));
  }
  return s;
}

}  // namespace

ScenarioSpec parse_scenario(std::string_view yaml, const std::string& file) {
  return parse_scenario_root(load_yaml(yaml, file), file);
}

YAML::Node load_yaml(std::string_view yaml, const std::string& file) {
  try {
    return YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    Diagnostics diagnostics;
    diagnostics.error({file, e.mark.line + 1, e.mark.column + 1}, fmt::format("invalid YAML: {}", e.msg));
    diagnostics.throw_if_any();
  }
  return {};
}

ScenarioSpec parse_scenario_root(const YAML::Node& root, const std::string& file) {
  ScenarioSpec spec;
  spec.file = file;
  Diagnostics diagnostics;
  YamlReader r(file, diagnostics);
  if (!root.IsMap()) {
    diagnostics.error({file, 1, 1}, "a scenario is a YAML map (see scenarios/README.md)");
    diagnostics.throw_if_any();
  }
  r.allow_keys(root, {"name", "description", "seed", "replications", "pricing", "node_types", "cluster",
                      "trigger_latency", "workload", "strategies", "sweep"});  // sweep: sim/scenario/sweep_loader
  spec.name = r.string(root, "name").value_or("scenario");
  spec.description = r.string(root, "description").value_or("");
  if (auto v = r.integer(root, "seed", 0, std::numeric_limits<std::int64_t>::max())) spec.experiment.seed = static_cast<std::uint64_t>(*v);
  if (auto v = r.integer(root, "replications", 1, 100'000'000)) spec.experiment.replications = static_cast<std::uint32_t>(*v);

  if (const YAML::Node p = root["pricing"]) {
    r.allow_keys(p, {"usd_per_dbu", "jobs_usd_per_dbu", "all_purpose_usd_per_dbu", "jobs_light_usd_per_dbu",
                     "serverless_usd_per_dbu", "photon_dbu_multiplier", "spot_vm_discount",
                     "bill_vm_during_startup", "bill_dbu_during_startup"});
    // `usd_per_dbu` is shorthand for the Jobs Compute price (the SKU most pipelines run on).
    if (auto v = r.number(p, "usd_per_dbu", 0, 1e3)) spec.pricing.jobs_usd_per_dbu = *v;
    if (auto v = r.number(p, "jobs_usd_per_dbu", 0, 1e3)) spec.pricing.jobs_usd_per_dbu = *v;
    if (auto v = r.number(p, "all_purpose_usd_per_dbu", 0, 1e3)) spec.pricing.all_purpose_usd_per_dbu = *v;
    if (auto v = r.number(p, "jobs_light_usd_per_dbu", 0, 1e3)) spec.pricing.jobs_light_usd_per_dbu = *v;
    if (auto v = r.number(p, "serverless_usd_per_dbu", 0, 1e3)) spec.pricing.serverless_usd_per_dbu = *v;
    if (auto v = r.number(p, "photon_dbu_multiplier", 0, 100)) spec.pricing.photon_dbu_multiplier = *v;
    if (auto v = r.number(p, "spot_vm_discount", 0, 1)) spec.pricing.spot_vm_discount = *v;
    if (auto v = r.boolean(p, "bill_vm_during_startup")) spec.pricing.bill_vm_during_startup = *v;
    if (auto v = r.boolean(p, "bill_dbu_during_startup")) spec.pricing.bill_dbu_during_startup = *v;
  }
  if (const YAML::Node n = root["node_types"]) read_node_types(r, n, spec.catalog);

  models::ClusterTemplate cluster;
  if (const YAML::Node c = root["cluster"]) cluster = read_cluster(r, c, cluster);
  const Duration trigger_latency = r.duration(root, "trigger_latency").value_or(Duration::zero());

  const YAML::Node workload = root["workload"];
  if (!workload) {
    diagnostics.error({file, 1, 1}, "missing 'workload'");
  } else {
    r.allow_keys(workload, {"name", "tasks"});
    spec.workload.name = r.string(workload, "name").value_or(spec.name);
    const YAML::Node tasks = workload["tasks"];
    if (!tasks || !tasks.IsSequence() || tasks.size() == 0) {
      r.error(tasks ? tasks : workload, "workload.tasks must be a non-empty list");
    } else {
      for (const YAML::Node& t : tasks) {
        if (!t.IsMap()) {
          r.error(t, "a task is a map with at least task_key and duration");
          continue;
        }
        spec.workload.tasks.push_back(read_task(r, t));
      }
    }
  }

  const YAML::Node strategies = root["strategies"];
  if (!strategies || !strategies.IsSequence() || strategies.size() == 0) {
    if (strategies) r.error(strategies, "strategies must be a non-empty list");
    else diagnostics.error({file, 1, 1}, "missing 'strategies'");
  } else {
    for (const YAML::Node& s : strategies) {
      spec.strategies.push_back(read_strategy(r, s, cluster, trigger_latency));
      const auto& added = spec.strategies.back();
      for (std::size_t i = 0; i + 1 < spec.strategies.size(); ++i) {
        if (spec.strategies[i].name == added.name && !added.name.empty()) {
          diagnostics.error(added.where, fmt::format("duplicate strategy name '{}'", added.name));
        }
      }
      if (spec.catalog.find(added.cluster.node_type) == nullptr) {
        diagnostics.error(added.where, fmt::format("strategy '{}': unknown node type '{}'", added.name,
                                                   added.cluster.node_type));
      }
    }
  }
  if (diagnostics.empty()) spec.workload.dag(diagnostics);  // DAG errors: unknown deps, cycles
  diagnostics.throw_if_any();
  return spec;
}

ScenarioSpec load_scenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Diagnostics diagnostics;
    diagnostics.error({path, 0, 0}, "cannot open the scenario file");
    diagnostics.throw_if_any();
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_scenario(buffer.str(), path);
}

}  // namespace orchsim::sim
