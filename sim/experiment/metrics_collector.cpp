#include "sim/experiment/metrics_collector.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>

#include "engine/alerts.h"
#include "engine/check.h"
#include "sim/experiment/instance_finder.h"
#include "sim/world/cluster_world.h"

namespace orchsim::sim {

namespace {

// Failures that end every attempt on the cluster at once, so that they count as one incident.
bool cluster_wide(FailureKind kind) {
  return kind == FailureKind::kClusterLost || kind == FailureKind::kLaunchFailure || kind == FailureKind::kPreempted;
}

}  // namespace

void MetricsCollector::on_event(const EngineEvent& e) {
  if (const auto* s = std::get_if<RunStarted>(&e.body)) {
    attempts_.set_job(s->run, s->job);
    if (!s->parent.valid()) runs_[s->run.value()] = {s->job, e.time, e.time, JobResult::kNone, true};
  } else if (const auto* f = std::get_if<RunFinished>(&e.body)) {
    // A run skipped by max_concurrent_runs finishes without starting.
    const bool begun = attempts_.job_of(f->run).valid();
    attempts_.set_job(f->run, f->job);
    auto it = runs_.find(f->run.value());
    if (!begun) {
      it = runs_.emplace(f->run.value(), RunRecord{f->job, e.time, e.time, JobResult::kNone, false}).first;
    }
    if (it != runs_.end()) {
      it->second.finished = e.time;
      it->second.result = f->result;
    }
  } else if (const auto* a = std::get_if<AttemptStarted>(&e.body)) {
    attempts_.start(a->attempt, a->run, a->task, a->compute, a->iteration ? *a->iteration + 1 : 0, a->number, e.time);
  } else if (const auto* r = std::get_if<AttemptRunning>(&e.body)) {
    attempts_.running(r->attempt, e.time);
    if (executing_++ == 0) busy_.push_back(e.time);
  } else if (const auto* d = std::get_if<AttemptFinished>(&e.body)) {
    if (attempts_.running(d->attempt.value()) && --executing_ == 0) busy_.push_back(e.time);
    attempts_.finished(d->attempt, e.time, d->result);
    if (!d->result.succeeded && d->result.failure != FailureKind::kCanceled) {
      failed_tasks_.insert(key(attempts_.run(d->attempt.value()), attempts_.task(d->attempt.value())));
    }
  } else if (const auto* t = std::get_if<TaskFinished>(&e.body)) {
    if (t->result != TaskResult::kSuccess || failed_tasks_.contains(key(t->run, t->task))) {
      task_ends_.push_back({t->run, t->task, e.time, t->result});
    }
  } else if (const auto* alert = std::get_if<AlertRaised>(&e.body)) {
    if (alert->alert.kind == AlertKind::kFailure || alert->alert.kind == AlertKind::kRetry) ++alerts_;
  } else if (std::holds_alternative<RollbackStarted>(e.body)) {
    ++rollbacks_;
  }
  if (next_ != nullptr) next_->on_event(e);
}

RunMetrics MetricsCollector::finish(const models::Deployment& deployment, std::size_t workload_tasks,
                                    const ClusterWorld& world, SimTime end, RunId entry) const {
  const auto entry_run = runs_.find(entry.value());
  ORCHSIM_CHECK(entry_run != runs_.end(), "metrics: the entry run never started");
  RunMetrics m;
  const RunRecord& run = entry_run->second;
  m.outcome = run.result;
  m.makespan_s = (run.finished - run.started).to_seconds();
  // A synthetic entry (independent jobs compared together) is no job the user deploys.
  m.jobs = static_cast<std::uint32_t>(deployment.jobs.size() - (deployment.synthetic_entry ? 1 : 0));
  m.clusters = static_cast<std::uint32_t>(deployment.computes.size());
  m.cross_job_edges = static_cast<std::uint32_t>(deployment.cross_job_edges());
  m.task_cost_usd.assign(workload_tasks, 0.0);
  m.workload_tasks = static_cast<std::uint32_t>(workload_tasks);
  for (std::uint8_t on : deployment.on_preferred_node) m.tasks_on_preferred_node += on;
  m.alerts = alerts_;
  m.rollbacks = rollbacks_;
  m.faults_injected = static_cast<std::uint32_t>(world.faults().size());
  m.compute_cost_usd.assign(deployment.computes.size(), 0.0);

  add_bills(deployment, world, end, m);
  add_pools(deployment, world, end, m);
  add_attempts(deployment, world, end, m);
  add_task_costs(deployment, world, m);
  add_retry_waits(m);
  m.startup_blocked_s = startup_blocked_s(world, end, run);
  add_faults(world, m);
  return m;
}

// The core-seconds an instance billed the run for. Classic: worker cores × up-time, integrated by
// the world (worker counts change with autoscaling and spot losses). Serverless: its task's cores
// while up. An all-purpose cluster billed by use: the core-seconds the run held, no more.
double MetricsCollector::paid_core_seconds(const models::ClusterTemplate& t, const ClusterInstance& c, SimTime end) {
  if (t.billed_by_use()) return c.busy_core_seconds;
  if (t.billing_sku() != models::Sku::kServerless) return c.worker_core_seconds;
  if (!c.up) return 0;
  return c.task_cores * (c.terminated.value_or(std::max(end, *c.up)) - *c.up).to_seconds();
}

// What an instance's up time cost per paid core-second (0 if none was paid), which failed
// attempts are charged at (wasted_usd). Worked out again per failed attempt rather than kept for
// every instance (8 bytes an instance, one per task under multi_job).
double MetricsCollector::usd_per_core_s(const models::Deployment& deployment, const ClusterWorld& world,
                                        std::uint32_t instance, SimTime end) {
  const ClusterInstance& c = world.instances()[instance];
  const double paid = paid_core_seconds(deployment.computes[c.compute.index()].cluster(), c, end);
  return paid > 0 ? world.bill_of(instance, end).up.total() / paid : 0.0;
}

// Cluster instances: bills and paid capacity.
void MetricsCollector::add_bills(const models::Deployment& deployment, const ClusterWorld& world, SimTime end,
                                 RunMetrics& m) const {
  const auto& instances = world.instances();
  for (std::uint32_t i = 0; i < instances.size(); ++i) {
    const ClusterInstance& c = instances[i];
    const InstanceBill bill = world.bill_of(i, end);
    m.vm_usd += bill.startup.vm_usd + bill.up.vm_usd;
    m.dbu_usd += bill.startup.dbu_usd + bill.up.dbu_usd;
    m.startup_usd += bill.startup.total();
    m.compute_cost_usd[c.compute.index()] += bill.startup.total() + bill.up.total();
    ++m.cluster_starts;
    const double paid = paid_core_seconds(deployment.computes[c.compute.index()].cluster(), c, end);
    m.paid_core_s += paid;
    m.busy_core_s += c.busy_core_seconds;
    if (paid > 0) {
      m.idle_usd += bill.up.total() * std::max(0.0, 1.0 - c.busy_core_seconds / paid);
    } else {
      m.idle_usd += bill.up.total();
    }
  }
}

// Instance pools: VMs held idle above min_idle (idle by definition) and the run's share of the
// min_idle ones (pool standing), both VM cost, billed to the computes drawing from the pool in equal
// parts so that the per-cluster costs sum to cost_usd.
void MetricsCollector::add_pools(const models::Deployment& deployment, const ClusterWorld& world, SimTime end,
                                 RunMetrics& m) const {
  for (std::uint32_t p = 0; p < deployment.pools.size(); ++p) {
    const double idle = world.pool_idle_usd(p, end);
    const double standing = world.pool_standing_usd(p);
    m.vm_usd += idle + standing;
    m.idle_usd += idle;
    m.pool_standing_usd += standing;
    const auto users = static_cast<double>(
        std::count_if(deployment.computes.begin(), deployment.computes.end(), [&](const auto& c) { return c.pool == p; }));
    for (std::size_t c = 0; c < deployment.computes.size(); ++c) {
      if (deployment.computes[c].pool == p) m.compute_cost_usd[c] += (idle + standing) / users;
    }
  }
}

// Every compute's whole cost (compute_cost_usd: startup, idle and pool shares included) goes to the
// workload tasks that ran on it, by the core-seconds their attempts held there (by attempts where
// none held any), so that the per-task costs sum to cost_usd too. What no attempt reached (an
// all-purpose cluster billed as dedicated that no task used) is spread over the tasks like the rest.
// `for_each_share(f)` calls f(compute, task, core_s) for each attempt of a workload task on a
// compute, in AttemptId order, and is called three times rather than keeping 16 bytes an attempt.
// One number per compute: the core-seconds its attempts held, or, where they held none, minus
// their count (shares are never negative, so a compute no attempt reached stays at 0).
template <class ForEachShare>
void MetricsCollector::attribute_to_tasks(const ForEachShare& for_each_share, RunMetrics& m) {
  std::vector<double> core_s(m.compute_cost_usd.size(), 0.0);
  for_each_share([&](std::uint32_t compute, std::uint32_t, double share_core_s) { core_s[compute] += share_core_s; });
  for_each_share([&](std::uint32_t compute, std::uint32_t, double) {
    if (core_s[compute] <= 0) core_s[compute] -= 1;
  });
  double unreached = 0;
  for (std::size_t c = 0; c < core_s.size(); ++c) {
    if (core_s[c] == 0) unreached += m.compute_cost_usd[c];
  }
  for_each_share([&](std::uint32_t compute, std::uint32_t task, double share_core_s) {
    const double cost = m.compute_cost_usd[compute];
    m.task_cost_usd[task] += core_s[compute] > 0 ? cost * share_core_s / core_s[compute] : cost / -core_s[compute];
  });
  if (unreached == 0 || m.task_cost_usd.empty()) return;
  double reached = 0;
  for (const double c : m.task_cost_usd) reached += c;
  const double n = static_cast<double>(m.task_cost_usd.size());
  for (double& c : m.task_cost_usd) c += reached > 0 ? unreached * c / reached : unreached / n;
}

// Attempts: the time split and the waste of failures.
void MetricsCollector::add_attempts(const models::Deployment& deployment, const ClusterWorld& world, SimTime end,
                                    RunMetrics& m) const {
  const auto& instances = world.instances();
  const InstanceFinder finder(instances);
  for (std::uint32_t id = 0; id < attempts_.size(); ++id) {
    ++m.attempts;
    const SimTime started = attempts_.started(id);
    const std::optional<SimTime> running = attempts_.running(id);
    const std::optional<SimTime> finished_at = attempts_.finished(id);
    const SimTime finished = finished_at.value_or(end);
    const SimTime wait_end = running.value_or(finished);
    const auto instance = finder.at(attempts_.compute(id), attempts_.run(id), started);
    const SimTime up = instance && instances[*instance].up ? *instances[*instance].up : SimTime::max();
    if (up > started) m.setup_s += (std::min(up, wait_end) - started).to_seconds();
    if (up < wait_end) m.queue_s += (wait_end - std::max(started, up)).to_seconds();
    if (running) m.execution_s += (finished - *running).to_seconds();
    m.shared_s += world.shared_seconds_of(AttemptId(id));
    const double core_s = world.core_seconds_of(AttemptId(id));
    if (finished_at && !attempts_.result(id).succeeded) {
      ++m.failed_attempts;
      m.wasted_core_s += core_s;
      m.wasted_usd += instance ? core_s * usd_per_core_s(deployment, world, *instance, end) : 0.0;
    }
  }
}

// The attribution of core-seconds to tasks. Apart from add_attempts, so that its instance finder
// is freed before the per-compute array here is made.
void MetricsCollector::add_task_costs(const models::Deployment& deployment, const ClusterWorld& world,
                                      RunMetrics& m) const {
  attribute_to_tasks(
      [&](const auto& f) {
        for (std::uint32_t id = 0; id < attempts_.size(); ++id) {
          const ComputeId compute = attempts_.compute(id);
          const TaskId work = deployment.work[attempts_.job_of(attempts_.run(id)).index()][attempts_.task(id).index()];
          if (work.valid() && compute.valid()) f(compute.value(), work.value(), world.core_seconds_of(AttemptId(id)));
        }
      },
      m);
}

// Units attempted (a task, or one for_each iteration: iterations are not retries of each other),
// and the waits between a failed attempt's end and the same unit's next start.
// Attempt ids sorted by ((run, task), unit, id): 4 bytes an attempt, the sort key read from the log.
void MetricsCollector::add_retry_waits(RunMetrics& m) const {
  const auto unit_of = [this](std::uint32_t id) {
    return std::pair(key(attempts_.run(id), attempts_.task(id)), attempts_.unit(id));
  };
  std::vector<std::uint32_t> by_unit(attempts_.size());
  for (std::uint32_t id = 0; id < by_unit.size(); ++id) by_unit[id] = id;
  std::sort(by_unit.begin(), by_unit.end(),
            [&](std::uint32_t x, std::uint32_t y) { return std::pair(unit_of(x), x) < std::pair(unit_of(y), y); });
  for (std::size_t i = 0; i < by_unit.size(); ++i) {
    if (i == 0 || unit_of(by_unit[i]) != unit_of(by_unit[i - 1])) {
      ++m.tasks_attempted;
      continue;
    }
    if (const auto previous_end = attempts_.finished(by_unit[i - 1])) {
      m.retry_wait_s += (attempts_.started(by_unit[i]) - *previous_end).to_seconds();
    }
  }
}

// Wall-clock time inside the run during which some cluster was starting and no attempt executed:
// a sweep over the start/up and executing/executed edges in time order. Each edge is one integer,
// its time in the run (clamped to it) above two bits saying what it is. The edges come merged
// from three streams already in time order: the busy spells' ends (busy_, kept as the run went),
// the instances' requests (made in time order) and their up times (sorted here, 4 bytes an
// instance). Edges at one instant may come in any order: the time between them is zero, so only
// the counts after the last one matter; for the same reason an attempt's edges inside a busy spell
// change nothing and are not needed.
double MetricsCollector::startup_blocked_s(const ClusterWorld& world, SimTime end, const RunRecord& run) const {
  enum Edge : std::uint64_t { kStarting, kUp, kExecuting, kExecuted };
  const auto edge = [&run](SimTime at, Edge kind) {
    const std::int64_t offset = (std::clamp(at, run.started, run.finished) - run.started).micros();
    ORCHSIM_CHECK(offset >= 0 && offset < (std::int64_t{1} << 61), "run too long for startup_blocked_s");
    return (static_cast<std::uint64_t>(offset) << 2) | kind;
  };
  const auto& instances = world.instances();
  std::vector<std::uint32_t> by_up;  // the instances that came up, by up time
  by_up.reserve(instances.size());
  for (std::uint32_t i = 0; i < instances.size(); ++i) {
    if (instances[i].up) by_up.push_back(i);
  }
  std::sort(by_up.begin(), by_up.end(), [&](std::uint32_t x, std::uint32_t y) { return *instances[x].up < *instances[y].up; });
  // Attempts still executing at the end (none, once the run is over) execute until then.
  const std::size_t busy_edges = busy_.size() + busy_.size() % 2;
  std::size_t next_busy = 0, next_requested = 0, next_up = 0;
  const auto skip_not_up = [&] {
    while (next_requested < instances.size() && !instances[next_requested].up) ++next_requested;
  };
  const auto next_edge = [&]() -> std::optional<std::uint64_t> {
    skip_not_up();
    std::optional<std::uint64_t> e[3];
    if (next_busy < busy_edges) {
      e[0] = edge(next_busy < busy_.size() ? busy_[next_busy] : end, next_busy % 2 == 0 ? kExecuting : kExecuted);
    }
    if (next_requested < instances.size()) e[1] = edge(instances[next_requested].requested, kStarting);
    if (next_up < by_up.size()) e[2] = edge(*instances[by_up[next_up]].up, kUp);
    std::size_t first = 3;
    for (std::size_t k = 0; k < 3; ++k) {
      if (e[k] && (first == 3 || (*e[k] >> 2) < (*e[first] >> 2))) first = k;
    }
    if (first == 3) return std::nullopt;
    ++(first == 0 ? next_busy : first == 1 ? next_requested : next_up);
    return e[first];
  };
  double blocked_s = 0;
  int starting = 0, executing = 0;
  std::uint64_t last = 0;
  while (const auto e = next_edge()) {
    const std::uint64_t at = *e >> 2;
    ORCHSIM_CHECK(at >= last, "startup_blocked_s: edges out of time order");
    if (starting > 0 && executing == 0) blocked_s += Duration::micros(static_cast<std::int64_t>(at - last)).to_seconds();
    last = at;
    switch (static_cast<Edge>(*e & 3)) {
      case kStarting: ++starting; break;
      case kUp: --starting; break;
      case kExecuting: ++executing; break;
      case kExecuted: --executing; break;
    }
  }
  return blocked_s;
}

// The last end of `task` in `run` (a repair may re-run it); null when it never ended.
MetricsCollector::TaskEndIndex MetricsCollector::task_end_index() const {
  TaskEndIndex index;
  index.reserve(task_ends_.size());
  for (std::uint32_t i = 0; i < task_ends_.size(); ++i) {
    index.emplace_back((std::uint64_t(task_ends_[i].run.value()) << 32) | task_ends_[i].task.value(), i);
  }
  std::sort(index.begin(), index.end());
  return index;
}

const MetricsCollector::TaskEnd* MetricsCollector::task_end(const TaskEndIndex& index, RunId run, TaskId task) const {
  const std::uint64_t key = (std::uint64_t(run.value()) << 32) | task.value();
  const auto it = std::upper_bound(index.begin(), index.end(), std::pair{key, UINT32_MAX});
  if (it == index.begin() || (it - 1)->first != key) return nullptr;
  return &task_ends_[(it - 1)->second];
}

// Faults: group failed attempts into incidents, then follow each hit task to its end.
void MetricsCollector::add_faults(const ClusterWorld& world, RunMetrics& m) const {
  struct Failure {
    SimTime at;
    std::uint32_t group;  // instance + 1 for infrastructure failures, 0 for one-task failures
    std::uint32_t attempt;
  };
  std::vector<Failure> failures;
  const InstanceFinder finder(world.instances());
  for (std::uint32_t id = 0; id < attempts_.size(); ++id) {
    const std::optional<SimTime> finished = attempts_.finished(id);
    const AttemptResult result = attempts_.result(id);
    if (!finished || result.succeeded || result.failure == FailureKind::kCanceled) continue;
    std::uint32_t group = 0;
    if (cluster_wide(result.failure)) {
      if (const auto instance = finder.at(attempts_.compute(id), attempts_.run(id), attempts_.started(id))) {
        group = *instance + 1;
      }
    }
    failures.push_back({*finished, group, id});
  }
  std::sort(failures.begin(), failures.end(), [](const Failure& x, const Failure& y) {
    return std::tie(x.at, x.group, x.attempt) < std::tie(y.at, y.group, y.attempt);
  });
  const TaskEndIndex ends = failures.empty() ? TaskEndIndex{} : task_end_index();
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
      const RunId run = attempts_.run(failures[k].attempt);
      const TaskId task = attempts_.task(failures[k].attempt);
      hit.push_back(key(run, task));
      const TaskEnd* e = task_end(ends, run, task);
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
}

}  // namespace orchsim::sim
