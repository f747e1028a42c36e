#include "reports/databricks_jobs.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engine/check.h"
#include "reports/file_stem.h"

namespace orchsim::reports {

namespace {

using models::ClusterKind;
using models::ComputeSpec;
using models::Deployment;

// A value the user's workspace must supply: a bundle variable, or an example value in JSON.
struct Placeholder {
  std::string variable;
  std::string description;
  std::string example;             // the bundle variable's default, and the JSON value
  std::string lookup_kind;         // bundle: look the id up by name ("cluster", "instance_pool")
  std::string lookup_name;
};

// The Databricks run_if a rule is, or for an Airflow rule the nearest one; `exact` is false for
// every Airflow rule, since even the like-named ones treat skipped upstream tasks differently
// (engine/trigger.h).
const char* databricks_run_if(RunIf rule, bool& exact) {
  exact = rule <= RunIf::kAllFailed;
  switch (rule) {
    case RunIf::kAllSuccess: case RunIf::kAirflowAllSuccess: return "ALL_SUCCESS";
    case RunIf::kAtLeastOneSuccess: case RunIf::kAirflowOneSuccess: return "AT_LEAST_ONE_SUCCESS";
    case RunIf::kNoneFailed: case RunIf::kAirflowNoneFailed: case RunIf::kAirflowNoneFailedMinOneSuccess:
      return "NONE_FAILED";
    case RunIf::kAtLeastOneFailed: case RunIf::kAirflowOneFailed: return "AT_LEAST_ONE_FAILED";
    case RunIf::kAllFailed: case RunIf::kAirflowAllFailed: return "ALL_FAILED";
    default: return "ALL_DONE";  // all_done, always, one_done, all_skipped, none_skipped
  }
}

// Whole units of `unit_us` microseconds, rounded up; `exact` false when that rounded.
std::int64_t whole(Duration d, std::int64_t unit_us, bool& exact) {
  exact = d.micros() % unit_us == 0;
  return (d.micros() + unit_us - 1) / unit_us;
}

// The cloud a node type belongs to, by its naming: Azure's are `Standard_…`, AWS's have a dot
// (`m5.xlarge`), GCP's neither (`n2-highmem-4`).
enum class Cloud : std::uint8_t { kAzure, kAws, kGcp };
Cloud cloud_of(const std::string& node_type) {
  if (node_type.rfind("Standard_", 0) == 0) return Cloud::kAzure;
  return node_type.find('.') != std::string::npos ? Cloud::kAws : Cloud::kGcp;
}

// A task's key within its job: an imported child job's tasks are keyed "<job>.<task>" (the importer
// keeps keys unique across the jobs it reads), and the job is named <job>, so the job writes <task>.
std::string_view own_key(const JobSpec& job, TaskId t) {
  const std::string_view key = job.dag.key(t);
  const bool prefixed = key.size() > job.name.size() + 1 && key.rfind(job.name, 0) == 0 && key[job.name.size()] == '.';
  return prefixed ? key.substr(job.name.size() + 1) : key;
}

class Builder {
 public:
  Builder(const Deployment& d, DatabricksFlavour f) : d_(d), flavour_(f) {}
  DatabricksJobs run();

 private:
  void note(std::string text) {
    if (seen_notes_.insert(text).second) out_.notes.push_back(std::move(text));
  }
  TextTree placeholder(const Placeholder& p);
  TextTree cluster_spec(const ComputeSpec& c);
  void add_compute(TextTree& task, ComputeId id, std::vector<ComputeId>& job_clusters);
  void add_retry_and_timeout(TextTree& task, const TaskSpec& spec, const std::string& where);
  void add_notifications(TextTree& target, const Notifications& n, bool job, const std::string& where);
  void add_payload(TextTree& task, const JobSpec& job, TaskId t, const std::string& key,
                   std::vector<ComputeId>& job_clusters);
  TextTree task_tree(const JobSpec& job, TaskId t, const std::vector<std::string>& keys,
                     std::vector<ComputeId>& job_clusters);
  void add_job_settings(TextTree& s, const JobSpec& job);
  TextTree job_tree(std::size_t j);
  void order_creation();

  const Deployment& d_;
  DatabricksFlavour flavour_;
  DatabricksJobs out_;
  std::set<std::string> seen_notes_;
  std::map<std::string, std::string> variables_;  // bundle variable → what it looks up
  std::vector<std::string> compute_keys_;  // per ComputeId: its job_cluster_key
  bool serverless_in_job_ = false;
  std::size_t current_ = 0;  // the job being built
};

TextTree Builder::placeholder(const Placeholder& p) {
  if (flavour_ == DatabricksFlavour::kJobsApi) return TextTree::string(p.example);
  // One variable per thing looked up; two names that sanitise alike get `_2`, `_3`, ….
  const std::string what = p.lookup_kind + "/" + p.lookup_name;
  std::string name = p.variable;
  for (int k = 2; variables_.count(name) && variables_[name] != what; ++k) name = fmt::format("{}_{}", p.variable, k);
  if (variables_.emplace(name, what).second) {
    TextTree& v = out_.variables.set(name, TextTree::map());
    v.set("description", TextTree::string(p.description));
    if (p.lookup_kind.empty()) {
      v.set("default", TextTree::string(p.example));
    } else {
      v.set("lookup", TextTree::map()).set(p.lookup_kind, TextTree::string(p.lookup_name));
    }
  }
  return TextTree::string("${var." + name + "}");
}

TextTree Builder::cluster_spec(const ComputeSpec& c) {
  const models::ClusterTemplate& t = c.cluster();
  TextTree s = TextTree::map();
  s.set("spark_version", placeholder({"spark_version", "Databricks Runtime of every cluster (edit)",
                                      "15.4.x-scala2.12", {}, {}}));
  if (c.pool) {
    const std::string& pool = d_.pools[*c.pool].name;
    TextTree id = placeholder({databricks_key(pool, "pool") + "_pool_id", fmt::format("id of instance pool '{}'", pool),
                               fmt::format("<id of instance pool '{}'>", pool), "instance_pool", pool});
    s.set("instance_pool_id", id, fmt::format("the pool's node type: {}", c.shape.node->name));
    s.set("driver_instance_pool_id", std::move(id));
    if (t.spot_workers) note(fmt::format("cluster '{}': spot instances come from the pool's own settings", d_.name_of(c)));
  } else {
    s.set("node_type_id", TextTree::string(c.shape.node->name));
    s.set("driver_node_type_id", TextTree::string(c.shape.node->name));
  }
  if (t.autoscale) {
    TextTree& a = s.set("autoscale", TextTree::map());
    a.set("min_workers", TextTree::integer(t.autoscale->min_workers));
    a.set("max_workers", TextTree::integer(t.autoscale->max_workers));
  } else {
    s.set("num_workers", TextTree::integer(c.shape.workers));
    if (c.shape.workers == 0) {
      TextTree& conf = s.set("spark_conf", TextTree::map(), "single node: the tasks run on the driver");
      conf.set("spark.databricks.cluster.profile", TextTree::string("singleNode"));
      conf.set("spark.master", TextTree::string("local[*]"));
      s.set("custom_tags", TextTree::map()).set("ResourceClass", TextTree::string("SingleNode"));
    }
  }
  if (t.photon) s.set("runtime_engine", TextTree::string("PHOTON"));
  if (!c.pool) {
    // Per cloud: its attributes key, and availability on demand and spot with fallback.
    static constexpr const char* kAttributes[3][3] = {
        {"azure_attributes", "ON_DEMAND_AZURE", "SPOT_WITH_FALLBACK_AZURE"},
        {"aws_attributes", "ON_DEMAND", "SPOT_WITH_FALLBACK"},
        {"gcp_attributes", "ON_DEMAND_GCP", "PREEMPTIBLE_WITH_FALLBACK_GCP"}};
    const auto& row = kAttributes[static_cast<int>(cloud_of(c.shape.node->name))];
    TextTree& attrs = s.set(row[0], TextTree::map());
    attrs.set("availability", TextTree::string(row[t.spot_workers ? 2 : 1]));
    if (t.spot_workers) attrs.set("first_on_demand", TextTree::integer(t.first_on_demand));
  }
  if (t.sku == models::Sku::kJobsLight) note(fmt::format("cluster '{}': the Jobs Light SKU is not a cluster setting", d_.name_of(c)));
  return s;
}

// The task's compute: a job cluster (declared once per job), its own new_cluster, an existing
// all-purpose cluster, or serverless (an environment).
void Builder::add_compute(TextTree& task, ComputeId id, std::vector<ComputeId>& job_clusters) {
  const ComputeSpec& c = d_.computes[id.index()];
  switch (c.cluster().kind) {
    case ClusterKind::kJobCluster:
      if (std::find(job_clusters.begin(), job_clusters.end(), id) == job_clusters.end()) job_clusters.push_back(id);
      task.set("job_cluster_key", TextTree::string(compute_keys_[id.index()]));
      break;
    case ClusterKind::kNewCluster: task.set("new_cluster", cluster_spec(c)); break;
    case ClusterKind::kAllPurpose: {
      const std::string name(d_.compute_names[id.index()]);
      const std::string var = databricks_key(name, "cluster") + "_id";
      task.set("existing_cluster_id",
               placeholder({var, fmt::format("id of the all-purpose cluster '{}'", name),
                            fmt::format("<id of all-purpose cluster '{}'>", name), "cluster", name}));
      break;
    }
    case ClusterKind::kServerless:
      task.set("environment_key", TextTree::string("default"));
      serverless_in_job_ = true;
      break;
  }
}

void Builder::add_retry_and_timeout(TextTree& task, const TaskSpec& spec, const std::string& where) {
  const RetryPolicy& r = spec.retry;
  if (r.retries_forever()) task.set("max_retries", TextTree::integer(-1), "retry forever");
  else if (*r.max_retries > 0) task.set("max_retries", TextTree::integer(*r.max_retries));
  bool exact = true;
  if (r.min_retry_interval > Duration::zero()) {
    task.set("min_retry_interval_millis", TextTree::integer(whole(r.min_retry_interval, 1000, exact)));
    if (!exact) note(fmt::format("{}: min_retry_interval rounded up to whole milliseconds", where));
  }
  if (r.retry_on_timeout) task.set("retry_on_timeout", TextTree::boolean(true));
  if (spec.timeout) {
    task.set("timeout_seconds", TextTree::integer(whole(*spec.timeout, 1'000'000, exact)));
    if (!exact) note(fmt::format("{}: timeout rounded up to whole seconds", where));
  }
  const bool superset = r.backoff != Backoff::kNone || r.shape->max_delay || r.jitter != Jitter::kNone || !r.shape->delays.empty() ||
                        r.anchor != RetryAnchor::kAttemptStart || !r.retry_on.task_error || !r.retry_on.infrastructure;
  if (superset) {
    note(fmt::format("{}: retry backoff, jitter, delays, anchor and retry_on have no Databricks setting (Databricks "
                     "retries after min_retry_interval_millis from the failed attempt's start)", where));
  }
}

void Builder::add_notifications(TextTree& target, const Notifications& n, bool job, const std::string& where) {
  if (n.on_retry) note(fmt::format("{}: on_retry alerts have no Databricks setting", where));
  const std::vector<std::pair<bool, const char*>> events = {
      {n.on_start, "on_start"}, {n.on_success, "on_success"}, {n.on_failure, "on_failure"},
      {n.duration_warning.has_value(), "on_duration_warning_threshold_exceeded"}};
  if (std::any_of(events.begin(), events.end(), [](const auto& e) { return e.first; })) {
    TextTree& email = target.set("email_notifications", TextTree::map());
    for (const auto& [on, name] : events) {
      if (!on) continue;
      email.set(name, TextTree::list()).push(placeholder({"alert_email", "who receives the alerts (edit)",
                                                          "data-team@example.com", {}, {}}));
    }
  }
  TextTree settings = TextTree::map();
  if (!job && n.alert_on_last_attempt) settings.set("alert_on_last_attempt", TextTree::boolean(true));
  if (n.no_alert_for_canceled_runs) settings.set("no_alert_for_canceled_runs", TextTree::boolean(true));
  if (job && n.no_alert_for_skipped_runs) settings.set("no_alert_for_skipped_runs", TextTree::boolean(true));
  if (!settings.empty()) target.set("notification_settings", std::move(settings));
  if (n.duration_warning) {
    bool exact = true;
    TextTree rule = TextTree::map();
    rule.set("metric", TextTree::string("RUN_DURATION_SECONDS"));
    rule.set("op", TextTree::string("GREATER_THAN"));
    rule.set("value", TextTree::integer(whole(*n.duration_warning, 1'000'000, exact)));
    target.set("health", TextTree::map()).set("rules", TextTree::list()).push(std::move(rule));
  }
}

// What the task does: a notebook (or, on serverless, a Python file), a condition, a for_each over
// a nested task, or a run of another job.
void Builder::add_payload(TextTree& task, const JobSpec& job, TaskId t, const std::string& key,
                          std::vector<ComputeId>& job_clusters) {
  const TaskSpec& spec = job.tasks[t.index()];
  const std::string where = fmt::format("job '{}', task '{}'", job.name, job.dag.key(t));
  const bool api = flavour_ == DatabricksFlavour::kJobsApi;
  auto work = [&](TextTree& into, const std::string& name) {
    const ComputeId compute = job.tasks.compute(t.index());
    add_compute(into, compute, job_clusters);
    const bool serverless = d_.computes[compute.index()].cluster().kind == ClusterKind::kServerless;
    const std::string base = api ? "/Workspace/Shared/orchsim/" + out_.jobs[current_].key + "/" : "./src/";
    if (serverless) {
      into.set("spark_python_task", TextTree::map()).set("python_file", TextTree::string(base + name + ".py"));
    } else {
      into.set("notebook_task", TextTree::map())
          .set("notebook_path", TextTree::string(base + name + (api ? "" : ".ipynb")));
    }
    add_retry_and_timeout(into, spec, where);
  };
  switch (spec.kind) {
    case TaskKind::kWork: work(task, key); break;
    case TaskKind::kCondition: {
      TextTree& c = task.set("condition_task", TextTree::map());
      c.set("op", TextTree::string(to_string(spec.condition.op)));
      c.set("left", TextTree::string(spec.condition.left));
      c.set("right", TextTree::string(spec.condition.right));
      break;
    }
    case TaskKind::kForEach: {
      TextTree& f = task.set("for_each_task", TextTree::map());
      std::string inputs = "[";
      for (std::uint32_t i = 0; i < spec.for_each.inputs; ++i) {
        if (i > 0) inputs += ',';
        inputs += fmt::format("{}", i);
      }
      f.set("inputs", TextTree::string(inputs + "]"), fmt::format("{} inputs", spec.for_each.inputs));
      f.set("concurrency", TextTree::integer(spec.for_each.concurrency));
      TextTree& nested = f.set("task", TextTree::map());
      nested.set("task_key", TextTree::string(file_stem(key + "_iteration")));
      work(nested, key);
      break;
    }
    case TaskKind::kRunJob: {
      const DatabricksJob& child = out_.jobs[job.tasks.child_job(t.index()).index()];
      TextTree id = api ? TextTree::integer(child.placeholder_id)
                        : TextTree::string("${resources.jobs." + child.key + ".id}");
      task.set("run_job_task", TextTree::map()).set("job_id", std::move(id));
      break;
    }
  }
}

TextTree Builder::task_tree(const JobSpec& job, TaskId t, const std::vector<std::string>& keys,
                            std::vector<ComputeId>& job_clusters) {
  const TaskSpec& spec = job.tasks[t.index()];
  const std::string where = fmt::format("job '{}', task '{}'", job.name, job.dag.key(t));
  TextTree task = TextTree::map();
  task.set("task_key", TextTree::string(keys[t.index()]));
  if (keys[t.index()] != own_key(job, t)) note(fmt::format("{}: written as task_key '{}'", where, keys[t.index()]));
  const auto ups = job.dag.upstream(t);
  const auto gates = job.dag.upstream_gates(t);
  if (!ups.empty()) {
    TextTree& deps = task.set("depends_on", TextTree::list());
    for (std::size_t k = 0; k < ups.size(); ++k) {
      TextTree& dep = deps.push(TextTree::map());
      dep.set("task_key", TextTree::string(keys[ups[k].index()]));
      // The engine checks that only condition tasks gate edges (engine/job.h validate), and both
      // ends of an edge are in this job: the condition stays with the tasks that read it.
      if (gates[k] != EdgeGate::kNone) dep.set("outcome", TextTree::string(gates[k] == EdgeGate::kTrue ? "true" : "false"));
    }
    bool exact = true;
    const char* rule = databricks_run_if(spec.run_if, exact);
    if (!exact) note(fmt::format("{}: Airflow rule '{}' has no Databricks equivalent; written as {}", where,
                                 to_string(spec.run_if), rule));
    if (std::string_view(rule) != "ALL_SUCCESS") task.set("run_if", TextTree::string(rule));
  }
  if (spec.disabled) task.set("disabled", TextTree::boolean(true));
  add_payload(task, job, t, keys[t.index()], job_clusters);
  add_notifications(task, spec.notifications, false, where);
  return task;
}

void Builder::add_job_settings(TextTree& s, const JobSpec& job) {
  const std::string where = fmt::format("job '{}'", job.name);
  s.set("name", TextTree::string(job.name));
  s.set("max_concurrent_runs", TextTree::integer(job.max_concurrent_runs));
  if (const auto timeout = job.timeout()) {
    bool exact = true;
    s.set("timeout_seconds", TextTree::integer(whole(*timeout, 1'000'000, exact)));
    if (!exact) note(fmt::format("{}: timeout rounded up to whole seconds", where));
  }
  if (job.queue) s.set("queue", TextTree::map()).set("enabled", TextTree::boolean(true));
  if (job.queue && job.max_queue_wait != Duration::hours(48)) {
    note(fmt::format("{}: Databricks keeps a queued run 48 h; max_queue_wait is not a setting", where));
  }
  if (job.evaluation == EvaluationMode::kEager) {
    note(fmt::format("{}: eager (Airflow) evaluation is not a Databricks setting: Databricks evaluates a task's "
                     "run_if once all its upstream tasks are done", where));
  }
  if (job.retry_budget()) note(fmt::format("{}: a retry budget per run is not a Databricks setting", where));
  if (job.rollback != RollbackScope::kNone) {
    note(fmt::format("{}: rollback '{}' is orchsim's (Delta RESTORE by a task of your own in Databricks)", where,
                     to_string(job.rollback)));
  }
  add_notifications(s, job.notifications(), true, where);
}

TextTree Builder::job_tree(std::size_t j) {
  const JobSpec& job = d_.jobs[j];
  TextTree s = TextTree::map();
  add_job_settings(s, job);
  const auto keys = unique_file_stems([&] {
    std::vector<std::string> names;
    for (std::size_t t = 0; t < job.dag.size(); ++t) names.emplace_back(own_key(job, TaskId(static_cast<std::uint32_t>(t))));
    return names;
  }());
  serverless_in_job_ = false;
  std::vector<ComputeId> job_clusters;
  TextTree tasks = TextTree::list();
  for (std::size_t t = 0; t < job.dag.size(); ++t) {
    tasks.push(task_tree(job, TaskId(static_cast<std::uint32_t>(t)), keys, job_clusters));
  }
  if (serverless_in_job_) s.set("performance_target", TextTree::string("PERFORMANCE_OPTIMIZED"));
  if (!job_clusters.empty()) {
    TextTree& list = s.set("job_clusters", TextTree::list());
    for (ComputeId id : job_clusters) {
      TextTree& jc = list.push(TextTree::map());
      jc.set("job_cluster_key", TextTree::string(compute_keys_[id.index()]));
      jc.set("new_cluster", cluster_spec(d_.computes[id.index()]));
    }
  }
  if (serverless_in_job_) {
    TextTree& env = s.set("environments", TextTree::list()).push(TextTree::map());
    env.set("environment_key", TextTree::string("default"));
    env.set("spec", TextTree::map()).set("environment_version", TextTree::string("2"));
  }
  s.set("tasks", std::move(tasks));
  return s;
}

// Post-order from the entry job: a job after every job it runs, so that creating them in this
// order gives each run_job task an existing job id. Jobs nothing runs come last, in order.
void Builder::order_creation() {
  std::vector<std::uint8_t> state(d_.jobs.size(), 0);
  auto visit = [&](auto&& self, std::size_t j) -> void {
    if (state[j] != 0) return;
    state[j] = 1;
    const TaskSpecs& tasks = d_.jobs[j].tasks;
    for (std::size_t t = 0; t < tasks.size(); ++t) {
      if (tasks[t].kind == TaskKind::kRunJob) self(self, tasks.child_job(t).index());
    }
    out_.creation.push_back(j);
  };
  if (d_.entry.valid()) visit(visit, d_.entry.index());
  for (std::size_t j = 0; j < d_.jobs.size(); ++j) visit(visit, j);
  std::erase_if(out_.creation, [&](std::size_t j) { return out_.jobs[j].synthetic; });
  for (std::size_t i = 0; i < out_.creation.size(); ++i) {
    out_.jobs[out_.creation[i]].placeholder_id = static_cast<std::int64_t>(i + 1);
  }
}

DatabricksJobs Builder::run() {
  std::set<std::string> taken;
  for (const JobSpec& job : d_.jobs) {
    std::string key = databricks_key(job.name, "job");
    for (int k = 2; taken.count(key); ++k) key = fmt::format("{}_{}", databricks_key(job.name, "job"), k);
    taken.insert(key);
    out_.jobs.push_back({.key = key, .placeholder_id = 0, .settings = TextTree::map(), .synthetic = false});
  }
  if (d_.synthetic_entry && d_.entry.valid()) out_.jobs[d_.entry.index()].synthetic = true;
  std::vector<std::string> names;
  for (std::size_t c = 0; c < d_.computes.size(); ++c) names.emplace_back(d_.compute_names[c]);
  compute_keys_ = unique_file_stems(names);
  order_creation();
  for (std::size_t j = 0; j < d_.jobs.size(); ++j) {
    current_ = j;
    if (!out_.jobs[j].synthetic) out_.jobs[j].settings = job_tree(j);
  }
  return std::move(out_);
}

}  // namespace

std::string databricks_key(std::string_view name, std::string_view fallback) {
  std::string out;
  for (char c : name.substr(0, kMaxFileStem)) {
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
  }
  while (!out.empty() && !std::isalnum(static_cast<unsigned char>(out.back()))) out.pop_back();
  if (out.empty()) return std::string(fallback);
  if (!std::isalpha(static_cast<unsigned char>(out[0]))) out = std::string(fallback) + "_" + out;
  return out;
}

DatabricksJobs databricks_jobs(const models::Deployment& deployment, DatabricksFlavour flavour) {
  return Builder(deployment, flavour).run();
}

}  // namespace orchsim::reports
