#include "sim/input/scenario_loader.h"

#include <cctype>
#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "engine/parse_number.h"
#include "sim/input/billing_keys_reader.h"
#include "sim/input/input_file.h"
#include "sim/input/scenario_readers.h"
#include "sim/input/schedule_reader.h"
#include "sim/input/task_command_reader.h"
#include "sim/input/yaml_document.h"
#include "sim/input/yaml_reader.h"

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
    const std::optional<double> value = parse_number(text.substr(i, j - i));
    if (!value) return std::nullopt;
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
    total_us += *value * scale;
    any = true;
    i = k;
  }
  if (!std::isfinite(total_us) || total_us > 9e18) return std::nullopt;
  return Duration::micros(std::llround(total_us));
}

namespace {

// One of `names` (the to_string of each value), or an error listing them.
template <class T>
std::optional<T> read_choice(YamlReader& r, const YamlNode& map, const char* key, std::initializer_list<T> values,
                             const char* (*name)(T)) {
  const auto v = r.string(map, key);
  if (!v) return std::nullopt;
  std::string expected;
  for (T x : values) {
    if (*v == name(x)) return x;
    expected += expected.empty() ? "" : ", ";
    expected += name(x);
  }
  r.error(map[key], fmt::format("unknown {} '{}' (expected one of: {})", key, *v, expected));
  return std::nullopt;
}

const char* anchor_name(RetryAnchor a) { return a == RetryAnchor::kAttemptEnd ? "attempt_end" : "attempt_start"; }

// A list of scalars at map[key] (absent: empty); each one is passed to `each` with its node.
template <class F>
void read_list(YamlReader& r, const YamlNode& map, const char* key, const char* what, F each) {
  const YamlNode list = YamlReader::child(map, key);
  if (!list || list.IsNull()) return;
  if (!list.IsSequence()) {
    r.error(list, fmt::format("{} must be a list of {}", key, what));
    return;
  }
  for (const YamlNode& item : list) {
    if (!item.IsScalar()) r.error(item, fmt::format("{}: expected {}", key, what));
    else each(item);
  }
}

void read_retry(YamlReader& r, const YamlNode& n, RetryPolicy& retry) {
  // Databricks spells "retry forever" -1.
  if (auto v = r.integer(n, "max_retries", -1, 1'000'000)) {
    retry.max_retries = *v == -1 ? RetryPolicy::kForever : std::optional(static_cast<std::uint32_t>(*v));
  }
  if (auto v = r.duration(n, "min_retry_interval")) retry.min_retry_interval = *v;
  if (auto v = r.boolean(n, "retry_on_timeout")) retry.retry_on_timeout = *v;
  if (auto v = read_choice(r, n, "retry_backoff", {Backoff::kNone, Backoff::kLinear, Backoff::kExponential},
                           static_cast<const char* (*)(Backoff)>(to_string))) {
    retry.backoff = *v;
  }
  if (auto v = r.number(n, "retry_multiplier", 1, 1e3)) {
    retry.shape.edit().multiplier = *v;
    if (retry.backoff != Backoff::kExponential) {
      r.error(n["retry_multiplier"], "retry_multiplier applies only with retry_backoff: exponential");
    }
  }
  if (auto v = r.duration(n, "retry_max_delay")) retry.shape.edit().max_delay = *v;
  if (auto v = read_choice(r, n, "retry_jitter", {Jitter::kNone, Jitter::kFull, Jitter::kPlusMinus},
                           static_cast<const char* (*)(Jitter)>(to_string))) {
    retry.jitter = *v;
  }
  if (auto v = r.number(n, "retry_jitter_fraction", 0, 1)) {
    retry.shape.edit().jitter_fraction = *v;
    if (retry.jitter != Jitter::kPlusMinus) {
      r.error(n["retry_jitter_fraction"], "retry_jitter_fraction applies only with retry_jitter: plus_minus");
    }
  }
  read_list(r, n, "retry_delays", "durations", [&](const YamlNode& item) {
    const auto d = parse_duration(item.Scalar());
    if (d && *d > kMaxDuration) r.error(item, fmt::format("retry_delays: '{}' is longer than {}", item.Scalar(), kMaxDurationText));
    else if (d) retry.shape.edit().delays.push_back(*d);
    else r.error(item, fmt::format("retry_delays: '{}' is not a duration like 90s or 4m30s", item.Scalar()));
  });
  if (auto v = read_choice(r, n, "retry_anchor", {RetryAnchor::kAttemptStart, RetryAnchor::kAttemptEnd}, anchor_name)) {
    retry.anchor = *v;
  }
  if (n["retry_on"]) {
    if (n["retry_on_timeout"]) r.error(n["retry_on"], "give either retry_on or retry_on_timeout, not both");
    RetryOn on{.task_error = false, .infrastructure = false};
    bool timeout = false;
    read_list(r, n, "retry_on", "failure kinds", [&](const YamlNode& item) {
      const std::string& kind = item.Scalar();
      if (kind == "task_error") on.task_error = true;
      else if (kind == "infrastructure") on.infrastructure = true;
      else if (kind == "timeout") timeout = true;
      else r.error(item, fmt::format("unknown failure kind '{}' (expected task_error, timeout or infrastructure; "
                                     "permanent errors are never retried)", kind));
    });
    retry.retry_on = on;
    retry.retry_on_timeout = timeout;
  }
}

const char* event_names_task = "on_start, on_success, on_failure or on_retry";
const char* event_names_job = "on_start, on_success or on_failure";

// The `alerts:` of a task (`job` false) or of the pipeline's jobs (`job` true; its policy keys and
// `tasks` defaults are read by the caller).
void read_notifications(YamlReader& r, const YamlNode& n, Notifications& out, bool job) {
  read_list(r, n, "events", "alert events", [&](const YamlNode& item) {
    const std::string& e = item.Scalar();
    if (e == "on_start") out.on_start = true;
    else if (e == "on_success") out.on_success = true;
    else if (e == "on_failure") out.on_failure = true;
    else if (e == "on_retry" && !job) out.on_retry = true;
    else r.error(item, fmt::format("unknown {} alert event '{}' (expected {}; a duration warning is "
                                   "'duration_warning: <threshold>')", job ? "job" : "task", e,
                                   job ? event_names_job : event_names_task));
  });
  if (auto v = r.duration(n, "duration_warning")) {
    if (*v > Duration::zero()) out.duration_warning = *v;
    else r.error(n["duration_warning"], "duration_warning must be > 0");
  }
  if (auto v = r.boolean(n, "alert_on_last_attempt")) out.alert_on_last_attempt = *v;
  if (auto v = r.boolean(n, "no_alert_for_canceled_runs")) out.no_alert_for_canceled_runs = *v;
  if (job) {
    if (auto v = r.boolean(n, "no_alert_for_skipped_runs")) out.no_alert_for_skipped_runs = *v;
  }
}

// Keys a condition task may have: it runs no compute.
constexpr std::array<std::string_view, 6> kConditionKeys = {"task_key", "depends_on", "condition", "run_if",
                                                           "disabled", "alerts"};

// A condition task's `condition` map (`task` is the whole task, whose other keys are checked).
Condition read_condition(YamlReader& r, const YamlNode& task, const YamlNode& c) {
  for (const auto& entry : task) {
    const std::string key = entry.first.Scalar();
    if (std::find(kConditionKeys.begin(), kConditionKeys.end(), key) == kConditionKeys.end()) {
      r.error(entry.first, fmt::format("'{}' does not apply to a condition task (it runs no compute, is never "
                                       "retried and writes no table)", key));
    }
  }
  Condition cond;
  if (!c.IsMap()) {
    r.error(c, "condition must be a map {op, left, right}");
    return cond;
  }
  r.allow_keys(c, {"op", "left", "right"});
  if (auto v = r.string(c, "op", true)) {
    if (auto op = parse_condition_op(*v)) cond.op = *op;
    else r.error(c["op"], fmt::format("unknown condition op '{}' (expected EQUAL_TO, NOT_EQUAL, GREATER_THAN, "
                                      "GREATER_THAN_OR_EQUAL, LESS_THAN or LESS_THAN_OR_EQUAL)", *v));
  }
  // Simulation has no job parameters or task values to resolve "{{…}}" against.
  for (const char* side : {"left", "right"}) {
    auto v = r.string(c, side, true);
    if (v && is_reference(*v)) {
      r.error(c[side], fmt::format("'{}' is a run-time reference; a simulated condition needs the value it "
                                   "would have", *v));
    }
    if (v) (side[0] == 'l' ? cond.left : cond.right) = std::move(*v);
  }
  return cond;
}

std::string unknown_run_if(const std::string& value) {
  std::string names;
  for (auto i = static_cast<int>(RunIf::kAllSuccess); i <= static_cast<int>(RunIf::kAirflowAlways); ++i) {
    names += names.empty() ? "" : ", ";
    names += to_string(static_cast<RunIf>(i));
  }
  return fmt::format("unknown run_if '{}' (expected a Databricks rule in upper case or an Airflow trigger rule in "
                     "lower case: {})", value, names);
}

ForEach read_for_each(YamlReader& r, const YamlNode& f) {
  ForEach each;
  if (!f.IsMap()) {
    r.error(f, "for_each must be a map {inputs, concurrency}");
    return each;
  }
  r.allow_keys(f, {"inputs", "concurrency"});
  const YamlNode inputs = f["inputs"];
  if (!inputs) r.error(f, "missing 'inputs' (a count, or the list of inputs)");
  else if (inputs.IsSequence()) each.inputs = static_cast<std::uint32_t>(inputs.size());
  else if (auto v = r.integer(f, "inputs", 0, 100'000)) each.inputs = static_cast<std::uint32_t>(*v);
  if (auto v = r.integer(f, "concurrency", 1, 100)) each.concurrency = static_cast<std::uint32_t>(*v);
  return each;
}

void read_depends_on(YamlReader& r, const YamlNode& deps, models::WorkloadTask& t) {
  if (!deps.IsSequence()) {
    r.error(deps, "depends_on must be a list of task keys");
    return;
  }
  std::size_t chars = 0;
  for (const YamlNode& d : deps) {
    const YamlNode key = d.IsMap() ? d["task_key"] : d;
    if (key && key.IsScalar()) chars += key.Scalar().size();
  }
  t.depends_on.reserve(deps.size(), chars);
  for (const YamlNode& d : deps) {
    // Both "- job_A" and the Jobs API form "- task_key: job_A" (with "outcome" after a condition).
    const YamlNode key = d.IsMap() ? d["task_key"] : d;
    EdgeGate gate = EdgeGate::kNone;
    if (d.IsMap()) {
      r.allow_keys(d, {"task_key", "outcome"});
      if (auto o = r.string(d, "outcome")) {
        if (*o == "true") gate = EdgeGate::kTrue;
        else if (*o == "false") gate = EdgeGate::kFalse;
        else r.error(d["outcome"], fmt::format("outcome must be \"true\" or \"false\", got '{}'", *o));
      }
    }
    if (!key || !key.IsScalar()) {
      r.error(d, "a dependency must be a task key or {task_key: ...}");
      continue;
    }
    t.depends_on.push_back({key.Scalar(), {key.line(), key.column()}, gate});
  }
}

models::WorkloadTask read_task(YamlReader& r, const YamlNode& n, const models::SharedFileName& file,
                               const std::optional<Notifications>& task_alerts) {
  models::WorkloadTask t;
  t.where = {file, n.line(), n.column()};
  r.allow_keys(n, {"task_key", "depends_on", "duration", "cores", "mem_gib", "failure_probability",
                   "permanent_failure_probability", "failure_rate_per_hour", "preferred_node_type",
                   "required_node_type", "group", "cluster", "max_retries", "min_retry_interval",
                   "retry_on_timeout", "retry_backoff", "retry_multiplier", "retry_max_delay", "retry_jitter",
                   "retry_jitter_fraction", "retry_delays", "retry_anchor", "retry_on", "timeout", "run_if",
                   "condition", "for_each", "disabled", "tables", "alerts", "command", "shell",
                   "permanent_exit_codes", "gate"});
  if (auto v = r.string(n, "task_key", true)) t.key = std::move(*v);
  if (const YamlNode c = n["condition"]) {
    t.orchestration.edit().condition = read_condition(r, n, c);
  } else {
    if (auto v = r.duration(n, "duration", true)) t.duration = *v;
  }
  if (auto v = r.integer(n, "cores", 1, 100'000)) t.cores = static_cast<int>(*v);
  if (auto v = r.number(n, "failure_probability", 0, 1)) t.failure_probability = *v;
  // The rare settings only when not zero, so that a plain task's `rare` box stays empty.
  if (auto v = r.number(n, "mem_gib", 0, 1e6); v && *v != 0) t.rare.edit().mem_gib = *v;
  if (auto v = r.number(n, "permanent_failure_probability", 0, 1); v && *v != 0) {
    t.rare.edit().permanent_failure_probability = *v;
  }
  if (auto v = r.number(n, "failure_rate_per_hour", 0, 1e6); v && *v != 0) t.rare.edit().failure_rate_per_hour = *v;
  models::TaskPlacement placement{r.string(n, "preferred_node_type"), r.string(n, "required_node_type"),
                                  r.string(n, "group"), r.string(n, "cluster")};
  if (placement != models::TaskPlacement{}) t.placement = std::move(placement);
  read_retry(r, n, t.retry);
  if (auto v = r.duration(n, "timeout"); v && *v > Duration::zero()) t.rare.edit().timeout = *v;
  if (auto v = r.string(n, "run_if")) {
    if (auto rule = parse_run_if(*v)) t.run_if = *rule;
    else r.error(n["run_if"], unknown_run_if(*v));
  }
  if (const YamlNode f = n["for_each"]) t.orchestration.edit().for_each = read_for_each(r, f);
  if (auto v = r.boolean(n, "disabled")) t.disabled = *v;
  read_list(r, n, "tables", "table names", [&](const YamlNode& item) {
    if (item.Scalar().empty()) r.error(item, "a table name must not be empty");
    else if (std::find(t.writes->tables.begin(), t.writes->tables.end(), item.Scalar()) != t.writes->tables.end()) {
      r.error(item, fmt::format("table '{}' is listed twice", item.Scalar()));
    } else {
      t.writes.edit().tables.push_back(item.Scalar());
    }
  });
  if (const YamlNode a = n["alerts"]) {
    r.allow_keys(a, {"events", "duration_warning", "alert_on_last_attempt", "no_alert_for_canceled_runs"});
    if (a.IsMap()) read_notifications(r, a, t.alerts.edit(), false);
  } else if (task_alerts) {
    t.alerts = *task_alerts;
  }
  if (const YamlNode deps = n["depends_on"]) read_depends_on(r, deps, t);
  if (!t.is_condition()) {  // a condition task's command or gate is reported by read_condition
    t.command = read_task_command(r, n);
    if (auto gate = read_quality_gate(r, n)) t.writes.edit().gate = std::move(gate);
  }
  return t;
}

// The pipeline's job-level settings, read from the `workload` map. Returns the task alert
// defaults (`alerts.tasks`), if any.
std::optional<Notifications> read_job_settings(YamlReader& r, const YamlNode& w, models::JobSettings& job) {
  if (auto v = r.string(w, "evaluation")) {
    if (*v == "databricks" || *v == "all_done") job.evaluation = EvaluationMode::kAllDone;
    else if (*v == "eager" || *v == "airflow") job.evaluation = EvaluationMode::kEager;
    else r.error(w["evaluation"], fmt::format("unknown evaluation '{}' (expected databricks or eager)", *v));
  }
  if (auto v = r.integer(w, "max_concurrent_runs", 0, 1000)) job.max_concurrent_runs = static_cast<std::uint32_t>(*v);
  if (auto v = r.boolean(w, "queue")) job.queue = *v;
  if (auto v = r.duration(w, "max_queue_wait")) job.max_queue_wait = *v;
  if (auto v = r.duration(w, "timeout"); v && *v > Duration::zero()) job.timeout = *v;
  if (auto v = r.integer(w, "retry_budget", 0, 1'000'000)) job.retry_budget = static_cast<std::uint32_t>(*v);
  if (auto v = read_choice(r, w, "rollback", {RollbackScope::kNone, RollbackScope::kTask, RollbackScope::kJob,
                                              RollbackScope::kPipeline},
                           static_cast<const char* (*)(RollbackScope)>(to_string))) {
    job.rollback = *v;
  }
  const YamlNode a = w["alerts"];
  if (!a) return std::nullopt;
  r.allow_keys(a, {"events", "duration_warning", "no_alert_for_skipped_runs", "no_alert_for_canceled_runs",
                   "dedup_window", "rate_limit", "tasks", "destinations"});
  if (!a.IsMap()) return std::nullopt;
  read_notifications(r, a, job.alerts, true);
  job.alert_destinations = read_alert_destinations(r, a["destinations"]);
  if (auto v = r.duration(a, "dedup_window")) job.alert_policy.dedup_window = *v;
  if (const YamlNode rl = a["rate_limit"]) {
    r.allow_keys(rl, {"max", "window"});
    if (auto v = r.integer(rl, "max", 1, 1'000'000)) job.alert_policy.max_per_window = static_cast<std::uint32_t>(*v);
    else if (rl.IsMap() && !rl["max"]) r.error(rl, "missing 'max' (alerts admitted per window)");
    if (auto v = r.duration(rl, "window")) {
      if (*v > Duration::zero()) job.alert_policy.rate_window = *v;
      else r.error(rl["window"], "rate_limit.window must be > 0");
    }
  }
  const YamlNode tasks = a["tasks"];
  if (!tasks) return std::nullopt;
  r.allow_keys(tasks, {"events", "duration_warning", "alert_on_last_attempt", "no_alert_for_canceled_runs"});
  Notifications defaults;
  if (tasks.IsMap()) read_notifications(r, tasks, defaults, false);
  return defaults;
}

// What needs every task: outcome gates only on edges from condition tasks.
void check_gates(const models::Workload& w, Diagnostics& diagnostics) {
  for (const auto& t : w.tasks) {
    for (std::size_t k = 0; k < t.depends_on.size(); ++k) {
      const models::Dependency d = t.depends_on[k];
      if (d.gate == EdgeGate::kNone) continue;
      const auto up = std::find_if(w.tasks.begin(), w.tasks.end(), [&](const auto& u) { return u.key == d.task; });
      if (up != w.tasks.end() && !up->is_condition()) {
        diagnostics.error(t.dependency_where(k), fmt::format("task '{}': 'outcome' applies only to a dependency on a "
                                                          "condition task, and '{}' is not one", t.key, up->key));
      }
    }
  }
}

// A duration-valued distribution: "4m30s" (fixed) or a map with one of fixed, uniform,
// exponential, lognormal, empirical (scenarios/README.md).
std::optional<models::Distribution> read_distribution(YamlReader& r, const YamlNode& map, const char* key) {
  const YamlNode n = YamlReader::child(map, key);
  if (!n || n.IsNull()) return std::nullopt;
  auto seconds = [&](const YamlNode& v) -> std::optional<double> {
    if (!v || !v.IsScalar()) {
      r.error(v ? v : n, fmt::format("'{}': expected a duration like 90s or 4m30s", key));
      return std::nullopt;
    }
    const auto d = parse_duration(v.Scalar());
    if (!d) r.error(v, fmt::format("'{}': '{}' is not a duration like 90s, 4m30s or a number of seconds", key, v.Scalar()));
    if (d && *d > kMaxDuration) {
      r.error(v, fmt::format("'{}': '{}' is longer than {}", key, v.Scalar(), kMaxDurationText));
      return std::nullopt;
    }
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
  const YamlNode v = n.begin()->second;
  if (kind == "fixed") {
    const auto x = seconds(v);
    return x ? std::optional(models::Distribution::fixed(*x)) : std::nullopt;
  }
  if (kind == "exponential") {
    const YamlNode mean = v.IsMap() ? v["mean"] : v;
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
    for (const YamlNode& x : v) {
      if (auto s = seconds(x)) values.push_back(*s);
    }
    return values.size() == v.size() ? std::optional(models::Distribution::empirical(std::move(values))) : std::nullopt;
  }
  return std::nullopt;  // unknown kind: reported by allow_keys
}

models::ClusterTemplate read_cluster(YamlReader& r, const YamlNode& n, models::ClusterTemplate c) {
  if (!r.allow_keys(n, {"kind", "node_type", "workers", "autoscale", "startup", "serverless_startup", "sku",
                        "photon", "spot_workers", "first_on_demand", "auto_terminate_after", "noisy_neighbour_load",
                        "max_contexts", "dispatch_overhead", "performance_target", "attribution", "max_workers"})) {
    return c;
  }
  if (auto v = r.string(n, "kind")) {
    if (auto k = models::parse_cluster_kind(*v)) c.kind = *k;
    else r.error(n["kind"], fmt::format("unknown cluster kind '{}' (expected job_cluster, new_cluster, all_purpose "
                                        "or serverless)", *v));
  }
  // Written sizes are kept; the rest is sized from demand (models/compute_sizing.h).
  if (auto v = r.string(n, "node_type")) {
    c.node_type = *v;
    c.node_type_written = true;
  }
  if (auto v = r.integer(n, "workers", 0, 100'000)) {
    c.workers = static_cast<int>(*v);
    c.workers_written = true;
  }
  if (auto v = r.integer(n, "max_workers", 1, 100'000)) c.max_workers = static_cast<int>(*v);
  if (const YamlNode a = n["autoscale"]) {
    r.allow_keys(a, {"min_workers", "max_workers", "scale_up_delay", "scale_down_after"});
    models::AutoscaleSpec s;
    if (auto v = r.integer(a, "min_workers", 0, 100'000)) s.min_workers = static_cast<int>(*v);
    if (auto v = r.integer(a, "max_workers", 1, 100'000)) s.max_workers = static_cast<int>(*v);
    if (auto v = r.duration(a, "scale_up_delay")) s.scale_up_delay = *v;
    if (auto v = r.duration(a, "scale_down_after")) s.scale_down_after = *v;
    if (s.min_workers > s.max_workers) r.error(a, "autoscale: min_workers must not exceed max_workers");
    c.autoscale = s;
    c.workers_written = true;
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
  read_cluster_billing(r, n, c);
  return c;
}

std::vector<models::PoolSpec> read_pools(YamlReader& r, const YamlNode& list) {
  std::vector<models::PoolSpec> pools;
  if (!list.IsSequence()) {
    r.error(list, "pools must be a list");
    return pools;
  }
  for (const YamlNode& n : list) {
    if (!r.allow_keys(n, {"name", "min_idle", "warm_start", "idle_timeout"})) continue;
    models::PoolSpec p;
    if (auto v = r.string(n, "name", true)) p.name = *v;
    if (auto v = r.integer(n, "min_idle", 0, 100'000)) p.min_idle = static_cast<int>(*v);
    if (auto d = read_distribution(r, n, "warm_start")) p.warm_start = *d;
    if (auto v = r.duration(n, "idle_timeout")) p.idle_timeout = *v;
    pools.push_back(std::move(p));
  }
  return pools;
}

void read_faults(YamlReader& r, const YamlNode& n, models::FaultModel& f) {
  if (!r.allow_keys(n, {"driver_crashes_per_hour", "spot_losses_per_hour", "spot_notice",
                        "launch_failure_probability", "scripted"})) {
    return;
  }
  if (auto v = r.number(n, "driver_crashes_per_hour", 0, 1e6)) f.driver_crashes_per_hour = *v;
  if (auto v = r.number(n, "spot_losses_per_hour", 0, 1e6)) f.spot_losses_per_hour = *v;
  if (auto v = r.duration(n, "spot_notice")) f.spot_notice = *v;
  if (auto v = r.number(n, "launch_failure_probability", 0, 1)) f.launch_failure_probability = *v;
  const YamlNode list = n["scripted"];
  if (!list) return;
  if (!list.IsSequence()) {
    r.error(list, "faults.scripted must be a list like [{at: 12m, crash: shared_cluster}]");
    return;
  }
  for (const YamlNode& s : list) {
    if (!r.allow_keys(s, {"at", "crash", "lose_worker"})) continue;
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

void read_node_types(YamlReader& r, const YamlNode& list, models::Catalog& catalog) {
  if (!list.IsSequence()) {
    r.error(list, "node_types must be a list");
    return;
  }
  for (const YamlNode& n : list) {
    if (!r.allow_keys(n, {"name", "vcpus", "mem_gib", "dbu_per_hour", "vm_usd_per_hour", "speed", "gpus"})) continue;
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

models::StrategySpec read_strategy(YamlReader& r, const YamlNode& n, const StrategyDefaults& defaults) {
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
    if (const YamlNode c = n["cluster"]) s.cluster = read_cluster(r, c, defaults.cluster);
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
    if (const YamlNode h = n["hybrid"]) {
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

// The world's top-level keys: prices, node types, contention, faults, slowdown, restore time, horizon.
void read_world(YamlReader& r, const YamlNode& root, models::Catalog& catalog, models::WorldModel& world) {
  if (const YamlNode p = root["pricing"]) {
    r.allow_keys(p, {"usd_per_dbu", "jobs_usd_per_dbu", "all_purpose_usd_per_dbu", "jobs_light_usd_per_dbu",
                     "serverless_usd_per_dbu", "photon_dbu_multiplier", "spot_vm_discount",
                     "bill_vm_during_startup", "bill_dbu_during_startup", "serverless_dbu_per_core_hour",
                     "serverless_standard_dbu_factor"});
    // `usd_per_dbu` is shorthand for the Jobs Compute price (the SKU most pipelines run on).
    if (auto v = r.number(p, "usd_per_dbu", 0, 1e3)) world.pricing.jobs_usd_per_dbu = *v;
    if (auto v = r.number(p, "jobs_usd_per_dbu", 0, 1e3)) world.pricing.jobs_usd_per_dbu = *v;
    if (auto v = r.number(p, "all_purpose_usd_per_dbu", 0, 1e3)) world.pricing.all_purpose_usd_per_dbu = *v;
    if (auto v = r.number(p, "jobs_light_usd_per_dbu", 0, 1e3)) world.pricing.jobs_light_usd_per_dbu = *v;
    if (auto v = r.number(p, "serverless_usd_per_dbu", 0, 1e3)) world.pricing.serverless_usd_per_dbu = *v;
    if (auto v = r.number(p, "photon_dbu_multiplier", 0, 100)) world.pricing.photon_dbu_multiplier = *v;
    if (auto v = r.number(p, "spot_vm_discount", 0, 1)) world.pricing.spot_vm_discount = *v;
    if (auto v = r.boolean(p, "bill_vm_during_startup")) world.pricing.bill_vm_during_startup = *v;
    if (auto v = r.boolean(p, "bill_dbu_during_startup")) world.pricing.bill_dbu_during_startup = *v;
    read_serverless_pricing(r, p, world.pricing);
  }
  read_runs_per_day(r, root, world);
  if (const YamlNode n = root["node_types"]) read_node_types(r, n, catalog);
  if (const YamlNode c = root["contention"]) {
    r.allow_keys(c, {"spill_penalty", "oom_crashes_per_hour"});
    if (auto v = r.number(c, "spill_penalty", 0, 1e3)) world.contention.spill_penalty = *v;
    if (auto v = r.number(c, "oom_crashes_per_hour", 0, 1e6)) world.contention.oom_crashes_per_hour = *v;
  }
  if (const YamlNode f = root["faults"]) read_faults(r, f, world.faults);
  if (auto v = r.number(root, "mismatch_slowdown", 1, 1e3)) world.mismatch_slowdown = *v;
  if (auto d = read_distribution(r, root, "table_restore")) world.table_restore = *d;
  if (auto v = r.duration(root, "horizon")) {
    if (*v > Duration::zero()) world.horizon = *v;
    else r.error(root["horizon"], "horizon must be positive");
  }
}

// The `workload` map; `scenario_name` names the workload when it has no name of its own.
void read_workload(YamlReader& r, const YamlNode& workload, const std::string& scenario_name,
                   const models::SharedFileName& file, models::Workload& out) {
  if (!r.allow_keys(workload, {"name", "tasks", "evaluation", "max_concurrent_runs", "queue", "max_queue_wait",
                               "timeout", "retry_budget", "rollback", "alerts"})) {
    return;
  }
  out.name = r.string(workload, "name").value_or(scenario_name);
  const std::optional<Notifications> task_alerts = read_job_settings(r, workload, out.job);
  const YamlNode tasks = workload["tasks"];
  if (!tasks || !tasks.IsSequence() || tasks.size() == 0) {
    r.error(tasks ? tasks : workload, "workload.tasks must be a non-empty list");
    return;
  }
  out.tasks.reserve(tasks.size());  // a large workload is not copied while it grows (issue #15)
  for (const YamlNode& t : tasks) {
    if (!t.IsMap()) {
      r.error(t, fmt::format("expected a task (a map with at least task_key and duration), got {}",
                             YamlReader::kind(t)));
      continue;
    }
    out.tasks.push_back(read_task(r, t, file, task_alerts));
  }
}

// Every strategy of the non-empty list `strategies` into spec.strategies, checking names and node
// types against what came before (the catalog is read first).
void read_strategies(YamlReader& r, const YamlNode& strategies, const StrategyDefaults& defaults,
                     Diagnostics& diagnostics, ScenarioSpec& spec) {
  for (const YamlNode& s : strategies) {
    spec.strategies.push_back(read_strategy(r, s, defaults));
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

}  // namespace

ScenarioSpec parse_scenario(std::string_view yaml, const std::string& file) {
  return parse_scenario_root(load_yaml(yaml, file), file);
}

ScenarioSpec parse_scenario_root(const YamlNode& root, const std::string& file) {
  Diagnostics diagnostics;
  ScenarioSpec spec = read_scenario_root(root, file, diagnostics);
  check_scenario(spec, diagnostics);
  diagnostics.throw_if_any();
  return spec;
}

ScenarioSpec read_scenario_root(const YamlNode& root, const std::string& file, Diagnostics& diagnostics) {
  ScenarioSpec spec;
  spec.file = file;
  YamlReader r(file, diagnostics);
  if (!root.IsMap()) {
    diagnostics.error({file, 1, 1}, "a scenario is a YAML map (see scenarios/README.md)");
    diagnostics.throw_if_any();
  }
  r.allow_keys(root, {"name", "description", "seed", "replications", "pricing", "node_types", "cluster",
                      "clusters", "pools", "contention", "faults", "mismatch_slowdown", "trigger_latency",
                      "workload", "strategies", "sweep", "table_restore", "horizon", "runs_per_day", "schedule",
                      "horizon_replications"});  // sweep: sim/input/sweep_loader
  spec.name = r.string(root, "name").value_or("scenario");
  spec.description = r.string(root, "description").value_or("");
  if (auto v = r.integer(root, "seed", 0, std::numeric_limits<std::int64_t>::max())) spec.experiment.seed = static_cast<std::uint64_t>(*v);
  if (auto v = r.integer(root, "replications", 1, kMaxReplications)) spec.experiment.replications = static_cast<std::uint32_t>(*v);

  read_world(r, root, spec.catalog, spec.world);
  spec.schedule = read_schedule(r, root);
  // A schedule says how many runs share a pool's standing cost, unless `runs_per_day` is written.
  if (spec.schedule && !YamlReader::child(root, "runs_per_day").IsDefined()) spec.world.runs_per_day = spec.schedule->runs_per_day(spec.world.horizon);
  spec.experiment.horizon_replications = read_horizon_replications(r, root, spec.experiment.horizon_replications);

  models::ClusterTemplate cluster;
  if (const YamlNode c = root["cluster"]) cluster = read_cluster(r, c, cluster);
  const Duration trigger_latency = r.duration(root, "trigger_latency").value_or(Duration::zero());
  std::vector<models::PoolSpec> pools;
  if (const YamlNode p = root["pools"]) pools = read_pools(r, p);
  std::vector<models::NamedCluster> clusters;
  if (const YamlNode c = root["clusters"]) {
    if (!c.IsMap()) {
      r.error(c, "clusters must be a map from cluster name to cluster settings");
    } else {
      for (const auto& entry : c) clusters.push_back({entry.first.Scalar(), read_cluster(r, entry.second, cluster)});
    }
  }

  if (const YamlNode workload = root["workload"]) read_workload(r, workload, spec.name, models::SharedFileName(file), spec.workload);
  else diagnostics.error({file, 1, 1}, "missing 'workload'");

  const YamlNode strategies = root["strategies"];
  if (!strategies || !strategies.IsSequence() || strategies.size() == 0) {
    if (strategies) r.error(strategies, "strategies must be a non-empty list");
    else diagnostics.error({file, 1, 1}, "missing 'strategies'");
  } else {
    read_strategies(r, strategies, {cluster, trigger_latency, pools, clusters}, diagnostics, spec);
  }
  return spec;
}

void check_scenario(ScenarioSpec& spec, Diagnostics& diagnostics) {
  check_gates(spec.workload, diagnostics);
  // DAG errors (unknown dependencies, cycles) are reported with all the others; a task without a
  // key has its own error already, and would only add an "empty task_key" echo.
  const auto& tasks = spec.workload.tasks;
  if (std::none_of(tasks.begin(), tasks.end(), [](const auto& t) { return t.key.empty(); })) spec.workload.check_dag(diagnostics);
}

ScenarioSpec load_scenario(const std::string& path) {
  return parse_scenario(read_input_file(path, "scenario file"), path);
}

models::ClusterTemplate read_scenario_cluster(YamlReader& r, const YamlNode& n, models::ClusterTemplate base) {
  return read_cluster(r, n, std::move(base));
}

std::optional<models::Distribution> read_scenario_distribution(YamlReader& r, const YamlNode& map, const char* key) {
  return read_distribution(r, map, key);
}

void read_scenario_node_types(YamlReader& r, const YamlNode& list, models::Catalog& catalog) {
  read_node_types(r, list, catalog);
}

}  // namespace orchsim::sim
