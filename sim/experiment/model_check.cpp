#include "sim/experiment/model_check.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <queue>
#include <set>

#include <fmt/format.h>

#include "engine/check.h"
#include "models/analytic.h"
#include "sim/experiment/metric_summary.h"
#include "sim/experiment/summary.h"

namespace orchsim::sim {

namespace {

namespace an = models::analytic;
using models::ComputeSpec;
using models::Distribution;

// Where each workload task runs, from the deployment (condition tasks run nowhere).
struct Placement {
  const ComputeSpec* compute = nullptr;
  JobId job;
  bool child = false;  // in a job other than the entry job: its run starts a trigger latency late
};

// One pass over the deployment's jobs: the compute, job and latency of each workload task.
struct Layout {
  std::vector<Placement> tasks;
  Duration trigger_latency = Duration::zero();
  bool grouped = false;  // some child job runs more than one workload task
};

Layout layout(const models::Deployment& d, std::size_t n) {
  Layout out;
  out.tasks.resize(n);
  for (std::size_t j = 0; j < d.jobs.size(); ++j) {
    const JobSpec& job = d.jobs[j];
    std::size_t work = 0;
    for (std::size_t t = 0; t < job.tasks.size(); ++t) {
      const TaskSpec& spec = job.tasks[t];
      if (spec.kind == TaskKind::kRunJob) out.trigger_latency = spec.trigger_latency;
      const TaskId w = d.work[j][t];
      if (!w.valid()) continue;
      ++work;
      Placement& p = out.tasks[w.index()];
      p.job = JobId(static_cast<std::uint32_t>(j));
      p.child = JobId(static_cast<std::uint32_t>(j)) != d.entry;
      if (const ComputeId c = job.tasks.compute(t); c.valid()) p.compute = &d.computes[c.index()];
    }
    if (JobId(static_cast<std::uint32_t>(j)) != d.entry && work > 1) out.grouped = true;
  }
  return out;
}

bool per_attempt(const ComputeSpec& c) { return c.traits().per_attempt; }

const Distribution& startup_of(const ComputeSpec& c) { return c.startup(); }

// The smallest value a distribution can draw (draws below 0 clamp to 0).
double smallest(const Distribution& d) {
  switch (d.kind()) {
    case Distribution::Kind::kFixed: return std::max(0.0, d.quantile(0.5));
    case Distribution::Kind::kUniform:
    case Distribution::Kind::kEmpirical: return std::max(0.0, d.quantile(DBL_MIN));
    case Distribution::Kind::kExponential:
    case Distribution::Kind::kLognormal: return 0;
  }
  return 0;
}

// The least time before a cluster of `c` is up once asked for (an all-purpose one is up already;
// a pool-backed one may start warm).
double startup_floor_s(const ComputeSpec& c, const std::vector<models::PoolSpec>& pools) {
  if (c.traits().up_at_start) return 0;
  double s = smallest(startup_of(c));
  if (c.pool) s = std::min(s, smallest(pools[*c.pool].warm_start));
  return s;
}

// Worker cores and memory an attempt can use on `c` at its starting size.
double core_capacity(const ComputeSpec& c) {
  const bool single_node = c.shape.workers == 0 && !c.cluster().autoscale;
  double cores = (single_node ? 1 : c.shape.workers) * c.shape.node->vcpus;
  if (c.traits().shared_with_other_users) cores *= 1 - c.cluster().noisy_neighbour_load;
  return cores;
}
double memory_capacity(const ComputeSpec& c) {
  const bool single_node = c.shape.workers == 0 && !c.cluster().autoscale;
  return (single_node ? 1 : c.shape.workers) * c.shape.node->mem_gib;
}

// Running time of one attempt with all its cores: (duration + its gate's duration) × mismatch
// slowdown / node speed (sim/world runs a gate as more work).
double run_time_s(const models::WorkloadTask& t, const ComputeSpec& c, const models::WorldModel& world) {
  const auto& preferred = t.placement->preferred_node_type;
  const double mismatch = preferred && *preferred != c.shape.node->name ? world.mismatch_slowdown : 1.0;
  const Duration work = t.duration + (t.writes->gate ? t.writes->gate->duration : Duration::zero());
  return work.to_seconds() * mismatch / c.shape.node->speed;
}

// Whether a task's attempt may fail by itself: its own failures or its quality gate.
bool may_fail(const models::WorkloadTask& t) {
  return t.failure_probability > 0 || t.rare->permanent_failure_probability > 0 || t.rare->failure_rate_per_hour > 0 ||
         (t.writes->gate && t.writes->gate->failure_probability > 0);
}

// A task that runs in every successful run: not a condition, not disabled nor below a disabled task
// (a disabled parent can make it DISABLED), not gated on a condition's branch or on failures, and not
// below tasks that may all be excluded.
std::vector<bool> surely_runs(const models::Workload& w, const Dag& dag) {
  std::vector<bool> runs(w.tasks.size(), false);
  std::vector<bool> below_disabled(w.tasks.size(), false);
  for (TaskId t : dag.topological_order()) {
    const auto& task = w.tasks[t.index()];
    const auto ups = dag.upstream(t);
    below_disabled[t.index()] =
        task.disabled || std::any_of(ups.begin(), ups.end(), [&](TaskId u) { return below_disabled[u.index()]; });
    bool ok = !task.is_condition() && !below_disabled[t.index()] && task.run_if != RunIf::kAtLeastOneFailed &&
              task.run_if != RunIf::kAllFailed && task.run_if != RunIf::kAirflowAllFailed &&
              task.run_if != RunIf::kAirflowAllSkipped && !(task.orchestration->for_each && task.orchestration->for_each->inputs == 0);
    for (EdgeGate g : dag.upstream_gates(t)) ok = ok && g == EdgeGate::kNone;
    ok = ok && (ups.empty() || std::any_of(ups.begin(), ups.end(), [&](TaskId u) { return runs[u.index()]; }));
    runs[t.index()] = ok;
  }
  return runs;
}

struct Schedule {
  std::vector<double> ready_s, start_s, finish_s;
  double makespan_s = 0;
};

// Earliest start and finish of every task when each waits only for its upstream tasks, its job's
// trigger latency and its cluster's startup (`startup_s` per compute), and then runs for
// `busy_s` (dispatch overhead + running time): a lower bound on any run in which every task in
// `runs` succeeds, and the exact schedule when nothing varies, fails or contends. A job cluster is
// up `startup_s` after its first task asks for it: tasks are taken in order of the time they are
// ready (a task is ready no earlier than the ones it waits for), so the first of a cluster's
// tasks taken is the one that starts it, and each task is handled once.
Schedule earliest_schedule(const Dag& dag, const Layout& lay, const models::Deployment& d, const std::vector<bool>& runs,
                           const std::vector<double>& busy_s, const std::vector<double>& startup_s) {
  const std::size_t n = dag.size();
  const double latency = lay.trigger_latency.to_seconds();
  Schedule s{.ready_s = std::vector<double>(n, 0), .start_s = std::vector<double>(n, 0),
             .finish_s = std::vector<double>(n, 0), .makespan_s = 0};
  std::vector<std::optional<double>> up(d.computes.size());
  std::vector<std::size_t> waiting(n);
  using Ready = std::pair<double, std::uint32_t>;  // (ready time, task): ties in task order
  std::priority_queue<Ready, std::vector<Ready>, std::greater<>> queue;
  for (std::size_t i = 0; i < n; ++i) {
    const TaskId t(static_cast<std::uint32_t>(i));
    s.ready_s[i] = lay.tasks[i].child ? latency : 0;
    waiting[i] = dag.upstream(t).size();
    if (waiting[i] == 0) queue.emplace(s.ready_s[i], t.value());
  }
  while (!queue.empty()) {
    const TaskId t(queue.top().second);
    queue.pop();
    const std::size_t i = t.index();
    const Placement& p = lay.tasks[i];
    double start = s.ready_s[i];
    if (runs[i] && p.compute) {
      const std::size_t c = static_cast<std::size_t>(p.compute - d.computes.data());
      if (per_attempt(*p.compute)) {
        start = s.ready_s[i] + startup_s[c];
      } else if (p.compute->traits().per_run) {
        if (!up[c]) up[c] = std::max(startup_s[c], s.ready_s[i] + startup_s[c]);
        start = std::max(s.ready_s[i], *up[c]);
      }
    }
    s.start_s[i] = start;
    s.finish_s[i] = start + (runs[i] ? busy_s[i] : 0);
    for (TaskId v : dag.downstream(t)) {
      const Placement& q = lay.tasks[v.index()];
      const bool other_job = q.child && p.job != q.job;
      s.ready_s[v.index()] = std::max(s.ready_s[v.index()], s.finish_s[i] + (other_job ? latency : 0));
      if (--waiting[v.index()] == 0) queue.emplace(s.ready_s[v.index()], v.value());
    }
  }
  for (std::size_t i = 0; i < n; ++i) s.makespan_s = std::max(s.makespan_s, s.finish_s[i]);
  return s;
}

// The first infrastructure fault process that can hit this deployment, as a reason ("" if none).
std::string infrastructure_faults(const ScenarioSpec& sc, const models::Deployment& d, const Layout& lay) {
  const models::FaultModel& f = sc.world.faults;
  if (f.driver_crashes_per_hour > 0) return fmt::format("driver crashes ({:g}/h) are configured", f.driver_crashes_per_hour);
  if (f.launch_failure_probability > 0) return "cluster launch failures are configured";
  if (!f.scripted.empty()) return "scripted faults are configured";
  for (const auto& c : d.computes) {
    if (f.spot_losses_per_hour > 0 && (c.cluster().spot_workers || c.cluster().first_on_demand == 0)) {
      return fmt::format("spot losses on {}", d.name_of(c));
    }
  }
  if (sc.world.contention.oom_crashes_per_hour > 0) {
    // Memory can be overcommitted (and the driver OOM) when the tasks a cluster may run at once ask
    // for more than it has: all of a shared one's tasks, or one task of a per-attempt one.
    std::vector<double> sum(d.computes.size(), 0), most(d.computes.size(), 0);
    for (std::size_t i = 0; i < lay.tasks.size(); ++i) {
      if (lay.tasks[i].compute == nullptr) continue;
      const auto c = static_cast<std::size_t>(lay.tasks[i].compute - d.computes.data());
      sum[c] += sc.workload.tasks[i].rare->mem_gib;
      most[c] = std::max(most[c], sc.workload.tasks[i].rare->mem_gib);
    }
    for (std::size_t c = 0; c < d.computes.size(); ++c) {
      if ((per_attempt(d.computes[c]) ? most[c] : sum[c]) > memory_capacity(d.computes[c])) {
        return fmt::format("tasks on {} may overcommit its memory (driver OOM crashes)", d.compute_names[c]);
      }
    }
  }
  return "";
}

// Why the bounded-retry formulas do not apply to this workload and deployment ("" if they do).
std::string retry_model_blocker(const ScenarioSpec& sc, const Dag& dag, const models::Deployment& d, const Layout& lay) {
  if (auto infra = infrastructure_faults(sc, d, lay); !infra.empty()) return infra;
  const models::Workload& w = sc.workload;
  if (w.job.retry_budget) return "a run-wide retry budget couples the tasks' retries";
  if (w.job.timeout) return "a job timeout may cut runs short";
  for (std::size_t i = 0; i < w.tasks.size(); ++i) {
    const auto& t = w.tasks[i];
    if (t.is_condition()) return fmt::format("condition task {} branches the run", t.key);
    if (t.orchestration->for_each) return fmt::format("for_each task {} runs its work once per input", t.key);
    if (t.disabled) return fmt::format("task {} is disabled", t.key);
    if (!dag.upstream(TaskId(static_cast<std::uint32_t>(i))).empty() && t.run_if != RunIf::kAllSuccess &&
        t.run_if != RunIf::kAirflowAllSuccess) {
      return fmt::format("task {} runs with run_if {}, not all_success", t.key, to_string(t.run_if));
    }
    if (t.rare->failure_rate_per_hour > 0) return fmt::format("task {} fails at a rate per running hour, not per attempt", t.key);
    if (t.rare->timeout) return fmt::format("task {} has a timeout", t.key);
    if (!t.retry.max_attempts() && (1 - t.rare->permanent_failure_probability) * t.failure_probability >= 1) {
      return fmt::format("task {} retries forever and always fails", t.key);
    }
  }
  return "";
}

an::TaskRetryModel retry_model(const models::WorkloadTask& t) {
  std::optional<std::uint32_t> retries = t.retry.max_retries;
  if (!t.retry.retry_on.task_error) retries = 0;
  double transient = t.failure_probability, permanent = t.rare->permanent_failure_probability;
  if (t.writes->gate && t.writes->gate->failure_probability > 0) {
    // A gate rejects work that succeeded, for good: fold it into the permanent share so that an
    // attempt's P(retryable failure) and P(success) stay those of the world (docs/model.md).
    const double retryable = (1 - permanent) * transient;
    const double success = (1 - permanent) * (1 - transient) * (1 - t.writes->gate->failure_probability);
    permanent = 1 - retryable - success;
    transient = retryable + success > 0 ? retryable / (retryable + success) : 0;
  }
  return {.transient = transient, .permanent = permanent, .retries = retries};
}

ModelCheck mean_check(std::string quantity, MetricId metric_id, std::string model, std::optional<double> analytic,
                      std::string reason, std::span<const ReplicationResult> runs) {
  ModelCheck c{.quantity = std::move(quantity), .metric = metric_id, .model = std::move(model),
               .kind = ModelCheckKind::kMean, .analytic = analytic, .reason = std::move(reason)};
  const MetricSummary s = summarise(metric(c.metric), runs, std::nullopt);
  c.n = s.n;
  c.simulated = s.mean;
  c.lo = s.lo;
  c.hi = s.hi;
  if (c.analytic && c.n > 0) {
    // A degenerate interval (every replication equal) is met to rounding.
    const double slack = 1e-9 * std::max(1.0, std::fabs(*c.analytic));
    c.agrees = *c.analytic >= c.lo - slack && *c.analytic <= c.hi + slack;
    if (*c.analytic != 0) c.relative_error = std::fabs(c.simulated - *c.analytic) / std::fabs(*c.analytic);
  }
  return c;
}

// What every makespan check needs: the scenario, its plan and layout, and the per-task busy times
// and per-compute startup floors.
struct MakespanInputs {
  const ScenarioSpec& sc;
  const Dag& dag;
  const models::Deployment& d;
  const Layout& lay;
  std::vector<bool> runs_surely;
  std::vector<double> busy;
  std::vector<double> floor_s;
};

MakespanInputs makespan_inputs(const ScenarioSpec& sc, const Dag& dag, const models::Deployment& d, const Layout& lay) {
  const models::Workload& w = sc.workload;
  const std::size_t n = w.tasks.size();
  MakespanInputs in{.sc = sc, .dag = dag, .d = d, .lay = lay, .runs_surely = surely_runs(w, dag),
                    .busy = std::vector<double>(n, 0), .floor_s = {}};
  for (std::size_t i = 0; i < n; ++i) {
    const Placement& p = lay.tasks[i];
    if (!p.compute) continue;
    const auto& t = w.tasks[i];
    const auto& each = t.orchestration->for_each;
    const double waves = each ? std::ceil(double(each->inputs) / std::max<std::uint32_t>(1, each->concurrency)) : 1;
    in.busy[i] = waves * (p.compute->cluster().dispatch_overhead.to_seconds() + run_time_s(t, *p.compute, sc.world));
  }
  for (const auto& c : d.computes) in.floor_s.push_back(startup_floor_s(c, d.pools));
  return in;
}

// The work allowed for the ancestor products of the all-success DAG: 2^20 edge visits, or 32 per
// task in a larger DAG, so that the check stays linear in the DAG's size (issue #15).
std::size_t max_ancestor_visits(std::size_t tasks) { return std::max<std::size_t>(std::size_t{1} << 20, 32 * tasks); }

// Bounded retries over the all-success DAG: E[attempts], E[failed attempts], P(SUCCESS).
void add_retry_checks(const ScenarioSpec& sc, const Dag& dag, const models::Deployment& d, const Layout& lay,
                      std::span<const ReplicationResult> runs, std::vector<ModelCheck>& out) {
  std::string retry_blocker = retry_model_blocker(sc, dag, d, lay);
  std::optional<an::DagRetryExpectation> retries;
  if (retry_blocker.empty()) {
    std::vector<an::RetryExpectation> per_task;
    per_task.reserve(sc.workload.tasks.size());
    for (const auto& t : sc.workload.tasks) per_task.push_back(an::expect_retries(retry_model(t)));
    const std::size_t budget = max_ancestor_visits(dag.size());
    retries = an::expect_all_success_dag(dag, per_task, budget);
    if (!retries) {
      retry_blocker = fmt::format("the DAG's ancestor sets take more than {} edge visits to multiply out", budget);
    }
  }
  const auto value = [&](auto field) { return retries ? std::optional<double>((*retries).*field) : std::nullopt; };
  out.push_back(mean_check("E[attempts]", MetricId::kAttempts,
                           "Σ over tasks of P(task runs)·(1 − a^{R+1})/(1 − a), a = P(retryable failure)",
                           value(&an::DagRetryExpectation::attempts), retry_blocker, runs));
  out.push_back(mean_check("E[failed attempts]", MetricId::kFailedAttempts, "Σ over tasks of P(task runs)·(E[attempts] − P(success))",
                           value(&an::DagRetryExpectation::failed_attempts), retry_blocker, runs));
  out.push_back(mean_check("P(SUCCESS)", MetricId::kPSuccess, "Π over tasks of P(task succeeds within its retries)",
                           value(&an::DagRetryExpectation::success_probability), retry_blocker, runs));
}

// Every successful run is at least the longest path with each task's least startup.
ModelCheck lower_bound_check(const MakespanInputs& in, std::span<const ReplicationResult> runs) {
  const Schedule least = earliest_schedule(in.dag, in.lay, in.d, in.runs_surely, in.busy, in.floor_s);
  ModelCheck c{.quantity = "makespan lower bound", .metric = MetricId::kMakespanMin,
               .model = "longest path of trigger latency + least startup + duration / node speed",
               .kind = ModelCheckKind::kLowerBound, .analytic = least.makespan_s / 60, .reason = {}};
  // Rounding: each draw and each rescheduled completion is whole microseconds.
  const double slack_min = 2e-6 * double(in.sc.workload.tasks.size() + 1) / 60;
  double shortest = std::numeric_limits<double>::infinity();
  for (const auto& r : runs) {
    if (r.outcome != JobResult::kSuccess) continue;
    ++c.n;
    shortest = std::min(shortest, r.makespan.to_minutes());
  }
  if (c.n == 0) {
    c.analytic.reset();
    c.reason = "no replication succeeded";
  } else {
    c.simulated = c.lo = c.hi = shortest;
    c.agrees = shortest >= *c.analytic - slack_min;
    if (*c.analytic != 0) c.relative_error = std::fabs(shortest - *c.analytic) / *c.analytic;
  }
  return c;
}

// Why the makespan is not a fixed number: something random, failing or with control flow ("" if fixed).
std::string exact_makespan_blocker(const MakespanInputs& in) {
  const models::Workload& w = in.sc.workload;
  std::string why = infrastructure_faults(in.sc, in.d, in.lay);
  if (why.empty() && w.job.timeout) why = "a job timeout may cut runs short";
  if (why.empty() && in.lay.grouped) why = "tasks are grouped into jobs (a job waits for its whole upstream job)";
  for (std::size_t i = 0; i < w.tasks.size() && why.empty(); ++i) {
    const auto& t = w.tasks[i];
    if (may_fail(t)) {
      why = fmt::format("task {} may fail", t.key);
    } else if (t.is_condition() || t.orchestration->for_each || t.disabled || !in.runs_surely[i] ||
               (!in.dag.upstream(TaskId(static_cast<std::uint32_t>(i))).empty() && t.run_if != RunIf::kAllSuccess &&
                t.run_if != RunIf::kAirflowAllSuccess)) {
      why = fmt::format("task {} has control flow (condition, for_each, disabled or run_if)", t.key);
    } else if (t.rare->timeout) {
      why = fmt::format("task {} has a timeout", t.key);
    }
  }
  for (std::size_t k = 0; k < in.d.computes.size() && why.empty(); ++k) {
    const ComputeSpec& cs = in.d.computes[k];
    const std::string_view name = in.d.compute_names[k];
    if (cs.pool) why = fmt::format("{} draws from a pool (warm or cold start depends on its state)", name);
    else if (cs.cluster().autoscale) why = fmt::format("{} autoscales", name);
    else if (cs.traits().shared_with_other_users && cs.cluster().noisy_neighbour_load > 0) {
      why = fmt::format("{} has noisy neighbours", name);
    } else if (!cs.traits().up_at_start && startup_of(cs).kind() != Distribution::Kind::kFixed) {
      why = fmt::format("the startup of {} is random ({})", name, startup_of(cs).describe());
    }
  }
  return why;
}

// What the tasks on task i's cluster ask for at the moment i gets it (its start less the dispatch
// overhead): every task j of `candidates` there with from_j <= at < finish_j, summed in task
// order; with `stop_when_over`, the sum stops once one resource is exceeded.
struct Demand {
  double at = 0, cores = 0, mem = 0;
  int contexts = 0;
};
double from_s(const MakespanInputs& in, const Schedule& exact, std::size_t j) {
  return exact.start_s[j] - in.lay.tasks[j].compute->cluster().dispatch_overhead.to_seconds();
}
bool exceeds(const Demand& x, const ComputeSpec& cs) {
  return x.cores > core_capacity(cs) || x.mem > memory_capacity(cs) || x.contexts > cs.cluster().max_contexts;
}
template <class Tasks>
Demand demand_at(const MakespanInputs& in, const Schedule& exact, std::size_t i, const Tasks& candidates,
                 bool stop_when_over) {
  const ComputeSpec& cs = *in.lay.tasks[i].compute;
  Demand x{.at = from_s(in, exact, i)};
  for (const std::size_t j : candidates) {
    if (in.lay.tasks[j].compute != &cs || (per_attempt(cs) && j != i)) continue;
    if (from_s(in, exact, j) > x.at || exact.finish_s[j] <= x.at) continue;
    x.cores += std::max(1, in.sc.workload.tasks[j].cores);
    x.mem += in.sc.workload.tasks[j].rare->mem_gib;
    ++x.contexts;
    if (stop_when_over && exceeds(x, cs)) break;
  }
  return x;
}

// No contention: at every task's start, the tasks then on its cluster fit its cores, memory and
// execution contexts (a per-attempt cluster holds one task). "" when none contend. A sweep over
// the tasks' joins and leaves in time order keeps each cluster's tasks on it (by index, so sums
// run in task order); the first task in task order that finds its cluster over is reported.
std::string contention_blocker(const MakespanInputs& in, const Schedule& exact) {
  const std::size_t n = in.sc.workload.tasks.size();
  struct Edge {
    double at;
    int order;  // at one instant: joins, then leaves (finish <= at no longer counts), then checks
    std::uint32_t task;
    auto operator<=>(const Edge&) const = default;
  };
  std::vector<Edge> edges;
  for (std::size_t i = 0; i < n; ++i) {
    if (in.lay.tasks[i].compute == nullptr) continue;
    const auto task = static_cast<std::uint32_t>(i);
    edges.push_back({from_s(in, exact, i), 0, task});
    edges.push_back({exact.finish_s[i], 1, task});
    edges.push_back({from_s(in, exact, i), 2, task});
  }
  std::sort(edges.begin(), edges.end());
  std::vector<std::set<std::size_t>> on(in.d.computes.size());
  std::size_t first = n;
  for (const Edge& e : edges) {
    const auto c = static_cast<std::size_t>(in.lay.tasks[e.task].compute - in.d.computes.data());
    if (e.order == 0) on[c].insert(e.task);
    else if (e.order == 1) on[c].erase(e.task);
    else if (e.task < first && exceeds(demand_at(in, exact, e.task, on[c], true), *in.lay.tasks[e.task].compute)) first = e.task;
  }
  if (first == n) return "";
  std::vector<std::size_t> all(n);
  for (std::size_t j = 0; j < n; ++j) all[j] = j;
  const Demand x = demand_at(in, exact, first, all, false);
  const ComputeSpec& cs = *in.lay.tasks[first].compute;
  return fmt::format("tasks contend for {} (at {:g} min they ask for {:g} cores of {:g})", in.d.name_of(cs), x.at / 60, x.cores,
                     core_capacity(cs));
}

// Nothing random, nothing fails, nothing contends: every replication equals the schedule.
ModelCheck exact_makespan_check(const MakespanInputs& in, std::span<const ReplicationResult> runs) {
  ModelCheck c{.quantity = "exact makespan", .metric = MetricId::kMakespanMin,
               .model = "longest path of trigger latency + startup + duration / node speed (no failures, no contention)",
               .kind = ModelCheckKind::kExact, .analytic = std::nullopt, .reason = {}};
  std::string why = exact_makespan_blocker(in);
  Schedule exact;
  if (why.empty()) {
    exact = earliest_schedule(in.dag, in.lay, in.d, in.runs_surely, in.busy, in.floor_s);
    why = contention_blocker(in, exact);
  }
  if (!why.empty()) {
    c.reason = why;
    return c;
  }
  c.analytic = exact.makespan_s / 60;
  const double slack_min = 2e-6 * double(in.sc.workload.tasks.size() + 1) / 60;
  std::vector<double> v;
  for (const auto& r : runs) v.push_back(r.makespan.to_minutes());
  const Summary s = Summary::of(v);
  c.n = s.n;
  c.simulated = s.mean;
  c.lo = s.min;
  c.hi = s.max;
  c.agrees = c.n > 0 && std::fabs(s.min - *c.analytic) <= slack_min && std::fabs(s.max - *c.analytic) <= slack_min;
  if (*c.analytic != 0) c.relative_error = std::fabs(s.mean - *c.analytic) / *c.analytic;
  return c;
}

// Why the restart-under-crashes formula does not apply ("" if it does): it needs a chain of tasks
// that fail only by driver crashes, each retried at once and forever on a replaced cluster.
std::string restart_blocker(const MakespanInputs& in) {
  const models::Workload& w = in.sc.workload;
  const models::FaultModel& f = in.sc.world.faults;
  const std::size_t n = w.tasks.size();
  if (!(f.driver_crashes_per_hour > 0)) return "no driver crashes are configured";
  if (f.launch_failure_probability > 0 || !f.scripted.empty() || f.spot_losses_per_hour > 0) {
    return "other infrastructure faults are configured";
  }
  if (w.job.timeout) return "a job timeout may cut runs short";
  if (w.job.retry_budget) return "a run-wide retry budget stops the restarts";
  std::size_t sources = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const TaskId id(static_cast<std::uint32_t>(i));
    const auto& t = w.tasks[i];
    sources += in.dag.upstream(id).empty();
    if (in.dag.upstream(id).size() > 1 || in.dag.downstream(id).size() > 1) {
      return "the DAG is not a chain (the crash delays of parallel tasks overlap)";
    } else if (may_fail(t)) {
      return fmt::format("task {} also fails on its own", t.key);
    } else if (t.is_condition() || t.orchestration->for_each || t.disabled || t.rare->timeout) {
      return fmt::format("task {} has control flow or a timeout", t.key);
    } else if (t.retry.max_attempts() || !t.retry.retry_on.infrastructure) {
      return fmt::format("task {} does not retry forever on cluster loss (the formula restarts until success)", t.key);
    } else if (t.retry.min_retry_interval > Duration::zero() || !t.retry.shape->delays.empty()) {
      return fmt::format("task {} waits before retrying (the formula restarts at once)", t.key);
    }
  }
  if (sources != 1) return "the DAG is not a chain (the crash delays of parallel tasks overlap)";
  if (in.lay.grouped) return "tasks are grouped into jobs";
  for (std::size_t i = 0; i < n; ++i) {
    const ComputeSpec* cs = in.lay.tasks[i].compute;
    if (cs == nullptr) continue;
    const std::string_view name = in.d.name_of(*cs);
    if (cs->traits().up_at_start) return fmt::format("{} is an all-purpose cluster (not replaced after a crash)", name);
    if (cs->pool) return fmt::format("{} draws from a pool", name);
    if (cs->cluster().autoscale) return fmt::format("{} autoscales", name);
    if (cs->cluster().dispatch_overhead > Duration::zero()) return fmt::format("{} has a dispatch overhead", name);
    if (std::max(1, w.tasks[i].cores) > core_capacity(*cs) || w.tasks[i].rare->mem_gib > memory_capacity(*cs)) {
      return fmt::format("task {} does not fit {}", w.tasks[i].key, name);
    }
  }
  return "";
}

// E[makespan] of the chain: each task adds a trigger latency when it opens a child job, its
// cluster's first startup when it is the first on it (every attempt for per-attempt clusters), then
// T with the recovery D = a new cluster's mean startup (a job cluster cannot be restarted).
double expected_restart_makespan_min(const MakespanInputs& in) {
  const double lambda = in.sc.world.faults.driver_crashes_per_hour / 3600;
  double total_s = 0;
  std::vector<bool> started(in.d.computes.size(), false);
  for (TaskId t : in.dag.topological_order()) {
    const std::size_t i = t.index();
    const Placement& p = in.lay.tasks[i];
    if (p.child) total_s += in.lay.trigger_latency.to_seconds();
    if (p.compute == nullptr) continue;
    const std::size_t c = static_cast<std::size_t>(p.compute - in.d.computes.data());
    const double mean_startup = startup_of(*p.compute).mean();
    if (per_attempt(*p.compute) || !started[c]) total_s += mean_startup;
    started[c] = true;
    total_s += an::expected_restart_time_s(lambda, run_time_s(in.sc.workload.tasks[i], *p.compute, in.sc.world), mean_startup);
  }
  return total_s / 60;
}

}  // namespace

std::vector<ModelCheck> model_checks(const ScenarioSpec& sc, const Dag& dag, const models::Deployment& d,
                                     std::span<const ReplicationResult> runs) {
  const Layout lay = layout(d, sc.workload.tasks.size());
  std::vector<ModelCheck> out;
  add_retry_checks(sc, dag, d, lay, runs, out);
  const MakespanInputs in = makespan_inputs(sc, dag, d, lay);
  out.push_back(lower_bound_check(in, runs));
  out.push_back(exact_makespan_check(in, runs));
  const std::string why = restart_blocker(in);
  std::optional<double> expected;
  if (why.empty()) expected = expected_restart_makespan_min(in);
  out.push_back(mean_check("E[makespan], restart under crashes", MetricId::kMakespanMin,
                           "Σ over the chain of (latency + startup + (1/λ + E[startup])(e^{λt} − 1))", expected, why, runs));
  return out;
}

}  // namespace orchsim::sim
