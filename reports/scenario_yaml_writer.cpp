#include "reports/scenario_yaml_writer.h"

#include <algorithm>
#include <cmath>
#include <variant>

#include <fmt/format.h>

#include "reports/text_tree.h"

namespace orchsim::reports {

namespace {

using models::ClusterTemplate;
using models::Distribution;

TextTree dur(Duration d) { return TextTree::string(duration_text(d)); }
TextTree seconds(double s) { return dur(Duration::micros(std::llround(s * 1e6))); }

bool same(const Distribution& a, const Distribution& b) {
  return a.kind() == b.kind() && a.parameters() == b.parameters();
}

TextTree distribution(const Distribution& d) {
  const std::vector<double> p = d.parameters();
  TextTree m = TextTree::map();
  switch (d.kind()) {
    case Distribution::Kind::kFixed: return seconds(p[0]);
    case Distribution::Kind::kUniform: {
      TextTree& range = m.set("uniform", TextTree::list());
      range.push(seconds(p[0]));
      range.push(seconds(p[1]));
      break;
    }
    case Distribution::Kind::kExponential: m.set("exponential", TextTree::map()).set("mean", seconds(p[0])); break;
    case Distribution::Kind::kLognormal: {
      TextTree& l = m.set("lognormal", TextTree::map());
      l.set("median", seconds(p[0]));
      l.set("p95", seconds(p[1]));
      break;
    }
    case Distribution::Kind::kEmpirical: {
      TextTree& values = m.set("empirical", TextTree::list());
      for (double v : p) values.push(seconds(v));
      break;
    }
  }
  return m;
}

bool same_autoscale(const models::AutoscaleSpec& a, const models::AutoscaleSpec& b) {
  return a.min_workers == b.min_workers && a.max_workers == b.max_workers && a.scale_up_delay == b.scale_up_delay &&
         a.scale_down_after == b.scale_down_after;
}

// The keys of `c` that differ from `base`, the cluster it is read on top of (scenario_loader's
// read_cluster starts from a copy of the base).
TextTree cluster_tree(const ClusterTemplate& c, const ClusterTemplate& base) {
  TextTree m = TextTree::map();
  if (c.kind != base.kind) m.set("kind", TextTree::string(models::to_string(c.kind)));
  // A written size is kept and an unwritten one sized: the file says which (models/compute_sizing.h).
  if (c.node_type != base.node_type || (c.node_type_written && !base.node_type_written)) {
    m.set("node_type", TextTree::string(c.node_type));
  }
  if (c.workers != base.workers || (c.workers_written && !base.workers_written && !c.autoscale)) {
    m.set("workers", TextTree::integer(c.workers));
  }
  if (c.max_workers != base.max_workers) m.set("max_workers", TextTree::integer(c.max_workers));
  if (c.autoscale && !(base.autoscale && same_autoscale(*c.autoscale, *base.autoscale))) {
    TextTree& a = m.set("autoscale", TextTree::map());
    a.set("min_workers", TextTree::integer(c.autoscale->min_workers));
    a.set("max_workers", TextTree::integer(c.autoscale->max_workers));
    a.set("scale_up_delay", dur(c.autoscale->scale_up_delay));
    a.set("scale_down_after", dur(c.autoscale->scale_down_after));
  }
  if (!same(c.startup, base.startup)) m.set("startup", distribution(c.startup));
  if (!same(c.serverless_startup, base.serverless_startup)) m.set("serverless_startup", distribution(c.serverless_startup));
  if (c.sku && c.sku != base.sku) m.set("sku", TextTree::string(models::to_string(*c.sku)));
  if (c.photon != base.photon) m.set("photon", TextTree::boolean(c.photon));
  if (c.spot_workers != base.spot_workers) m.set("spot_workers", TextTree::boolean(c.spot_workers));
  if (c.first_on_demand != base.first_on_demand) m.set("first_on_demand", TextTree::integer(c.first_on_demand));
  if (c.auto_terminate_after != base.auto_terminate_after) m.set("auto_terminate_after", dur(c.auto_terminate_after));
  if (c.noisy_neighbour_load != base.noisy_neighbour_load) {
    m.set("noisy_neighbour_load", TextTree::number(c.noisy_neighbour_load));
  }
  if (c.max_contexts != base.max_contexts) m.set("max_contexts", TextTree::integer(c.max_contexts));
  if (c.performance_target != base.performance_target) {
    m.set("performance_target", TextTree::string(models::to_string(c.performance_target)));
  }
  if (c.attribution != base.attribution) m.set("attribution", TextTree::string(models::to_string(c.attribution)));
  if (c.dispatch_overhead != base.dispatch_overhead) m.set("dispatch_overhead", dur(c.dispatch_overhead));
  return m;
}

bool same_cluster(const ClusterTemplate& a, const ClusterTemplate& b) {
  return cluster_tree(a, b).empty() && a.autoscale.has_value() == b.autoscale.has_value() &&
         a.sku.has_value() == b.sku.has_value();
}

// The named clusters of the scenario (as_defined's), from the first strategy that has any.
const std::vector<models::NamedCluster>& named_clusters(const std::vector<models::StrategySpec>& strategies) {
  static const std::vector<models::NamedCluster> kNone;
  for (const auto& s : strategies) {
    if (!s.clusters.empty()) return s.clusters;
  }
  return kNone;
}

// The top-level `cluster:` every strategy and named cluster is written against: the strategies'
// most common cluster, without autoscaling, a SKU or a written size when some cluster has none (an
// override can add a setting, not remove one).
ClusterTemplate base_cluster(const std::vector<models::StrategySpec>& strategies) {
  ClusterTemplate base;
  std::size_t best = 0;
  for (const auto& s : strategies) {
    const auto n = static_cast<std::size_t>(std::count_if(strategies.begin(), strategies.end(), [&](const auto& o) {
      return same_cluster(o.cluster, s.cluster);
    }));
    if (n > best) {
      best = n;
      base = s.cluster;
    }
  }
  std::vector<const ClusterTemplate*> all;
  for (const auto& s : strategies) all.push_back(&s.cluster);
  for (const auto& c : named_clusters(strategies)) all.push_back(&c.cluster);
  for (const ClusterTemplate* c : all) {
    if (!c->autoscale) base.autoscale.reset();
    if (!c->sku) base.sku.reset();
    if (!c->workers_written) base.workers_written = false;
    if (!c->node_type_written) base.node_type_written = false;
  }
  return base;
}

TextTree pricing_tree(const models::Pricing& p) {
  const models::Pricing d;
  TextTree m = TextTree::map();
  auto number = [&](const char* key, double v, double def) {
    if (v != def) m.set(key, TextTree::number(v));
  };
  number("jobs_usd_per_dbu", p.jobs_usd_per_dbu, d.jobs_usd_per_dbu);
  number("all_purpose_usd_per_dbu", p.all_purpose_usd_per_dbu, d.all_purpose_usd_per_dbu);
  number("jobs_light_usd_per_dbu", p.jobs_light_usd_per_dbu, d.jobs_light_usd_per_dbu);
  number("serverless_usd_per_dbu", p.serverless_usd_per_dbu, d.serverless_usd_per_dbu);
  number("photon_dbu_multiplier", p.photon_dbu_multiplier, d.photon_dbu_multiplier);
  number("spot_vm_discount", p.spot_vm_discount, d.spot_vm_discount);
  number("serverless_dbu_per_core_hour", p.serverless_dbu_per_core_hour, d.serverless_dbu_per_core_hour);
  number("serverless_standard_dbu_factor", p.serverless_standard_dbu_factor, d.serverless_standard_dbu_factor);
  if (p.bill_vm_during_startup != d.bill_vm_during_startup) {
    m.set("bill_vm_during_startup", TextTree::boolean(p.bill_vm_during_startup));
  }
  if (p.bill_dbu_during_startup != d.bill_dbu_during_startup) {
    m.set("bill_dbu_during_startup", TextTree::boolean(p.bill_dbu_during_startup));
  }
  return m;
}

// Node types not in the built-in catalog, or different from their built-in entry, in full.
TextTree node_types_tree(const models::Catalog& catalog) {
  const models::Catalog builtin = models::Catalog::builtin();
  TextTree list = TextTree::list();
  for (const models::NodeType& n : catalog.nodes()) {
    const models::NodeType* b = builtin.find(n.name);
    if (b && b->vcpus == n.vcpus && b->mem_gib == n.mem_gib && b->dbu_per_hour == n.dbu_per_hour &&
        b->vm_usd_per_hour == n.vm_usd_per_hour && b->speed == n.speed && b->gpus == n.gpus) {
      continue;
    }
    TextTree& e = list.push(TextTree::map());
    e.set("name", TextTree::string(n.name));
    e.set("vcpus", TextTree::integer(n.vcpus));
    e.set("mem_gib", TextTree::number(n.mem_gib));
    e.set("dbu_per_hour", TextTree::number(n.dbu_per_hour));
    e.set("vm_usd_per_hour", TextTree::number(n.vm_usd_per_hour));
    e.set("speed", TextTree::number(n.speed));
    e.set("gpus", TextTree::integer(n.gpus));
  }
  return list;
}

// contention, faults, mismatch_slowdown, table_restore and horizon, where they differ from the defaults.
void add_world(TextTree& root, const models::WorldModel& w) {
  const models::WorldModel d;
  TextTree contention = TextTree::map();
  if (w.contention.spill_penalty != d.contention.spill_penalty) {
    contention.set("spill_penalty", TextTree::number(w.contention.spill_penalty));
  }
  if (w.contention.oom_crashes_per_hour != d.contention.oom_crashes_per_hour) {
    contention.set("oom_crashes_per_hour", TextTree::number(w.contention.oom_crashes_per_hour));
  }
  if (!contention.empty()) root.set("contention", std::move(contention));
  const models::FaultModel& f = w.faults;
  TextTree faults = TextTree::map();
  if (f.driver_crashes_per_hour != 0) faults.set("driver_crashes_per_hour", TextTree::number(f.driver_crashes_per_hour));
  if (f.spot_losses_per_hour != 0) faults.set("spot_losses_per_hour", TextTree::number(f.spot_losses_per_hour));
  if (f.spot_notice != d.faults.spot_notice) faults.set("spot_notice", dur(f.spot_notice));
  if (f.launch_failure_probability != 0) {
    faults.set("launch_failure_probability", TextTree::number(f.launch_failure_probability));
  }
  if (!f.scripted.empty()) {
    TextTree& list = faults.set("scripted", TextTree::list());
    for (const auto& s : f.scripted) {
      TextTree& e = list.push(TextTree::map());
      e.set("at", dur(s.at));
      const bool crash = s.action == models::ScriptedFault::Action::kCrash;
      e.set(crash ? "crash" : "lose_worker", TextTree::string(s.target));
    }
  }
  if (!faults.empty()) root.set("faults", std::move(faults));
  if (w.mismatch_slowdown != d.mismatch_slowdown) root.set("mismatch_slowdown", TextTree::number(w.mismatch_slowdown));
  if (!same(w.table_restore, d.table_restore)) root.set("table_restore", distribution(w.table_restore));
  if (w.horizon != d.horizon) root.set("horizon", dur(w.horizon));
  if (w.runs_per_day != d.runs_per_day) root.set("runs_per_day", TextTree::number(w.runs_per_day));
}

// A task's or the job's `alerts:` keys (the job's policy keys are added by the caller).
TextTree alerts_tree(const Notifications& n, bool job) {
  TextTree m = TextTree::map();
  std::vector<std::string> events;
  if (n.on_start) events.emplace_back("on_start");
  if (n.on_success) events.emplace_back("on_success");
  if (n.on_failure) events.emplace_back("on_failure");
  if (n.on_retry && !job) events.emplace_back("on_retry");
  if (!events.empty()) m.set("events", TextTree::list_of(events));
  if (n.duration_warning) m.set("duration_warning", dur(*n.duration_warning));
  if (n.alert_on_last_attempt) m.set("alert_on_last_attempt", TextTree::boolean(true));
  if (n.no_alert_for_canceled_runs) m.set("no_alert_for_canceled_runs", TextTree::boolean(true));
  if (job && n.no_alert_for_skipped_runs) m.set("no_alert_for_skipped_runs", TextTree::boolean(true));
  return m;
}

void add_retry(TextTree& t, const RetryPolicy& r) {
  const RetryPolicy d;
  const RetryShape& shape = *r.shape;
  const RetryShape default_shape;
  if (r.retries_forever()) t.set("max_retries", TextTree::integer(-1));
  else if (*r.max_retries != 0) t.set("max_retries", TextTree::integer(*r.max_retries));
  if (r.min_retry_interval != d.min_retry_interval) t.set("min_retry_interval", dur(r.min_retry_interval));
  if (r.backoff != d.backoff) t.set("retry_backoff", TextTree::string(to_string(r.backoff)));
  if (r.backoff == Backoff::kExponential && shape.multiplier != default_shape.multiplier) {
    t.set("retry_multiplier", TextTree::number(shape.multiplier));
  }
  if (shape.max_delay) t.set("retry_max_delay", dur(*shape.max_delay));
  if (r.jitter != d.jitter) t.set("retry_jitter", TextTree::string(to_string(r.jitter)));
  if (r.jitter == Jitter::kPlusMinus && shape.jitter_fraction != default_shape.jitter_fraction) {
    t.set("retry_jitter_fraction", TextTree::number(shape.jitter_fraction));
  }
  if (!shape.delays.empty()) {
    TextTree& delays = t.set("retry_delays", TextTree::list());
    for (Duration x : shape.delays) delays.push(dur(x));
  }
  if (r.anchor == RetryAnchor::kAttemptEnd) t.set("retry_anchor", TextTree::string("attempt_end"));
  if (!r.retry_on.task_error || !r.retry_on.infrastructure) {
    std::vector<std::string> kinds;
    if (r.retry_on.task_error) kinds.emplace_back("task_error");
    if (r.retry_on_timeout) kinds.emplace_back("timeout");
    if (r.retry_on.infrastructure) kinds.emplace_back("infrastructure");
    t.set("retry_on", TextTree::list_of(kinds));
  } else if (r.retry_on_timeout) {
    t.set("retry_on_timeout", TextTree::boolean(true));
  }
}

void add_depends_on(TextTree& t, const models::WorkloadTask& task) {
  if (task.depends_on.empty()) return;
  const bool gated = std::any_of(task.depends_on.begin(), task.depends_on.end(),
                                 [](const models::Dependency& d) { return d.gate != EdgeGate::kNone; });
  if (!gated) {
    t.set("depends_on", TextTree::list_of(task.depends_on.names()));
    return;
  }
  TextTree& deps = t.set("depends_on", TextTree::list());
  for (const models::Dependency& d : task.depends_on) {
    TextTree& dep = deps.push(TextTree::map());
    dep.set("task_key", TextTree::string(std::string(d.task)));
    const EdgeGate gate = d.gate;
    if (gate != EdgeGate::kNone) dep.set("outcome", TextTree::string(gate == EdgeGate::kTrue ? "true" : "false"));
  }
}

// `command` (argv as a list, or the one shell string with `shell: true`) and, for a task's own
// command, `permanent_exit_codes`.
void add_command(TextTree& t, const TaskCommand& c) {
  if (c.shell) {
    t.set("command", TextTree::string(c.argv.empty() ? std::string() : c.argv.front()));
    t.set("shell", TextTree::boolean(true));
  } else {
    t.set("command", TextTree::list_of(c.argv));
  }
  if (c.permanent_exit_codes.empty()) return;
  TextTree& codes = t.set("permanent_exit_codes", TextTree::list());
  for (int code : c.permanent_exit_codes) codes.push(TextTree::integer(code));
}

TextTree gate_tree(const QualityGate& g) {
  TextTree t = TextTree::map();
  if (g.command) add_command(t, *g.command);
  if (g.min_rows) t.set("min_rows", TextTree::integer(static_cast<std::int64_t>(*g.min_rows)));
  if (g.max_rows) t.set("max_rows", TextTree::integer(static_cast<std::int64_t>(*g.max_rows)));
  if (!g.columns.empty()) t.set("columns", TextTree::list_of(g.columns));
  if (g.failure_probability != 0) t.set("failure_probability", TextTree::number(g.failure_probability));
  if (g.duration != Duration::zero()) t.set("duration", dur(g.duration));
  return t;
}

TextTree destinations_tree(const std::vector<AlertDestination>& list) {
  const AlertDestination d;
  TextTree out = TextTree::list();
  for (const AlertDestination& a : list) {
    if (a.kind == AlertDestination::Kind::kStdout) {
      out.push(TextTree::string("stdout"));
      continue;
    }
    TextTree& m = out.push(TextTree::map());
    if (a.kind == AlertDestination::Kind::kJsonl) {
      m.set("jsonl", TextTree::string(a.path));
      continue;
    }
    TextTree& w = m.set("webhook", TextTree::map());
    w.set("url", TextTree::string(a.url));
    if (a.slack) w.set("slack", TextTree::boolean(true));
    if (a.timeout != d.timeout) w.set("timeout", dur(a.timeout));
    if (a.retries != d.retries) w.set("retries", TextTree::integer(a.retries));
  }
  return out;
}

// A work task's own keys: its work, failures, placement, retries, timeout, for_each and what
// `orchsim exec` runs.
void add_work(TextTree& t, const models::WorkloadTask& task) {
  t.set("duration", dur(task.duration));
  if (task.cores != 1) t.set("cores", TextTree::integer(task.cores));
  const models::RareTaskSettings& rare = *task.rare;
  if (rare.mem_gib != 0) t.set("mem_gib", TextTree::number(rare.mem_gib));
  if (task.failure_probability != 0) t.set("failure_probability", TextTree::number(task.failure_probability));
  if (rare.permanent_failure_probability != 0) {
    t.set("permanent_failure_probability", TextTree::number(rare.permanent_failure_probability));
  }
  if (rare.failure_rate_per_hour != 0) t.set("failure_rate_per_hour", TextTree::number(rare.failure_rate_per_hour));
  if (task.placement->preferred_node_type) t.set("preferred_node_type", TextTree::string(*task.placement->preferred_node_type));
  if (task.placement->required_node_type) t.set("required_node_type", TextTree::string(*task.placement->required_node_type));
  if (task.placement->group) t.set("group", TextTree::string(*task.placement->group));
  if (task.placement->cluster) t.set("cluster", TextTree::string(*task.placement->cluster));
  add_retry(t, task.retry);
  if (rare.timeout) t.set("timeout", dur(*rare.timeout));
  if (task.orchestration->for_each) {
    TextTree& f = t.set("for_each", TextTree::map());
    f.set("inputs", TextTree::integer(task.orchestration->for_each->inputs));
    f.set("concurrency", TextTree::integer(task.orchestration->for_each->concurrency));
  }
  if (!task.writes->tables.empty()) t.set("tables", TextTree::list_of(task.writes->tables));
  if (task.command) add_command(t, *task.command);
  if (task.writes->gate) t.set("gate", gate_tree(*task.writes->gate));
}

TextTree task_tree(const models::WorkloadTask& task) {
  TextTree t = TextTree::map();
  t.set("task_key", TextTree::string(task.key));
  add_depends_on(t, task);
  if (task.orchestration->condition) {
    TextTree& c = t.set("condition", TextTree::map());
    c.set("op", TextTree::string(to_string(task.orchestration->condition->op)));
    c.set("left", TextTree::string(task.orchestration->condition->left));
    c.set("right", TextTree::string(task.orchestration->condition->right));
  } else {
    add_work(t, task);
  }
  if (task.run_if != RunIf::kAllSuccess) t.set("run_if", TextTree::string(to_string(task.run_if)));
  if (task.disabled) t.set("disabled", TextTree::boolean(true));
  TextTree alerts = alerts_tree(*task.alerts, false);
  if (!alerts.empty()) t.set("alerts", std::move(alerts));
  return t;
}

std::string location_text(const SourceLocation& where) {
  if (where.line == 0) return where.file;
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

TextTree workload_tree(const ScenarioParts& parts) {
  const models::Workload& w = parts.workload;
  const models::JobSettings d;
  TextTree m = TextTree::map();
  m.set("name", TextTree::string(w.name));
  const models::JobSettings& j = w.job;
  if (j.evaluation == EvaluationMode::kEager) m.set("evaluation", TextTree::string("eager"));
  if (j.max_concurrent_runs != d.max_concurrent_runs) m.set("max_concurrent_runs", TextTree::integer(j.max_concurrent_runs));
  if (j.queue) m.set("queue", TextTree::boolean(true));
  if (j.max_queue_wait != d.max_queue_wait) m.set("max_queue_wait", dur(j.max_queue_wait));
  if (j.timeout) m.set("timeout", dur(*j.timeout));
  if (j.retry_budget) m.set("retry_budget", TextTree::integer(*j.retry_budget));
  if (j.rollback != RollbackScope::kNone) m.set("rollback", TextTree::string(to_string(j.rollback)));
  TextTree alerts = alerts_tree(j.alerts, true);
  if (j.alert_policy.dedup_window != d.alert_policy.dedup_window) {
    alerts.set("dedup_window", dur(j.alert_policy.dedup_window));
  }
  if (j.alert_policy.max_per_window) {
    TextTree& rl = alerts.set("rate_limit", TextTree::map());
    rl.set("max", TextTree::integer(*j.alert_policy.max_per_window));
    rl.set("window", dur(j.alert_policy.rate_window));
  }
  if (!j.alert_destinations.empty()) alerts.set("destinations", destinations_tree(j.alert_destinations));
  if (!alerts.empty()) m.set("alerts", std::move(alerts));
  TextTree& tasks = m.set("tasks", TextTree::list());
  for (std::size_t i = 0; i < w.tasks.size(); ++i) {
    std::string comment = "from " + location_text(w.tasks[i].where);
    if (i < parts.task_notes.size()) {
      for (const auto& line : parts.task_notes[i]) comment += "\n" + line;
    }
    tasks.push(task_tree(w.tasks[i]), w.tasks[i].where.file.empty() && comment == "from " ? "" : comment);
  }
  return m;
}

// What a strategy inherits unless it says otherwise: the top-level cluster and trigger latency.
struct StrategyBase {
  ClusterTemplate cluster;
  Duration trigger_latency;
};

// The trigger latency every strategy has, if they all have the same one (else zero, the default).
Duration common_trigger_latency(const std::vector<models::StrategySpec>& strategies) {
  if (strategies.empty()) return Duration::zero();
  const Duration first = strategies.front().trigger_latency;
  const bool all = std::all_of(strategies.begin(), strategies.end(), [&](const auto& s) { return s.trigger_latency == first; });
  return all ? first : Duration::zero();
}

bool plain_strategy(const models::StrategySpec& s, const StrategyBase& base) {
  const models::HybridRule h;
  return s.name == models::to_string(s.kind) && same_cluster(s.cluster, base.cluster) &&
         s.trigger_latency == base.trigger_latency &&
         !s.multi_job_by_group && !s.pool && !s.hybrid.work_core_hours_above && !s.hybrid.mem_gib_above &&
         s.hybrid.special_node_type == h.special_node_type;
}

TextTree strategy_tree(const models::StrategySpec& s, const StrategyBase& base) {
  if (plain_strategy(s, base)) return TextTree::string(models::to_string(s.kind));
  TextTree m = TextTree::map();
  m.set("kind", TextTree::string(models::to_string(s.kind)));
  if (s.name != models::to_string(s.kind)) m.set("name", TextTree::string(s.name));
  TextTree cluster = cluster_tree(s.cluster, base.cluster);
  if (!cluster.empty()) m.set("cluster", std::move(cluster));
  if (s.trigger_latency != base.trigger_latency) m.set("trigger_latency", dur(s.trigger_latency));
  if (s.multi_job_by_group) m.set("group_by", TextTree::string("group"));
  if (s.pool) m.set("pool", TextTree::string(s.pool->name));
  TextTree hybrid = TextTree::map();
  if (s.hybrid.work_core_hours_above) hybrid.set("work_core_hours_above", TextTree::number(*s.hybrid.work_core_hours_above));
  if (s.hybrid.mem_gib_above) hybrid.set("mem_gib_above", TextTree::number(*s.hybrid.mem_gib_above));
  if (!s.hybrid.special_node_type) hybrid.set("special_node_type", TextTree::boolean(false));
  if (!hybrid.empty()) m.set("hybrid", std::move(hybrid));
  return m;
}

// `pools:`: every pool a strategy draws from, once, by name.
TextTree pools_tree(const std::vector<models::StrategySpec>& strategies) {
  TextTree list = TextTree::list();
  std::vector<std::string> seen;
  for (const auto& s : strategies) {
    if (!s.pool || std::find(seen.begin(), seen.end(), s.pool->name) != seen.end()) continue;
    seen.push_back(s.pool->name);
    const models::PoolSpec d;
    TextTree& p = list.push(TextTree::map());
    p.set("name", TextTree::string(s.pool->name));
    if (s.pool->min_idle != d.min_idle) p.set("min_idle", TextTree::integer(s.pool->min_idle));
    if (!same(s.pool->warm_start, d.warm_start)) p.set("warm_start", distribution(s.pool->warm_start));
    if (s.pool->idle_timeout != d.idle_timeout) p.set("idle_timeout", dur(s.pool->idle_timeout));
  }
  return list;
}

}  // namespace

std::string duration_text(Duration d) {
  if (d == Duration::zero()) return "0s";
  static constexpr std::pair<std::int64_t, const char*> kUnits[] = {
      {86'400'000'000LL, "d"}, {3'600'000'000LL, "h"}, {60'000'000LL, "m"}, {1'000'000LL, "s"}, {1'000LL, "ms"}, {1, "us"}};
  std::string out;
  std::int64_t left = d.micros();
  for (const auto& [unit, name] : kUnits) {
    if (left >= unit) {
      out += fmt::format("{}{}", left / unit, name);
      left %= unit;
    }
  }
  return out;
}

// The `schedule` map (scenarios/README.md, "Schedules").
TextTree schedule_tree(const models::RunSchedule& s) {
  TextTree t = TextTree::map();
  if (const auto* c = std::get_if<models::CronExpression>(&s.trigger)) {
    t.set("cron", TextTree::string(c->text));
    if (c->timezone != "UTC") t.set("timezone", TextTree::string(c->timezone));
  } else if (const auto* p = std::get_if<models::PeriodicSchedule>(&s.trigger)) {
    t.set("every", dur(p->every));
  } else {
    t.set("arrivals", TextTree::string("poisson"));
    t.set("per_day", TextTree::number(std::get<models::PoissonArrivals>(s.trigger).per_day));
  }
  if (s.deadline) t.set("deadline", dur(*s.deadline));
  return t;
}

std::string scenario_yaml(const ScenarioParts& parts) {
  std::string header = fmt::format("Written by orchsim import from {}.\nSettings at their default are left out: "
                                   "scenarios/README.md lists every key and its default.", parts.source);
  for (const auto& line : parts.header_notes) header += "\n" + line;
  TextTree root = TextTree::map();
  root.set("name", TextTree::string(parts.name), header);
  if (!parts.description.empty()) root.set("description", TextTree::string(parts.description));
  root.set("seed", TextTree::integer(static_cast<std::int64_t>(parts.seed)));
  root.set("replications", TextTree::integer(parts.replications));
  TextTree pricing = pricing_tree(parts.world.pricing);
  if (!pricing.empty()) root.set("pricing", std::move(pricing));
  TextTree nodes = node_types_tree(parts.catalog);
  if (!nodes.empty()) root.set("node_types", std::move(nodes));
  const ClusterTemplate base = base_cluster(parts.strategies);
  TextTree cluster = cluster_tree(base, ClusterTemplate{});
  if (!cluster.empty()) root.set("cluster", std::move(cluster));
  const auto& named = named_clusters(parts.strategies);
  if (!named.empty()) {
    TextTree& clusters = root.set("clusters", TextTree::map());
    for (const auto& c : named) clusters.set(c.name, cluster_tree(c.cluster, base));
  }
  TextTree pools = pools_tree(parts.strategies);
  if (!pools.empty()) root.set("pools", std::move(pools));
  add_world(root, parts.world);
  if (parts.schedule != nullptr) root.set("schedule", schedule_tree(*parts.schedule));
  if (parts.horizon_replications != 20) root.set("horizon_replications", TextTree::integer(parts.horizon_replications));
  const StrategyBase defaults{base, common_trigger_latency(parts.strategies)};
  if (defaults.trigger_latency != Duration::zero()) root.set("trigger_latency", dur(defaults.trigger_latency));
  root.set("workload", workload_tree(parts));
  TextTree& strategies = root.set("strategies", TextTree::list());
  for (const auto& s : parts.strategies) {
    strategies.push(strategy_tree(s, defaults), s.where.file.empty() ? "" : "from " + location_text(s.where));
  }
  return to_yaml(root);
}

}  // namespace orchsim::reports
