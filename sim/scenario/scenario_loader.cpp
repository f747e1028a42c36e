#include "sim/scenario/scenario_loader.h"

#include <cctype>
#include <algorithm>
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
                   "permanent_failure_probability", "failure_rate_per_hour", "preferred_node_type",
                   "required_node_type", "group", "cluster", "max_retries", "min_retry_interval",
                   "retry_on_timeout", "timeout", "run_if"});
  if (auto v = r.string(n, "task_key", true)) t.key = *v;
  if (auto v = r.duration(n, "duration", true)) t.duration = *v;
  if (auto v = r.integer(n, "cores", 1, 100'000)) t.cores = static_cast<int>(*v);
  if (auto v = r.number(n, "mem_gib", 0, 1e6)) t.mem_gib = *v;
  if (auto v = r.number(n, "failure_probability", 0, 1)) t.failure_probability = *v;
  if (auto v = r.number(n, "permanent_failure_probability", 0, 1)) t.permanent_failure_probability = *v;
  if (auto v = r.number(n, "failure_rate_per_hour", 0, 1e6)) t.failure_rate_per_hour = *v;
  t.preferred_node_type = r.string(n, "preferred_node_type");
  t.required_node_type = r.string(n, "required_node_type");
  t.group = r.string(n, "group");
  t.cluster = r.string(n, "cluster");
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

// A duration-valued distribution: "4m30s" (fixed) or a map with one of fixed, uniform,
// exponential, lognormal, empirical (scenarios/README.md).
std::optional<models::Distribution> read_distribution(YamlReader& r, const YAML::Node& map, const char* key) {
  const YAML::Node n = map[key];
  if (!n || n.IsNull()) return std::nullopt;
  auto seconds = [&](const YAML::Node& v) -> std::optional<double> {
    if (!v || !v.IsScalar()) {
      r.error(v ? v : n, fmt::format("'{}': expected a duration like 90s or 4m30s", key));
      return std::nullopt;
    }
    const auto d = parse_duration(v.Scalar());
    if (!d) r.error(v, fmt::format("'{}': '{}' is not a duration like 90s, 4m30s or a number of seconds", key, v.Scalar()));
    return d ? std::optional<double>(d->to_seconds()) : std::nullopt;
  };
  if (n.IsScalar()) {
    const auto v = seconds(n);
    return v ? std::optional(models::Distribution::fixed(*v)) : std::nullopt;
  }
  if (!n.IsMap() || n.size() != 1) {
    r.error(n, fmt::format("'{}' must be a duration or a map with one of fixed, uniform, exponential, lognormal, "
                           "empirical", key));
    return std::nullopt;
  }
  r.allow_keys(n, {"fixed", "uniform", "exponential", "lognormal", "empirical"});
  const std::string kind = n.begin()->first.Scalar();
  const YAML::Node v = n.begin()->second;
  if (kind == "fixed") {
    const auto x = seconds(v);
    return x ? std::optional(models::Distribution::fixed(*x)) : std::nullopt;
  }
  if (kind == "exponential") {
    const YAML::Node mean = v.IsMap() ? v["mean"] : v;
    if (v.IsMap()) r.allow_keys(v, {"mean"});
    const auto m = seconds(mean);
    if (m && *m <= 0) r.error(v, "exponential: the mean must be > 0");
    return m && *m > 0 ? std::optional(models::Distribution::exponential(*m)) : std::nullopt;
  }
  if (kind == "uniform") {
    if (!v.IsSequence() || v.size() != 2) {
      r.error(v, "uniform: expected [low, high]");
      return std::nullopt;
    }
    const auto lo = seconds(v[0]), hi = seconds(v[1]);
    if (lo && hi && *lo > *hi) r.error(v, "uniform: low must not exceed high");
    return lo && hi && *lo <= *hi ? std::optional(models::Distribution::uniform(*lo, *hi)) : std::nullopt;
  }
  if (kind == "lognormal") {
    if (!v.IsMap()) {
      r.error(v, "lognormal: expected {median: ..., p95: ...}");
      return std::nullopt;
    }
    r.allow_keys(v, {"median", "p95"});
    const auto median = seconds(v["median"]), p95 = seconds(v["p95"]);
    if (median && p95 && !(*median > 0 && *p95 >= *median)) r.error(v, "lognormal: needs 0 < median <= p95");
    return median && p95 && *median > 0 && *p95 >= *median
               ? std::optional(models::Distribution::lognormal(*median, *p95)) : std::nullopt;
  }
  if (kind == "empirical") {
    if (!v.IsSequence() || v.size() == 0) {
      r.error(v, "empirical: expected a non-empty list of durations");
      return std::nullopt;
    }
    std::vector<double> values;
    for (const YAML::Node& x : v) {
      if (auto s = seconds(x)) values.push_back(*s);
    }
    return values.size() == v.size() ? std::optional(models::Distribution::empirical(std::move(values))) : std::nullopt;
  }
  return std::nullopt;  // unknown kind: reported by allow_keys
}

models::ClusterTemplate read_cluster(YamlReader& r, const YAML::Node& n, models::ClusterTemplate c) {
  r.allow_keys(n, {"kind", "node_type", "workers", "autoscale", "startup", "serverless_startup", "sku", "photon",
                   "spot_workers", "first_on_demand", "auto_terminate_after", "noisy_neighbour_load",
                   "max_contexts", "dispatch_overhead"});
  if (!n.IsMap()) return c;
  if (auto v = r.string(n, "kind")) {
    if (auto k = models::parse_cluster_kind(*v)) c.kind = *k;
    else r.error(n["kind"], fmt::format("unknown cluster kind '{}' (expected job_cluster, new_cluster, all_purpose "
                                        "or serverless)", *v));
  }
  if (auto v = r.string(n, "node_type")) c.node_type = *v;
  if (auto v = r.integer(n, "workers", 0, 100'000)) c.workers = static_cast<int>(*v);
  if (const YAML::Node a = n["autoscale"]) {
    r.allow_keys(a, {"min_workers", "max_workers", "scale_up_delay", "scale_down_after"});
    models::AutoscaleSpec s;
    if (auto v = r.integer(a, "min_workers", 0, 100'000)) s.min_workers = static_cast<int>(*v);
    if (auto v = r.integer(a, "max_workers", 1, 100'000)) s.max_workers = static_cast<int>(*v);
    if (auto v = r.duration(a, "scale_up_delay")) s.scale_up_delay = *v;
    if (auto v = r.duration(a, "scale_down_after")) s.scale_down_after = *v;
    if (s.min_workers > s.max_workers) r.error(a, "autoscale: min_workers must not exceed max_workers");
    c.autoscale = s;
  }
  if (auto d = read_distribution(r, n, "startup")) c.startup = *d;
  if (auto d = read_distribution(r, n, "serverless_startup")) c.serverless_startup = *d;
  if (auto v = r.string(n, "sku")) {
    if (auto k = models::parse_sku(*v)) c.sku = *k;
    else r.error(n["sku"], fmt::format("unknown sku '{}' (expected jobs, all_purpose, jobs_light or serverless)", *v));
  }
  if (auto v = r.boolean(n, "photon")) c.photon = *v;
  if (auto v = r.boolean(n, "spot_workers")) c.spot_workers = *v;
  if (auto v = r.integer(n, "first_on_demand", 0, 100'000)) c.first_on_demand = static_cast<int>(*v);
  if (auto v = r.duration(n, "auto_terminate_after")) c.auto_terminate_after = *v;
  if (auto v = r.number(n, "noisy_neighbour_load", 0, 0.99)) c.noisy_neighbour_load = *v;
  if (auto v = r.integer(n, "max_contexts", 1, 100'000)) c.max_contexts = static_cast<int>(*v);
  if (auto v = r.duration(n, "dispatch_overhead")) c.dispatch_overhead = *v;
  return c;
}

std::vector<models::PoolSpec> read_pools(YamlReader& r, const YAML::Node& list) {
  std::vector<models::PoolSpec> pools;
  if (!list.IsSequence()) {
    r.error(list, "pools must be a list");
    return pools;
  }
  for (const YAML::Node& n : list) {
    r.allow_keys(n, {"name", "min_idle", "warm_start", "idle_timeout"});
    models::PoolSpec p;
    if (auto v = r.string(n, "name", true)) p.name = *v;
    if (auto v = r.integer(n, "min_idle", 0, 100'000)) p.min_idle = static_cast<int>(*v);
    if (auto d = read_distribution(r, n, "warm_start")) p.warm_start = *d;
    if (auto v = r.duration(n, "idle_timeout")) p.idle_timeout = *v;
    pools.push_back(std::move(p));
  }
  return pools;
}

void read_faults(YamlReader& r, const YAML::Node& n, models::FaultModel& f) {
  r.allow_keys(n, {"driver_crashes_per_hour", "spot_losses_per_hour", "spot_notice", "launch_failure_probability",
                   "scripted"});
  if (auto v = r.number(n, "driver_crashes_per_hour", 0, 1e6)) f.driver_crashes_per_hour = *v;
  if (auto v = r.number(n, "spot_losses_per_hour", 0, 1e6)) f.spot_losses_per_hour = *v;
  if (auto v = r.duration(n, "spot_notice")) f.spot_notice = *v;
  if (auto v = r.number(n, "launch_failure_probability", 0, 1)) f.launch_failure_probability = *v;
  const YAML::Node list = n["scripted"];
  if (!list) return;
  if (!list.IsSequence()) {
    r.error(list, "faults.scripted must be a list like [{at: 12m, crash: shared_cluster}]");
    return;
  }
  for (const YAML::Node& s : list) {
    r.allow_keys(s, {"at", "crash", "lose_worker"});
    models::ScriptedFault fault;
    fault.where = r.location(s);
    if (auto v = r.duration(s, "at", true)) fault.at = *v;
    const auto crash = r.string(s, "crash");
    const auto lose = r.string(s, "lose_worker");
    if (crash.has_value() == lose.has_value()) {
      r.error(s, "a scripted fault has exactly one of 'crash: <cluster>' or 'lose_worker: <cluster>'");
      continue;
    }
    fault.action = crash ? models::ScriptedFault::Action::kCrash : models::ScriptedFault::Action::kLoseWorker;
    fault.target = crash ? *crash : *lose;
    f.scripted.push_back(std::move(fault));
  }
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

struct StrategyDefaults {
  const models::ClusterTemplate& cluster;
  Duration trigger_latency;
  const std::vector<models::PoolSpec>& pools;
  const std::vector<models::NamedCluster>& clusters;
};

models::StrategySpec read_strategy(YamlReader& r, const YAML::Node& n, const StrategyDefaults& defaults) {
  models::StrategySpec s{.name = {}, .kind = {}, .cluster = defaults.cluster, .trigger_latency = defaults.trigger_latency,
                         .multi_job_by_group = false, .hybrid = {}, .pool = {}, .clusters = defaults.clusters,
                         .where = r.location(n)};
  std::optional<std::string> kind;
  if (n.IsScalar()) {
    s.name = n.Scalar();
    kind = n.Scalar();
  } else if (n.IsMap()) {
    r.allow_keys(n, {"name", "kind", "cluster", "trigger_latency", "group_by", "pool", "hybrid"});
    kind = r.string(n, "kind", true);
    s.name = r.string(n, "name").value_or(kind.value_or(""));
    if (const YAML::Node c = n["cluster"]) s.cluster = read_cluster(r, c, defaults.cluster);
    if (auto v = r.duration(n, "trigger_latency")) s.trigger_latency = *v;
    if (auto v = r.string(n, "group_by")) {
      if (*v == "group") s.multi_job_by_group = true;
      else if (*v != "task") r.error(n["group_by"], fmt::format("group_by must be task or group, got '{}'", *v));
    }
    if (auto v = r.string(n, "pool")) {
      auto it = std::find_if(defaults.pools.begin(), defaults.pools.end(),
                             [&](const models::PoolSpec& p) { return p.name == *v; });
      if (it == defaults.pools.end()) r.error(n["pool"], fmt::format("unknown pool '{}' (define it under 'pools')", *v));
      else s.pool = *it;
    }
    if (const YAML::Node h = n["hybrid"]) {
      r.allow_keys(h, {"work_core_hours_above", "mem_gib_above", "special_node_type"});
      if (auto v = r.number(h, "work_core_hours_above", 0, 1e9)) s.hybrid.work_core_hours_above = *v;
      if (auto v = r.number(h, "mem_gib_above", 0, 1e9)) s.hybrid.mem_gib_above = *v;
      if (auto v = r.boolean(h, "special_node_type")) s.hybrid.special_node_type = *v;
    }
  } else {
    r.error(n, "a strategy is a kind name or a map with 'kind'");
    return s;
  }
  if (kind) {
    if (auto k = models::parse_strategy_kind(*kind)) s.kind = *k;
    else r.error(n.IsMap() ? n["kind"] : n,
                 fmt::format("unknown strategy kind '{}' (expected {})", *kind, models::strategy_kind_names()));
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
                      "clusters", "pools", "contention", "faults", "mismatch_slowdown", "trigger_latency",
                      "workload", "strategies", "sweep"});  // sweep: sim/scenario/sweep_loader
  spec.name = r.string(root, "name").value_or("scenario");
  spec.description = r.string(root, "description").value_or("");
  if (auto v = r.integer(root, "seed", 0, std::numeric_limits<std::int64_t>::max())) spec.experiment.seed = static_cast<std::uint64_t>(*v);
  if (auto v = r.integer(root, "replications", 1, 100'000'000)) spec.experiment.replications = static_cast<std::uint32_t>(*v);

  if (const YAML::Node p = root["pricing"]) {
    r.allow_keys(p, {"usd_per_dbu", "jobs_usd_per_dbu", "all_purpose_usd_per_dbu", "jobs_light_usd_per_dbu",
                     "serverless_usd_per_dbu", "photon_dbu_multiplier", "spot_vm_discount",
                     "bill_vm_during_startup", "bill_dbu_during_startup"});
    // `usd_per_dbu` is shorthand for the Jobs Compute price (the SKU most pipelines run on).
    if (auto v = r.number(p, "usd_per_dbu", 0, 1e3)) spec.world.pricing.jobs_usd_per_dbu = *v;
    if (auto v = r.number(p, "jobs_usd_per_dbu", 0, 1e3)) spec.world.pricing.jobs_usd_per_dbu = *v;
    if (auto v = r.number(p, "all_purpose_usd_per_dbu", 0, 1e3)) spec.world.pricing.all_purpose_usd_per_dbu = *v;
    if (auto v = r.number(p, "jobs_light_usd_per_dbu", 0, 1e3)) spec.world.pricing.jobs_light_usd_per_dbu = *v;
    if (auto v = r.number(p, "serverless_usd_per_dbu", 0, 1e3)) spec.world.pricing.serverless_usd_per_dbu = *v;
    if (auto v = r.number(p, "photon_dbu_multiplier", 0, 100)) spec.world.pricing.photon_dbu_multiplier = *v;
    if (auto v = r.number(p, "spot_vm_discount", 0, 1)) spec.world.pricing.spot_vm_discount = *v;
    if (auto v = r.boolean(p, "bill_vm_during_startup")) spec.world.pricing.bill_vm_during_startup = *v;
    if (auto v = r.boolean(p, "bill_dbu_during_startup")) spec.world.pricing.bill_dbu_during_startup = *v;
  }
  if (const YAML::Node n = root["node_types"]) read_node_types(r, n, spec.catalog);
  if (const YAML::Node c = root["contention"]) {
    r.allow_keys(c, {"spill_penalty", "oom_crashes_per_hour"});
    if (auto v = r.number(c, "spill_penalty", 0, 1e3)) spec.world.contention.spill_penalty = *v;
    if (auto v = r.number(c, "oom_crashes_per_hour", 0, 1e6)) spec.world.contention.oom_crashes_per_hour = *v;
  }
  if (const YAML::Node f = root["faults"]) read_faults(r, f, spec.world.faults);
  if (auto v = r.number(root, "mismatch_slowdown", 1, 1e3)) spec.world.mismatch_slowdown = *v;

  models::ClusterTemplate cluster;
  if (const YAML::Node c = root["cluster"]) cluster = read_cluster(r, c, cluster);
  const Duration trigger_latency = r.duration(root, "trigger_latency").value_or(Duration::zero());
  std::vector<models::PoolSpec> pools;
  if (const YAML::Node p = root["pools"]) pools = read_pools(r, p);
  std::vector<models::NamedCluster> clusters;
  if (const YAML::Node c = root["clusters"]) {
    if (!c.IsMap()) {
      r.error(c, "clusters must be a map from cluster name to cluster settings");
    } else {
      for (const auto& entry : c) clusters.push_back({entry.first.Scalar(), read_cluster(r, entry.second, cluster)});
    }
  }

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
      spec.strategies.push_back(read_strategy(r, s, {cluster, trigger_latency, pools, clusters}));
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
