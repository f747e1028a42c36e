#include "sim/input/databricks_job_mapper.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "engine/condition.h"
#include "models/branch_probability.h"
#include "sim/input/config_reader.h"
#include "sim/input/databricks_compute_mapper.h"
#include "sim/input/databricks_schedule.h"
#include "sim/input/databricks_schema.h"
#include "sim/input/databricks_task_mapper.h"
#include "sim/input/glob_pattern.h"

namespace orchsim::sim {

namespace {

// A task's work from a profile whose every value is set (a type default with the user's on top).
void take_work(const WorkProfile& w, models::WorkloadTask& t) {
  t.duration = *w.duration;
  t.cores = *w.cores;
  t.failure_probability = *w.failure_probability;
  // Only what differs from the defaults, so that a plain task's `rare` box stays empty.
  if (w.duration_distribution) t.rare.edit().duration_distribution = w.duration_distribution;
  if (*w.mem_gib != 0) t.rare.edit().mem_gib = *w.mem_gib;
  if (*w.permanent_failure_probability != 0) {
    t.rare.edit().permanent_failure_probability = *w.permanent_failure_probability;
  }
  if (*w.failure_rate_per_hour != 0) t.rare.edit().failure_rate_per_hour = *w.failure_rate_per_hour;
  t.command = w.command;
  if (w.gate) t.writes.edit().gate = w.gate;
}

constexpr std::array<std::pair<std::string_view, RunIf>, 6> kRunIf{
    {{"ALL_SUCCESS", RunIf::kAllSuccess}, {"AT_LEAST_ONE_SUCCESS", RunIf::kAtLeastOneSuccess},
     {"NONE_FAILED", RunIf::kNoneFailed}, {"ALL_DONE", RunIf::kAllDone},
     {"AT_LEAST_ONE_FAILED", RunIf::kAtLeastOneFailed}, {"ALL_FAILED", RunIf::kAllFailed}}};
constexpr std::array<std::pair<std::string_view, ConditionOp>, 6> kOps{
    {{"EQUAL_TO", ConditionOp::kEqualTo}, {"NOT_EQUAL", ConditionOp::kNotEqual},
     {"GREATER_THAN", ConditionOp::kGreaterThan}, {"GREATER_THAN_OR_EQUAL", ConditionOp::kGreaterThanOrEqual},
     {"LESS_THAN", ConditionOp::kLessThan}, {"LESS_THAN_OR_EQUAL", ConditionOp::kLessThanOrEqual}}};
constexpr std::array<std::pair<std::string_view, EdgeGate>, 2> kOutcomes{
    {{"true", EdgeGate::kTrue}, {"false", EdgeGate::kFalse}}};
constexpr std::array<std::pair<std::string_view, bool>, 2> kPerformance{
    {{"PERFORMANCE_OPTIMIZED", false}, {"STANDARD", true}}};

// The job of `source` a run_job task's job_id names: a Jobs API id, a bundle key, or the bundle
// reference to its id; nullopt when none.
std::optional<std::size_t> find_job(const DatabricksSource& source, const std::string& id) {
  for (std::size_t i = 0; i < source.jobs.size(); ++i) {
    const DatabricksJobSource& j = source.jobs[i];
    if (j.key == id || (!j.job_id.empty() && j.job_id == id) || id == fmt::format("${{resources.jobs.{}.id}}", j.key)) {
      return i;
    }
  }
  return std::nullopt;
}

// Every job_id a job's run_job tasks (also inside for_each) name.
void run_job_targets(const ConfigNode& tasks, std::vector<std::string>& out) {
  if (!tasks.is_sequence()) return;
  for (const ConfigNode& t : tasks.items) {
    const ConfigNode* r = ConfigReader::get(t, "run_job_task");
    const ConfigNode* id = r != nullptr ? ConfigReader::get(*r, "job_id") : nullptr;
    if (id != nullptr && id->is_scalar()) out.push_back(id->scalar);
    const ConfigNode* f = ConfigReader::get(t, "for_each_task");
    const ConfigNode* nested = f != nullptr ? ConfigReader::get(*f, "task") : nullptr;
    if (nested != nullptr) {
      ConfigNode one{.kind = ConfigNode::Kind::kSequence, .scalar = {}, .quoted = false, .items = {*nested}, .entries = {},
                     .where = {}};
      run_job_targets(one, out);
    }
  }
}

std::string key_list(const DatabricksSource& source, const std::vector<std::size_t>& which) {
  std::string out;
  for (std::size_t i : which) out += fmt::format("{}{}", out.empty() ? "" : ", ", source.jobs[i].key);
  return out;
}

class JobMapper {
 public:
  JobMapper(const DatabricksSource& source, const Profile& profile)
      : source_(source), profile_(profile), reader_(diagnostics_), compute_(reader_, out_.summary, profile) {}

  DatabricksImport run(const std::string& wanted);

 private:
  // Maps job `j`'s tasks, keys prefixed with `prefix`; returns its leaves (their full keys).
  std::vector<std::string> map_job(std::size_t j, const std::string& prefix);
  void map_task(const ConfigNode& node, std::size_t j, const std::string& prefix,
                std::vector<std::pair<std::string, std::vector<std::string>>>& inlined);
  void depends(const ConfigNode& node, const std::string& prefix, models::WorkloadTask& t);
  void retries(const ConfigNode& node, models::WorkloadTask& t);
  std::optional<models::ClusterTemplate> work(const std::string& type, const std::string& key, models::WorkloadTask& t);
  void place(const ConfigNode& node, const std::string& type, std::size_t j, const std::string& prefix,
             const std::optional<models::ClusterTemplate>& own, models::WorkloadTask& t);
  void condition(const ConfigNode& c, const std::string& key, models::WorkloadTask& t);
  void for_each(const ConfigNode& node, std::size_t j, const std::string& prefix, const std::string& key,
                models::WorkloadTask& t);
  bool run_job(const ConfigNode& node, const std::string& key, models::WorkloadTask& t,
               std::vector<std::pair<std::string, std::vector<std::string>>>& inlined);
  void job_clusters(std::size_t j);
  void job_settings(const ConfigNode& settings);
  void roots_settings(const std::vector<std::size_t>& roots);
  void trigger(const ConfigNode& settings);
  void strategies(bool together);

  const DatabricksSource& source_;
  const Profile& profile_;
  Diagnostics diagnostics_;
  DatabricksImport out_;
  ConfigReader reader_;
  ComputeMapper compute_;
  std::vector<std::size_t> stack_;  // jobs being mapped, outermost first (run_job nesting)
  std::vector<std::vector<std::pair<std::string, models::ClusterTemplate>>> job_clusters_;  // per job
  std::vector<bool> checked_;  // per job: schema checked
  std::unordered_set<std::string> keys_;  // every task key mapped (lookups only)
};

void JobMapper::depends(const ConfigNode& node, const std::string& prefix, models::WorkloadTask& t) {
  const ConfigNode* deps = ConfigReader::get(node, "depends_on");
  if (deps == nullptr || !reader_.expect_list(*deps, "depends_on")) return;
  for (const ConfigNode& d : deps->items) {
    if (!reader_.expect_map(d, "depends_on[]")) continue;
    const auto up = reader_.string(d, "task_key", true);
    if (!up) continue;
    t.depends_on.push_back({prefix + *up, {d.where.line, d.where.column},
                            reader_.choice<EdgeGate>(d, "outcome", kOutcomes).value_or(EdgeGate::kNone)});
  }
}

void JobMapper::retries(const ConfigNode& node, models::WorkloadTask& t) {
  if (auto n = reader_.integer(node, "max_retries", -1, 1'000'000)) {
    t.retry.max_retries = *n < 0 ? RetryPolicy::kForever : std::optional(static_cast<std::uint32_t>(*n));
  }
  if (auto ms = reader_.integer(node, "min_retry_interval_millis", 0, 3'153'600'000'000)) {
    t.retry.min_retry_interval = Duration::millis(*ms);
  }
  if (auto v = reader_.boolean(node, "retry_on_timeout")) t.retry.retry_on_timeout = *v;
  if (auto s = reader_.integer(node, "timeout_seconds", 0, 3'153'600'000); s && *s > 0) {
    t.rare.edit().timeout = Duration::seconds(*s);
  }
}

// The task's work: the type's default, the profile's `defaults.<type>`, then each matching rule.
std::optional<models::ClusterTemplate> JobMapper::work(const std::string& type, const std::string& key,
                                                      models::WorkloadTask& t) {
  WorkProfile w = default_work(type);
  WorkProfile given;
  if (const WorkProfile* d = Profile::find(profile_.type_defaults, type)) given.apply(*d);
  for (const ProfileRule& rule : profile_.tasks) {
    const bool type_ok = rule.type.empty() || rule.type == type;
    const bool key_ok = rule.match.empty() || glob_match(rule.match, key) || glob_match(rule.match, t.key);
    if (type_ok && key_ok) given.apply(rule.work);
  }
  w.apply(given);
  take_work(w, t);
  std::vector<std::string> defaulted;
  if (!given.duration) defaulted.push_back("duration");
  if (!given.cores) defaulted.push_back("cores");
  if (!given.mem_gib) defaulted.push_back("mem_gib");
  if (!given.failure_probability && !given.permanent_failure_probability && !given.failure_rate_per_hour) {
    defaulted.push_back("failure rates");
  }
  if (!defaulted.empty()) out_.summary.defaulted.push_back({t.key, type, std::move(defaulted)});
  return w.compute;
}

void JobMapper::job_clusters(std::size_t j) {
  const ConfigNode* list = ConfigReader::get(source_.jobs[j].settings, "job_clusters");
  if (list == nullptr || !reader_.expect_list(*list, "job_clusters")) return;
  for (const ConfigNode& jc : list->items) {
    const auto key = reader_.string(jc, "job_cluster_key", true);
    const ConfigNode* spec = ConfigReader::get(jc, "new_cluster");
    if (spec == nullptr) reader_.error(jc.where, "a job cluster needs 'new_cluster'");
    if (!key || spec == nullptr) continue;
    job_clusters_[j].emplace_back(*key, compute_.cluster(*spec, models::ClusterKind::kJobCluster));
  }
}

void JobMapper::place(const ConfigNode& node, const std::string& type, std::size_t j, const std::string& prefix,
                      const std::optional<models::ClusterTemplate>& own, models::WorkloadTask& t) {
  if (auto key = reader_.string(node, "job_cluster_key")) {
    const auto& defined = job_clusters_[j];
    const auto it = std::find_if(defined.begin(), defined.end(), [&](const auto& p) { return p.first == *key; });
    if (it == defined.end()) {
      std::vector<std::string_view> names;
      for (const auto& p : defined) names.push_back(p.first);
      const std::string_view best = closest_word(*key, names);
      reader_.error(node.find("job_cluster_key")->where,
                    fmt::format("task '{}': job_cluster_key '{}' is not one of the job's job_clusters{}", t.key, *key,
                                best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
      return;
    }
    t.placement.edit().cluster = compute_.add(prefix + *key, compute_.with_startup(*key, it->second));
  } else if (const ConfigNode* spec = ConfigReader::get(node, "new_cluster")) {
    t.placement.edit().cluster = compute_.add(t.key + "_new_cluster", compute_.cluster(*spec, models::ClusterKind::kNewCluster));
  } else if (auto id = reader_.string(node, "existing_cluster_id")) {
    t.placement.edit().cluster = compute_.add("existing_" + *id,
                               compute_.with_startup(*id, compute_.existing(*id, node.find("existing_cluster_id")->where)));
  } else if (own) {
    models::ClusterTemplate c = own->kind == models::ClusterKind::kServerless ? compute_.serverless(t.cores) : *own;
    if (own->kind == models::ClusterKind::kServerless) c.node_type = own->node_type;
    t.placement.edit().cluster = compute_.add(t.key + "_" + type, c);
  } else {
    t.placement.edit().cluster = compute_.add(t.key + "_serverless", compute_.with_startup("serverless", compute_.serverless(t.cores)));
  }
}

void JobMapper::condition(const ConfigNode& c, const std::string& key, models::WorkloadTask& t) {
  Condition cond;
  cond.op = reader_.choice<ConditionOp>(c, "op", kOps).value_or(ConditionOp::kEqualTo);
  if (reader_.get(c, "op") == nullptr) reader_.error(c.where, fmt::format("condition task '{}': missing 'op'", key));
  cond.left = reader_.string(c, "left", true).value_or("");
  cond.right = reader_.string(c, "right", true).value_or("");
  for (std::string* operand : {&cond.left, &cond.right}) {
    if (operand->find("{{") == std::string::npos) continue;
    if (const std::string* v = Profile::find(profile_.values, *operand)) {
      *operand = *v;
    } else if (const ConditionProfile* p = Profile::find(profile_.conditions, key)) {
      // The branch is given: a literal comparison with that outcome, or one true with probability p.
      cond = p->probability ? Condition{ConditionOp::kEqualTo, models::branch_reference(*p->probability), "true"}
                            : Condition{ConditionOp::kEqualTo, "true", p->outcome.value_or(true) ? "true" : "false"};
      break;
    } else {
      reader_.error(c.where, fmt::format("condition task '{}': operand '{}' is a runtime reference; give its value in "
                                         "the profile (values: {{\"{}\": ...}}) or the branch taken (conditions: {{{}: "
                                         "{{outcome: true}}}} or {{probability: 0.3}})", key, *operand, *operand, key));
      break;
    }
  }
  t.orchestration.edit().condition = cond;
}

void JobMapper::for_each(const ConfigNode& node, std::size_t j, const std::string& prefix, const std::string& key,
                         models::WorkloadTask& t) {
  const ConfigNode& f = *ConfigReader::get(node, "for_each_task");
  ForEach each;
  const ConfigNode* inputs = ConfigReader::get(f, "inputs");
  if (inputs == nullptr) {
    reader_.error(f.where, fmt::format("for_each task '{}': missing 'inputs'", key));
  } else if (inputs->is_sequence()) {
    each.inputs = static_cast<std::uint32_t>(inputs->items.size());
  } else if (inputs->is_scalar() && inputs->scalar.find("{{") != std::string::npos) {
    const std::uint32_t* n = Profile::find(profile_.for_each, key);
    if (n != nullptr) each.inputs = *n;
    else reader_.error(inputs->where, fmt::format("for_each task '{}': inputs '{}' is a runtime reference; give the "
                                                  "number of inputs in the profile (for_each: {{{}: 10}})", key,
                                                  inputs->scalar, key));
  } else if (auto n = count_json_array(inputs->scalar); n && inputs->is_scalar()) {
    each.inputs = *n;
  } else {
    reader_.error(inputs->where, fmt::format("for_each task '{}': inputs must be a JSON array like [\"a\", \"b\"] or a "
                                             "{{{{…}}}} reference", key));
  }
  if (auto c = reader_.integer(f, "concurrency", 1, 100)) each.concurrency = static_cast<std::uint32_t>(*c);
  t.orchestration.edit().for_each = each;
  const ConfigNode* nested = ConfigReader::get(f, "task");
  if (nested == nullptr || !reader_.expect_map(*nested, "for_each_task.task")) return;
  std::string type = task_type(*nested);
  if (type.empty() || type == "several" || type == "for_each" || type == "run_job" || type == "condition") {
    reader_.error(nested->where, fmt::format("for_each task '{}': the nested task needs one work task type "
                                             "(notebook_task, spark_python_task, …)", key));
    return;
  }
  retries(*nested, t);
  const std::string nested_key = reader_.string(*nested, "task_key").value_or(key);
  const auto own = work(type, nested_key, t);
  place(*nested, type, j, prefix, own, t);
}

bool JobMapper::run_job(const ConfigNode& node, const std::string& key, models::WorkloadTask& t,
                        std::vector<std::pair<std::string, std::vector<std::string>>>& inlined) {
  const ConfigNode& r = *ConfigReader::get(node, "run_job_task");
  const auto id = reader_.string(r, "job_id", true);
  if (!id) return false;
  if (const auto child = find_job(source_, *id)) {
    auto& tasks = out_.scenario.workload.tasks;
    const std::size_t first = tasks.size();
    const std::vector<std::string> leaves = map_job(*child, t.key + ".");
    for (std::size_t i = first; i < tasks.size(); ++i) {
      // The child's first tasks start when the run_job task would have.
      if (tasks[i].depends_on.empty()) {
        // Located in t's file: a child task in another file falls back to its own location.
        const bool same_file = tasks[i].where.file == t.where.file;
        for (const models::Dependency& d : t.depends_on) {
          tasks[i].depends_on.push_back({d.task, same_file ? d.where : models::LineColumn{}, d.gate});
        }
        tasks[i].run_if = t.run_if;
      }
      tasks[i].disabled = tasks[i].disabled || t.disabled;
    }
    inlined.emplace_back(t.key, leaves);
    if (t.retry.max_retries != 0u || t.rare->timeout) {
      out_.summary.note(fmt::format("run_job task '{}': its retries and timeout (for the child run) are not modelled", t.key));
    }
    return false;
  }
  const WorkProfile* outside = Profile::find(profile_.outside_jobs, *id);
  if (outside == nullptr) {
    reader_.error(r.find("job_id")->where,
                  fmt::format("run_job task '{}' runs job '{}', which is not in this file: describe it in the profile "
                              "(outside_jobs: {{\"{}\": {{duration: 30m, cores: 4}}}})", key, *id, *id));
    return false;
  }
  WorkProfile w = default_work("notebook");
  w.apply(*outside);
  take_work(w, t);
  if (!outside->duration) out_.summary.defaulted.push_back({t.key, "outside job (notebook)", {"duration"}});
  models::ClusterTemplate c = w.compute.value_or(models::ClusterTemplate{});
  t.placement.edit().cluster = compute_.add(t.key + "_outside_job", c);
  return true;
}

void JobMapper::map_task(const ConfigNode& node, std::size_t j, const std::string& prefix,
                         std::vector<std::pair<std::string, std::vector<std::string>>>& inlined) {
  if (!reader_.expect_map(node, "tasks[]")) return;
  const auto key = reader_.string(node, "task_key");
  if (!key || key->empty()) {
    reader_.error(node.where, "a task needs a task_key");
    return;
  }
  models::WorkloadTask t;
  t.key = prefix + *key;
  t.where = node.where;
  if (!keys_.insert(t.key).second) {
    reader_.error(node.find("task_key")->where, fmt::format("task_key '{}' is used twice in job '{}'", *key, source_.jobs[j].key));
    return;
  }
  if (!prefix.empty()) t.placement.edit().group = prefix.substr(0, prefix.size() - 1);
  depends(node, prefix, t);
  t.run_if = reader_.choice<RunIf>(node, "run_if", kRunIf).value_or(RunIf::kAllSuccess);
  t.disabled = reader_.boolean(node, "disabled").value_or(false);
  t.alerts = read_notifications(reader_, node, false, out_.summary);
  std::string type = task_type(node);
  if (type == "several") {
    reader_.error(node.where, fmt::format("task '{}' has more than one task type (*_task key)", *key));
    return;
  }
  if (type.empty()) {
    out_.summary.note(fmt::format("task '{}' has no task type (*_task key): read as a notebook task", t.key));
    type = "notebook";
  }
  if (type != "condition") retries(node, t);
  if (type == "run_job") {
    if (!run_job(node, *key, t, inlined)) return;
  } else if (type == "condition") {
    condition(*ConfigReader::get(node, "condition_task"), *key, t);
  } else if (type == "for_each") {
    for_each(node, j, prefix, *key, t);
  } else {
    const auto own = work(type, *key, t);
    place(node, type, j, prefix, own, t);
  }
  out_.scenario.workload.tasks.push_back(std::move(t));
}

std::vector<std::string> JobMapper::map_job(std::size_t j, const std::string& prefix) {
  const DatabricksJobSource& job = source_.jobs[j];
  if (std::find(stack_.begin(), stack_.end(), j) != stack_.end()) {
    reader_.error(job.where, fmt::format("job '{}' runs itself through run_job tasks (a cycle)", job.key));
    return {};
  }
  if (stack_.size() >= 3) {
    reader_.error(job.where, fmt::format("job '{}': run_job tasks nest more than 3 levels deep (Databricks' limit)", job.key));
    return {};
  }
  if (!checked_[j]) {
    checked_[j] = true;
    check_job_schema(job.settings, source_.envelope != DatabricksEnvelope::kBundle, reader_, out_.summary);
    job_clusters(j);
    if (std::find(out_.jobs.begin(), out_.jobs.end(), job.key) == out_.jobs.end()) out_.jobs.push_back(job.key);
  }
  const ConfigNode* tasks = ConfigReader::get(job.settings, "tasks");
  if (tasks == nullptr || !tasks->is_sequence() || tasks->items.empty()) {
    reader_.error(job.where, fmt::format("job '{}' has no tasks: nothing to simulate", job.key));
    return {};
  }
  stack_.push_back(j);
  auto& all = out_.scenario.workload.tasks;
  const std::size_t first = all.size();
  std::vector<std::pair<std::string, std::vector<std::string>>> inlined;
  for (const ConfigNode& node : tasks->items) map_task(node, j, prefix, inlined);
  stack_.pop_back();
  // A dependency on an inlined run_job task is a dependency on the child job's last tasks.
  for (std::size_t i = first; i < all.size(); ++i) {
    models::WorkloadTask& t = all[i];
    const auto leaves_of = [&](std::string_view key) -> const std::vector<std::string>* {
      const auto it = std::find_if(inlined.begin(), inlined.end(), [&](const auto& p) { return p.first == key; });
      return it == inlined.end() ? nullptr : &it->second;
    };
    if (std::none_of(t.depends_on.begin(), t.depends_on.end(), [&](const models::Dependency& d) { return leaves_of(d.task); })) {
      continue;
    }
    models::Dependencies expanded;
    for (const models::Dependency& d : t.depends_on) {
      const std::vector<std::string>* child_leaves = leaves_of(d.task);
      if (child_leaves == nullptr) {
        expanded.push_back(d);
        continue;
      }
      for (const std::string& leaf : *child_leaves) expanded.push_back({leaf, d.where, EdgeGate::kNone});
    }
    t.depends_on = std::move(expanded);
  }
  std::unordered_set<std::string_view> upstream;  // lookups only
  for (std::size_t i = first; i < all.size(); ++i) {
    for (const models::Dependency& d : all[i].depends_on) upstream.insert(d.task);
  }
  std::vector<std::string> leaves;
  for (std::size_t i = first; i < all.size(); ++i) {
    if (!upstream.contains(all[i].key)) leaves.push_back(all[i].key);
  }
  return leaves;
}

void JobMapper::trigger(const ConfigNode& settings) {
  std::string schedule_note;
  auto pause = [&](const ConfigNode& n) { return reader_.string(n, "pause_status").value_or("") == "PAUSED"; };
  if (const ConfigNode* s = ConfigReader::get(settings, "schedule")) {
    const auto cron = reader_.string(*s, "quartz_cron_expression", true);
    if (cron) {
      if (const std::string why = check_quartz_cron(*cron); !why.empty()) {
        reader_.error(s->find("quartz_cron_expression")->where, fmt::format("schedule: {}", why));
      }
      const std::string zone = reader_.string(*s, "timezone_id").value_or("UTC");
      out_.trigger = DatabricksTrigger{"schedule", fmt::format("{} ({})", *cron, zone), pause(*s), s->where};
      if (!out_.trigger->paused) out_.scenario.schedule = databricks_cron_schedule(*cron, zone, schedule_note);
    }
  } else if (const ConfigNode* t = ConfigReader::get(settings, "trigger")) {
    DatabricksTrigger out{"trigger", "", pause(*t), t->where};
    if (const ConfigNode* p = ConfigReader::get(*t, "periodic")) {
      out.kind = "periodic";
      const std::int64_t interval = reader_.integer(*p, "interval", 1, 1'000'000).value_or(1);
      const std::string unit = reader_.string(*p, "unit").value_or("HOURS");
      out.detail = fmt::format("every {} {}", interval, unit);
      if (!out.paused) out_.scenario.schedule = databricks_periodic_schedule(interval, unit, schedule_note);
    } else if (const ConfigNode* f = ConfigReader::get(*t, "file_arrival")) {
      out.kind = "file_arrival";
      out.detail = reader_.string(*f, "url").value_or("");
    } else if (ConfigReader::get(*t, "table_update") != nullptr || ConfigReader::get(*t, "table") != nullptr) {
      out.kind = "table_update";
    }
    out_.trigger = out;
  } else if (const ConfigNode* c = ConfigReader::get(settings, "continuous")) {
    out_.trigger = DatabricksTrigger{"continuous", "", pause(*c), c->where};
  }
  if (out_.scenario.schedule) {
    out_.summary.note(fmt::format("{} trigger ({}): compare also runs it over the horizon (scenario `schedule`)",
                                  out_.trigger->kind, out_.trigger->detail));
  } else if (out_.trigger) {
    out_.summary.note(fmt::format("{} trigger ({}): compare simulates one run per replication; the trigger is kept for "
                                  "export", out_.trigger->kind, out_.trigger->detail));
  }
  if (!schedule_note.empty()) out_.summary.note(schedule_note);
}

void JobMapper::job_settings(const ConfigNode& settings) {
  models::JobSettings& job = out_.scenario.workload.job;
  job.evaluation = EvaluationMode::kAllDone;
  if (auto s = reader_.integer(settings, "timeout_seconds", 0, 3'153'600'000); s && *s > 0) job.timeout = Duration::seconds(*s);
  if (auto n = reader_.integer(settings, "max_concurrent_runs", 0, 1000)) job.max_concurrent_runs = static_cast<std::uint32_t>(std::max<std::int64_t>(*n, 1));
  if (const ConfigNode* q = ConfigReader::get(settings, "queue")) job.queue = reader_.boolean(*q, "enabled").value_or(false);
  job.alerts = read_notifications(reader_, settings, true, out_.summary);
  job.alert_destinations = profile_.alert_destinations;
  if (auto standard = reader_.choice<bool>(settings, "performance_target", kPerformance)) compute_.set_standard_serverless(*standard);
  trigger(settings);
}

// Several independent jobs: each root's settings are read (and checked); the first root's apply to
// all, and the summary says so when the roots differ.
void JobMapper::roots_settings(const std::vector<std::size_t>& roots) {
  job_settings(source_.jobs[roots[0]].settings);
  const models::JobSettings first = out_.scenario.workload.job;
  const std::optional<DatabricksTrigger> trigger = out_.trigger;
  for (std::size_t r = 1; r < roots.size(); ++r) {
    out_.scenario.workload.job = {};
    job_settings(source_.jobs[roots[r]].settings);
    const models::JobSettings& other = out_.scenario.workload.job;
    if (other.timeout != first.timeout || other.max_concurrent_runs != first.max_concurrent_runs ||
        other.queue != first.queue || other.alerts.any() != first.alerts.any()) {
      out_.summary.note(fmt::format("jobs '{}' and '{}' differ in job settings (timeout, max_concurrent_runs, queue or "
                                    "notifications): '{}''s apply to every job compared", source_.jobs[roots[0]].key,
                                    source_.jobs[roots[r]].key, source_.jobs[roots[0]].key));
    }
  }
  out_.scenario.workload.job = first;
  out_.trigger = trigger;
  out_.summary.note(fmt::format("{} independent jobs compared together: one replication starts each once, all at "
                                "t = 0 (cost is their sum, makespan until the last ends); --job K compares one",
                                roots.size()));
}

void JobMapper::strategies(bool together) {
  // The alternatives build on the job's first job cluster (else its first classic cluster), so
  // that they compare layouts on the same machines.
  models::ClusterTemplate base;
  for (const auto& named : compute_.clusters) {
    if (named.cluster.kind == models::ClusterKind::kJobCluster || named.cluster.kind == models::ClusterKind::kNewCluster) {
      base = named.cluster;
      break;
    }
  }
  base.kind = models::ClusterKind::kJobCluster;
  const SourceLocation where = source_.jobs.empty() ? SourceLocation{} : source_.jobs.front().where;
  auto& list = out_.scenario.strategies;
  list.push_back({.name = "as_defined", .kind = models::StrategyKind::kAsDefined, .cluster = base, .trigger_latency = {},
                  .multi_job_by_group = false, .hybrid = {}, .pool = compute_.pool, .clusters = compute_.clusters,
                  .where = where, .as_defined_jobs_by_group = true, .as_defined_synthetic_entry = together});
  for (models::StrategyKind kind :
       {models::StrategyKind::kMultiJob, models::StrategyKind::kSingleJobSharedCluster,
        models::StrategyKind::kSingleJobClusterPerTask, models::StrategyKind::kAllPurposeShared,
        models::StrategyKind::kHybrid, models::StrategyKind::kServerless}) {
    list.push_back({.name = models::to_string(kind), .kind = kind, .cluster = base, .trigger_latency = {},
                    .multi_job_by_group = false, .hybrid = {}, .pool = {}, .clusters = {}, .where = where});
  }
}

DatabricksImport JobMapper::run(const std::string& wanted) {
  out_.roots = choose_databricks_jobs(source_, wanted);
  std::unordered_map<std::string_view, std::size_t> index;  // job key → its index (lookups only)
  for (std::size_t j = 0; j < source_.jobs.size(); ++j) index.try_emplace(source_.jobs[j].key, j);
  std::vector<std::size_t> roots;
  for (const std::string& key : out_.roots) roots.push_back(index.at(key));
  const bool together = roots.size() > 1;
  job_clusters_.resize(source_.jobs.size());
  checked_.assign(source_.jobs.size(), false);
  out_.job = out_.roots.front();
  const ConfigNode& settings = source_.jobs[roots[0]].settings;
  if (together) roots_settings(roots);
  else job_settings(settings);
  for (std::size_t r : roots) map_job(r, together ? source_.jobs[r].key + "." : "");
  ScenarioSpec& s = out_.scenario;
  s.file = source_.root;
  std::string keys;
  for (const std::string& k : out_.roots) keys += fmt::format("{}{}", keys.empty() ? "" : ", ", k);
  s.name = together ? fmt::format("{} jobs ({})", roots.size(), keys) : reader_.string(settings, "name").value_or(out_.job);
  s.description = fmt::format("Databricks job{} '{}' imported from {}", together ? "s" : "", keys, source_.root);
  s.workload.name = together ? "all_jobs" : out_.job;
  s.catalog = profile_.catalog;
  for (const auto& [field, where] : source_.unmodelled) out_.summary.add_unmodelled(field, where);
  out_.files = source_.files;
  out_.target = source_.target;
  out_.variables = source_.variables;
  Diagnostics dag_problems;
  if (diagnostics_.empty()) {
    s.workload.check_dag(dag_problems);
    for (const Diagnostic& d : dag_problems.items()) diagnostics_.error(d.where, d.message);
  }
  diagnostics_.throw_if_any();
  strategies(together);
  out_.unpriced_node_types = compute_.unpriced;
  return std::move(out_);
}

}  // namespace

std::vector<std::string> choose_databricks_jobs(const DatabricksSource& source, const std::string& wanted) {
  std::vector<std::size_t> all(source.jobs.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const SourceLocation where{source.root, 0, 0};
  if (source.jobs.empty()) {
    Diagnostics d;
    d.error({source.files.empty() ? source.root : source.files.front(), 1, 1},
            "no Databricks job here (a job defined only under targets.<t> needs --target <t>)");
    d.throw_if_any();
  }
  if (!wanted.empty()) {
    for (const DatabricksJobSource& j : source.jobs) {
      if (j.key == wanted) return {wanted};
    }
    throw InputError({Diagnostic{where, fmt::format("--job {}: no such job (the jobs are: {})", wanted, key_list(source, all))}});
  }
  std::vector<std::string> targets;
  for (const DatabricksJobSource& j : source.jobs) {
    if (const ConfigNode* t = ConfigReader::get(j.settings, "tasks")) run_job_targets(*t, targets);
  }
  std::vector<std::uint8_t> run_by_other(source.jobs.size(), 0);
  for (const std::string& id : targets) {
    if (const auto found = find_job(source, id)) run_by_other[*found] = 1;
  }
  std::vector<std::string> roots;
  for (std::size_t i = 0; i < source.jobs.size(); ++i) {
    if (run_by_other[i] == 0) roots.push_back(source.jobs[i].key);
  }
  if (roots.empty()) {
    throw InputError({Diagnostic{source.jobs.front().where,
                                 fmt::format("every job of this file is run by another through run_job tasks (a cycle: "
                                             "{}); choose the one to start with --job", key_list(source, all))}});
  }
  return roots;
}

DatabricksImport map_databricks_job(const DatabricksSource& source, const Profile& profile, const std::string& wanted) {
  return JobMapper(source, profile).run(wanted);
}

void require_prices(const DatabricksImport& import) {
  Diagnostics d;
  for (const auto& [name, where] : import.unpriced_node_types) {
    d.error(where, fmt::format("node type '{}' is not in orchsim's catalog: give its price in the profile (node_types: "
                               "[{{name: {}, vcpus: …, mem_gib: …, dbu_per_hour: …, vm_usd_per_hour: …}}])", name, name));
  }
  d.throw_if_any();
}

}  // namespace orchsim::sim
