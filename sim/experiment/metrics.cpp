#include "sim/experiment/metrics.h"

#include <algorithm>
#include <array>

#include "engine/alerts.h"
#include "engine/check.h"
#include "sim/world/cluster_world.h"

namespace orchsim::sim {

namespace {

constexpr double kMin = 60.0;
constexpr double kHour = 3600.0;

// The catalog. Definitions are the contract of each column: keep them exact, and keep README.md's
// list of outputs in step (a test checks every id appears there).
constexpr std::array kCatalog{
    MetricDef{"makespan_min", "time", "min", MetricKind::kValue, Better::kLower,
              "wall-clock time from the pipeline run's start to its end",
              [](const RunMetrics& m) { return m.makespan_s / kMin; }},
    MetricDef{"setup_min", "time", "task-min", MetricKind::kValue, Better::kLower,
              "sum over attempts of the time from the attempt's start until its cluster was up",
              [](const RunMetrics& m) { return m.setup_s / kMin; }},
    MetricDef{"queue_min", "time", "task-min", MetricKind::kValue, Better::kLower,
              "sum over attempts of the time spent on an up cluster waiting for cores (contention)",
              [](const RunMetrics& m) { return m.queue_s / kMin; }},
    MetricDef{"contention_min", "time", "task-min", MetricKind::kValue, Better::kLower,
              "queue_min plus the running time lost to sharing cores: Σ over attempts of ∫ (1 − cores given / "
              "cores it would get alone) dt",
              [](const RunMetrics& m) { return (m.queue_s + m.shared_s) / kMin; }},
    MetricDef{"execution_min", "time", "task-min", MetricKind::kValue, Better::kNeither,
              "sum over attempts of the time executing, failed attempts included",
              [](const RunMetrics& m) { return m.execution_s / kMin; }},
    MetricDef{"retry_wait_min", "time", "task-min", MetricKind::kValue, Better::kLower,
              "sum over retried tasks of the time from a failed attempt's end to the next attempt's start",
              [](const RunMetrics& m) { return m.retry_wait_s / kMin; }},
    MetricDef{"startup_blocked_min", "time", "min", MetricKind::kValue, Better::kLower,
              "wall-clock time in the run during which a cluster was starting and no attempt was executing",
              [](const RunMetrics& m) { return m.startup_blocked_s / kMin; }},
    MetricDef{"startup_share", "capacity", "fraction", MetricKind::kRatio, Better::kLower,
              "Σ startup_blocked_min / Σ makespan_min: the share of the makespan lost to cluster startup",
              [](const RunMetrics& m) { return m.startup_blocked_s; },
              [](const RunMetrics& m) { return m.makespan_s; }},
    MetricDef{"cost_usd", "money", "USD", MetricKind::kValue, Better::kLower,
              "the bill of every cluster instance of the run (VM + DBU), per-second billing",
              [](const RunMetrics& m) { return m.cost_usd(); }},
    MetricDef{"vm_usd", "money", "USD", MetricKind::kValue, Better::kLower, "the cloud VM part of cost_usd",
              [](const RunMetrics& m) { return m.vm_usd; }},
    MetricDef{"dbu_usd", "money", "USD", MetricKind::kValue, Better::kLower, "the DBU part of cost_usd",
              [](const RunMetrics& m) { return m.dbu_usd; }},
    MetricDef{"startup_usd", "money", "USD", MetricKind::kValue, Better::kLower,
              "the part of cost_usd billed while clusters were starting",
              [](const RunMetrics& m) { return m.startup_usd; }},
    MetricDef{"idle_usd", "money", "USD", MetricKind::kValue, Better::kLower,
              "the part of cost_usd billed while clusters were up, for the cores no attempt used: per "
              "instance, up-time bill × (1 − busy core-s / paid core-s)",
              [](const RunMetrics& m) { return m.idle_usd; }},
    MetricDef{"wasted_usd", "failure", "USD", MetricKind::kValue, Better::kLower,
              "the up-time bill attributed to failed attempts (their core-seconds × the instance's $ per "
              "paid core-second)",
              [](const RunMetrics& m) { return m.wasted_usd; }},
    MetricDef{"busy_core_h", "capacity", "core-h", MetricKind::kValue, Better::kNeither,
              "core-hours given to attempts", [](const RunMetrics& m) { return m.busy_core_s / kHour; }},
    MetricDef{"paid_core_h", "capacity", "core-h", MetricKind::kValue, Better::kLower,
              "worker core-hours billed while clusters were up (the resources the run held)",
              [](const RunMetrics& m) { return m.paid_core_s / kHour; }},
    MetricDef{"utilisation", "capacity", "fraction", MetricKind::kRatio, Better::kHigher,
              "Σ busy_core_h / Σ paid_core_h",
              [](const RunMetrics& m) { return m.busy_core_s; }, [](const RunMetrics& m) { return m.paid_core_s; }},
    MetricDef{"cluster_starts", "capacity", "count", MetricKind::kValue, Better::kLower,
              "cluster instances started (a job cluster lost and replaced counts twice)",
              [](const RunMetrics& m) { return double(m.cluster_starts); }},
    MetricDef{"attempts", "failure", "count", MetricKind::kValue, Better::kLower, "work attempts started",
              [](const RunMetrics& m) { return double(m.attempts); }},
    MetricDef{"retries", "failure", "count", MetricKind::kValue, Better::kLower,
              "attempts re-executed: attempts − tasks attempted",
              [](const RunMetrics& m) { return double(m.attempts - m.tasks_attempted); }},
    MetricDef{"failed_attempts", "failure", "count", MetricKind::kValue, Better::kLower,
              "attempts that ended in failure (task error, timeout, cluster loss, launch failure, preemption)",
              [](const RunMetrics& m) { return double(m.failed_attempts); }},
    MetricDef{"wasted_core_h", "failure", "core-h", MetricKind::kValue, Better::kLower,
              "core-hours given to attempts that failed", [](const RunMetrics& m) { return m.wasted_core_s / kHour; }},
    MetricDef{"faults", "failure", "count", MetricKind::kValue, Better::kLower,
              "incidents: each failed attempt is one, except that infrastructure failures on the same cluster "
              "at the same instant (a driver crash) are one incident together",
              [](const RunMetrics& m) { return double(m.faults); }},
    MetricDef{"tasks_hit", "failure", "count", MetricKind::kValue, Better::kLower,
              "Σ over faults of the distinct tasks each one failed", [](const RunMetrics& m) { return double(m.tasks_hit); }},
    MetricDef{"blast_radius", "failure", "tasks/fault", MetricKind::kRatio, Better::kLower,
              "Σ tasks_hit / Σ faults: tasks hit per fault",
              [](const RunMetrics& m) { return double(m.tasks_hit); }, [](const RunMetrics& m) { return double(m.faults); }},
    MetricDef{"time_to_recover_min", "failure", "min", MetricKind::kRatio, Better::kLower,
              "over faults whose every hit task later succeeded: mean time from the fault to the last of them "
              "succeeding",
              [](const RunMetrics& m) { return m.recovery_s / kMin; },
              [](const RunMetrics& m) { return double(m.recovered_faults); }},
    MetricDef{"faults_injected", "failure", "count", MetricKind::kValue, Better::kNeither,
              "faults the world injected (crashes, spot losses, launch failures, task errors…), including "
              "those that hit no running task",
              [](const RunMetrics& m) { return double(m.faults_injected); }},
    MetricDef{"alerts", "failure", "count", MetricKind::kValue, Better::kLower,
              "failure and retry alerts sent, after de-duplication and rate limits",
              [](const RunMetrics& m) { return double(m.alerts); }},
    MetricDef{"alerts_per_incident", "failure", "alerts/fault", MetricKind::kRatio, Better::kLower,
              "Σ alerts / Σ faults", [](const RunMetrics& m) { return double(m.alerts); },
              [](const RunMetrics& m) { return double(m.faults); }},
    MetricDef{"rollbacks", "failure", "count", MetricKind::kValue, Better::kLower,
              "rollbacks the engine started (tables restored to their last known good version)",
              [](const RunMetrics& m) { return double(m.rollbacks); }},
    MetricDef{"alerts_suppressed", "failure", "count", MetricKind::kValue, Better::kNeither,
              "alerts of any kind that were due but held back by the de-duplication window or the rate limit",
              [](const RunMetrics& m) { return double(m.alerts_suppressed); }},
    MetricDef{"tables_restored", "failure", "count", MetricKind::kValue, Better::kLower,
              "table RESTOREs done by rollbacks (one per table and rolled-back run)",
              [](const RunMetrics& m) { return double(m.tables_restored); }},
    MetricDef{"rollback_min", "failure", "min", MetricKind::kValue, Better::kLower,
              "sum over rollbacks of the time from the rollback's start to its run's end (restores)",
              [](const RunMetrics& m) { return m.rollback_s / kMin; }},
    MetricDef{"p_success", "failure", "probability", MetricKind::kProportion, Better::kHigher,
              "share of runs ending SUCCESS", [](const RunMetrics& m) { return m.outcome == JobResult::kSuccess ? 1.0 : 0.0; }},
    MetricDef{"p_success_with_failures", "failure", "probability", MetricKind::kProportion, Better::kLower,
              "share of runs ending SUCCESS_WITH_FAILURES",
              [](const RunMetrics& m) { return m.outcome == JobResult::kSuccessWithFailures ? 1.0 : 0.0; }},
    MetricDef{"p_failed", "failure", "probability", MetricKind::kProportion, Better::kLower,
              "share of runs ending in any other result (FAILED, TIMEDOUT, CANCELED…)",
              [](const RunMetrics& m) {
                return m.outcome == JobResult::kSuccess || m.outcome == JobResult::kSuccessWithFailures ? 0.0 : 1.0;
              }},
    MetricDef{"jobs", "orchestration", "count", MetricKind::kValue, Better::kLower, "jobs in the deployment",
              [](const RunMetrics& m) { return double(m.jobs); }},
    MetricDef{"clusters", "orchestration", "count", MetricKind::kValue, Better::kLower,
              "cluster definitions (computes) in the deployment", [](const RunMetrics& m) { return double(m.clusters); }},
    MetricDef{"cross_job_edges", "orchestration", "count", MetricKind::kValue, Better::kLower,
              "run_job triggers and the dependencies between them: edges configured across jobs",
              [](const RunMetrics& m) { return double(m.cross_job_edges); }},
    MetricDef{"preferred_node_share", "flexibility", "fraction", MetricKind::kRatio, Better::kHigher,
              "Σ tasks placed on their preferred node type / Σ workload tasks (a task without a preference "
              "counts as placed well)",
              [](const RunMetrics& m) { return double(m.tasks_on_preferred_node); },
              [](const RunMetrics& m) { return double(m.workload_tasks); }},
    MetricDef{"orchestration_items", "orchestration", "count", MetricKind::kValue, Better::kLower,
              "jobs + clusters + cross_job_edges: the things to configure and monitor",
              [](const RunMetrics& m) { return double(m.jobs + m.clusters + m.cross_job_edges); }},
};

// Failures that end every attempt on the cluster at once, so that they count as one incident.
bool cluster_wide(FailureKind kind) {
  return kind == FailureKind::kClusterLost || kind == FailureKind::kLaunchFailure || kind == FailureKind::kPreempted;
}

// The instance of `compute` an attempt started at `at` used: instances of one compute never
// overlap, so it is the last one requested at or before `at`.
std::optional<std::uint32_t> instance_at(const std::vector<ClusterInstance>& instances, ComputeId compute,
                                         SimTime at) {
  std::optional<std::uint32_t> found;
  for (std::uint32_t i = 0; i < instances.size(); ++i) {
    if (instances[i].compute == compute && instances[i].requested <= at) found = i;
  }
  return found;
}

}  // namespace

std::optional<double> MetricDef::of(const RunMetrics& m) const {
  if (kind != MetricKind::kRatio) return value(m);
  const double d = denominator(m);
  if (d == 0) return std::nullopt;
  return value(m) / d;
}

std::span<const MetricDef> metric_catalog() { return kCatalog; }

const MetricDef& metric(std::string_view id) {
  for (const auto& m : kCatalog) {
    if (m.id == id) return m;
  }
  ORCHSIM_CHECK(false, "unknown metric '{}'", id);
  return kCatalog[0];
}

void MetricsCollector::on_event(const EngineEvent& e) {
  if (const auto* s = std::get_if<RunStarted>(&e.body)) {
    if (runs_.size() <= s->run.index()) runs_.resize(s->run.index() + 1);
    runs_[s->run.index()] = {s->job, e.time, e.time, JobResult::kNone};
  } else if (const auto* f = std::get_if<RunFinished>(&e.body)) {
    runs_[f->run.index()].finished = e.time;
    runs_[f->run.index()].result = f->result;
  } else if (const auto* a = std::get_if<AttemptStarted>(&e.body)) {
    if (attempts_.size() <= a->attempt.index()) attempts_.resize(a->attempt.index() + 1);
    attempts_[a->attempt.index()] = {a->run, a->task, a->compute, e.time, {}, {}, {}};
  } else if (const auto* r = std::get_if<AttemptRunning>(&e.body)) {
    attempts_[r->attempt.index()].running = e.time;
  } else if (const auto* d = std::get_if<AttemptFinished>(&e.body)) {
    attempts_[d->attempt.index()].finished = e.time;
    attempts_[d->attempt.index()].result = d->result;
  } else if (const auto* t = std::get_if<TaskFinished>(&e.body)) {
    task_ends_.push_back({t->run, t->task, e.time, t->result});
  } else if (const auto* alert = std::get_if<AlertRaised>(&e.body)) {
    if (alert->alert.kind == AlertKind::kFailure || alert->alert.kind == AlertKind::kRetry) ++alerts_;
  } else if (std::holds_alternative<RollbackStarted>(e.body)) {
    ++rollbacks_;
  }
  if (next_ != nullptr) next_->on_event(e);
}

RunMetrics MetricsCollector::finish(const models::Deployment& deployment, std::size_t workload_tasks,
                                    const ClusterWorld& world, SimTime end, RunId entry) const {
  ORCHSIM_CHECK(entry.index() < runs_.size(), "metrics: the entry run never started");
  RunMetrics m;
  const RunRecord& run = runs_[entry.index()];
  m.outcome = run.result;
  m.makespan_s = (run.finished - run.started).to_seconds();
  m.jobs = static_cast<std::uint32_t>(deployment.jobs.size());
  m.clusters = static_cast<std::uint32_t>(deployment.computes.size());
  m.cross_job_edges = static_cast<std::uint32_t>(deployment.cross_job_edges());
  m.task_cost_usd.assign(workload_tasks, 0.0);
  m.workload_tasks = static_cast<std::uint32_t>(workload_tasks);
  for (std::uint8_t on : deployment.on_preferred_node) m.tasks_on_preferred_node += on;
  m.alerts = alerts_;
  m.rollbacks = rollbacks_;
  m.faults_injected = static_cast<std::uint32_t>(world.faults().size());
  m.compute_cost_usd.assign(deployment.computes.size(), 0.0);

  // Cluster instances: bills, paid capacity, and each instance's $ per paid core-second.
  const auto& instances = world.instances();
  std::vector<double> usd_per_core_s(instances.size(), 0.0);
  for (std::uint32_t i = 0; i < instances.size(); ++i) {
    const ClusterInstance& c = instances[i];
    const InstanceBill bill = world.bill_of(i, end);
    m.vm_usd += bill.startup.vm_usd + bill.up.vm_usd;
    m.dbu_usd += bill.startup.dbu_usd + bill.up.dbu_usd;
    m.startup_usd += bill.startup.total();
    m.compute_cost_usd[c.compute.index()] += bill.startup.total() + bill.up.total();
    ++m.cluster_starts;
    // Integrated by the world: worker counts change with autoscaling and spot losses.
    const double paid = c.worker_core_seconds;
    m.paid_core_s += paid;
    m.busy_core_s += c.busy_core_seconds;
    if (paid > 0) {
      usd_per_core_s[i] = bill.up.total() / paid;
      m.idle_usd += bill.up.total() * std::max(0.0, 1.0 - c.busy_core_seconds / paid);
    } else {
      m.idle_usd += bill.up.total();
    }
  }
  // Instance-pool VMs held idle: VM cost, and idle by definition.
  const double pool_idle = world.pool_idle_usd(end);
  m.vm_usd += pool_idle;
  m.idle_usd += pool_idle;

  // Attempts: time split, attribution, waste; and the intervals for startup_blocked.
  struct Edge {
    SimTime at;
    int starting;
    int executing;
  };
  std::vector<Edge> edges;
  for (std::uint32_t i = 0; i < instances.size(); ++i) {
    if (!instances[i].up) continue;
    edges.push_back({instances[i].requested, +1, 0});
    edges.push_back({*instances[i].up, -1, 0});
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> by_task;  // ((run, task), attempt) for retries
  for (std::uint32_t id = 0; id < attempts_.size(); ++id) {
    const Attempt& a = attempts_[id];
    ++m.attempts;
    by_task.emplace_back((std::uint64_t(a.run.value()) << 32) | a.task.value(), id);
    const SimTime finished = a.finished.value_or(end);
    const SimTime wait_end = a.running.value_or(finished);
    const auto instance = instance_at(instances, a.compute, a.started);
    const SimTime up = instance && instances[*instance].up ? *instances[*instance].up : SimTime::max();
    if (up > a.started) m.setup_s += (std::min(up, wait_end) - a.started).to_seconds();
    if (up < wait_end) m.queue_s += (wait_end - std::max(a.started, up)).to_seconds();
    if (a.running) {
      m.execution_s += (finished - *a.running).to_seconds();
      edges.push_back({*a.running, 0, +1});
      edges.push_back({finished, 0, -1});
    }
    m.shared_s += world.shared_seconds_of(AttemptId(id));
    const double core_s = world.core_seconds_of(AttemptId(id));
    const double usd = instance ? core_s * usd_per_core_s[*instance] : 0.0;
    const JobId job = runs_[a.run.index()].job;
    const TaskId work = deployment.work[job.index()][a.task.index()];
    if (work.valid()) m.task_cost_usd[work.index()] += usd;
    if (a.finished && !a.result.succeeded) {
      ++m.failed_attempts;
      m.wasted_core_s += core_s;
      m.wasted_usd += usd;
    }
  }
  std::sort(by_task.begin(), by_task.end());
  for (std::size_t i = 0; i < by_task.size(); ++i) {
    if (i == 0 || by_task[i].first != by_task[i - 1].first) {
      ++m.tasks_attempted;
      continue;
    }
    const Attempt& previous = attempts_[by_task[i - 1].second];
    if (previous.finished) m.retry_wait_s += (attempts_[by_task[i].second].started - *previous.finished).to_seconds();
  }

  // Startup-blocked wall-clock time inside the run: sweep the edges in time order.
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) { return x.at < y.at; });
  int starting = 0, executing = 0;
  SimTime last = run.started;
  for (const Edge& e : edges) {
    const SimTime at = std::clamp(e.at, run.started, run.finished);
    if (starting > 0 && executing == 0) m.startup_blocked_s += (at - last).to_seconds();
    last = at;
    starting += e.starting;
    executing += e.executing;
  }

  // Faults: group failed attempts into incidents, then follow each hit task to its end.
  struct Failure {
    SimTime at;
    std::uint32_t group;  // instance + 1 for infrastructure failures, 0 for one-task failures
    std::uint32_t attempt;
  };
  std::vector<Failure> failures;
  for (std::uint32_t id = 0; id < attempts_.size(); ++id) {
    const Attempt& a = attempts_[id];
    if (!a.finished || a.result.succeeded || a.result.failure == FailureKind::kCanceled) continue;
    std::uint32_t group = 0;
    if (cluster_wide(a.result.failure)) {
      if (const auto instance = instance_at(instances, a.compute, a.started)) group = *instance + 1;
    }
    failures.push_back({*a.finished, group, id});
  }
  std::sort(failures.begin(), failures.end(), [](const Failure& x, const Failure& y) {
    return std::tie(x.at, x.group, x.attempt) < std::tie(y.at, y.group, y.attempt);
  });
  auto task_end = [&](RunId r, TaskId t) -> const TaskEnd* {
    const TaskEnd* found = nullptr;
    for (const auto& e : task_ends_) {
      if (e.run == r && e.task == t) found = &e;  // the last end wins (a repair may re-run it)
    }
    return found;
  };
  for (std::size_t i = 0; i < failures.size();) {
    std::size_t j = i + 1;
    while (j < failures.size() && failures[i].group != 0 && failures[j].group == failures[i].group &&
           failures[j].at == failures[i].at) {
      ++j;
    }
    ++m.faults;
    bool recovered = true;
    SimTime last_success = failures[i].at;
    std::vector<std::uint64_t> hit;
    for (std::size_t k = i; k < j; ++k) {
      const Attempt& a = attempts_[failures[k].attempt];
      hit.push_back((std::uint64_t(a.run.value()) << 32) | a.task.value());
      const TaskEnd* e = task_end(a.run, a.task);
      if (e == nullptr || e->result != TaskResult::kSuccess) recovered = false;
      else last_success = std::max(last_success, e->at);
    }
    std::sort(hit.begin(), hit.end());
    m.tasks_hit += static_cast<std::uint32_t>(std::unique(hit.begin(), hit.end()) - hit.begin());
    if (recovered) {
      ++m.recovered_faults;
      m.recovery_s += (last_success - failures[i].at).to_seconds();
    }
    i = j;
  }
  return m;
}

}  // namespace orchsim::sim
