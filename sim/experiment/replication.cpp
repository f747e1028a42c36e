#include "sim/experiment/replication.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/engine.h"
#include "engine/error.h"
#include "sim/experiment/metrics_collector.h"
#include "sim/experiment/timeline_builder.h"
#include "sim/world/simulated_world.h"

namespace orchsim::sim {
namespace {


struct Culprit {
  const models::WorkloadTask* task = nullptr;
  std::uint32_t attempts = 0;
};

// The open task with the most attempts: the retry loop or hang the user must bound.
Culprit find_culprit(const Engine& engine, const models::Workload& workload) {
  Culprit culprit;
  for (std::size_t r = 0; r < engine.run_count(); ++r) {
    const RunState* found = engine.find_run(RunId(static_cast<std::uint32_t>(r)));
    if (found == nullptr || found->done()) continue;  // released: a finished run_job child
    const RunState& run = *found;
    for (std::uint32_t t = 0; t < run.task_count(); ++t) {
      const TaskRunState& state = run.task(TaskId(t));
      if (state.result != TaskResult::kNone || state.attempts < culprit.attempts) continue;
      const std::string_view key = run.spec().dag.key(TaskId(t));
      for (const auto& spec : workload.tasks) {
        if (spec.key == key && (culprit.task == nullptr || state.attempts > culprit.attempts)) {
          culprit = {&spec, state.attempts};
        }
      }
    }
  }
  return culprit;
}

// The run cannot end (or not within the horizon): blame the open task with the most attempts, at
// its place in the scenario, so the user sees which retry loop or hang to bound.
[[noreturn]] void throw_horizon_reached(const Engine& engine, const models::Workload& workload, Duration horizon,
                                        std::uint64_t replication) {
  const Culprit culprit = find_culprit(engine, workload);
  const std::string when = fmt::format("replication {} was still running at the simulated horizon of {:.0f} h",
                                       replication, horizon.to_hours());
  if (culprit.task != nullptr) {
    throw InputError({Diagnostic{culprit.task->where,
                       fmt::format("task '{}' had not finished after {} attempt{} when {}: bound its retries "
                                   "(max_retries), give it a timeout, or raise the scenario's `horizon`",
                                   culprit.task->key, culprit.attempts, culprit.attempts == 1 ? "" : "s", when)}});
  }
  throw InputError({Diagnostic{SourceLocation{workload.tasks.empty() ? std::string() : workload.tasks.front().where.file},
                     fmt::format("{}: raise the scenario's `horizon` or bound the run with a timeout", when)}});
}

// The run used up its event budget (event_budget) before ending: most often a task that fails in
// no simulated time and retries forever, so the horizon is never reached.
[[noreturn]] void throw_work_limit_reached(const SimulatedWorld& sim, const models::Workload& workload,
                                           std::uint64_t budget, std::uint64_t replication) {
  const Culprit culprit = find_culprit(sim.engine, workload);
  const std::string when = fmt::format("replication {} reached the work limit of {} events ({} per task) at "
                                       "simulated {}",
                                       replication, budget, kEventsPerUnit, sim.runtime.now());
  if (culprit.task != nullptr) {
    throw InputError({Diagnostic{culprit.task->where,
                       fmt::format("task '{}' had not finished after {} attempts when {}: bound its retries "
                                   "(max_retries), or give it a nonzero duration or min_retry_interval",
                                   culprit.task->key, culprit.attempts, when)}});
  }
  throw InputError({Diagnostic{SourceLocation{workload.tasks.empty() ? std::string() : workload.tasks.front().where.file},
                     fmt::format("{}: bound the run's retries or give its tasks a nonzero duration", when)}});
}

}  // namespace

std::uint64_t event_budget(const models::Workload& workload) {
  std::uint64_t units = 0;
  for (const auto& t : workload.tasks) {
    const auto& each = t.orchestration->for_each;
    units += each ? std::max<std::uint64_t>(1, each->inputs) : 1;
  }
  return std::max<std::uint64_t>(1, units) * kEventsPerUnit;
}

namespace {

// Runs the replication and measures it with `collector`; `instances` (when given) gets the world's
// instance records. Everything the run built (engine, world) is freed on return.
ReplicationResult simulate(const models::Deployment& deployment, const models::Workload& workload,
                           const models::WorldModel& world_model, std::uint64_t seed, std::uint64_t replication,
                           MetricsCollector& collector, WorldTrace* world_trace,
                           std::vector<ClusterInstance>* instances) {
  SimulatedWorld sim(deployment, workload, world_model, seed, replication, collector, world_trace != nullptr);
  SimulatedRuntime& runtime = sim.runtime;
  const ClusterWorld& world = sim.world;
  const RollbackAudit& audit = sim.audit;

  const RunId run = sim.engine.start_run(deployment.entry);
  // Not run_until: the clock must stay at the last event, where billing ends.
  const SimTime horizon = SimTime::zero() + world_model.horizon;
  const std::uint64_t budget = event_budget(workload);
  for (auto next = runtime.next_time(); next && *next <= horizon; next = runtime.next_time()) {
    runtime.step();
    if (runtime.events_processed() >= budget) throw_work_limit_reached(sim, workload, budget, replication);
  }
  if (!sim.engine.idle()) throw_horizon_reached(sim.engine, workload, world_model.horizon, replication);
  // An idle all-purpose cluster may outlive the horizon (`auto_terminate_after` beyond it): let it
  // terminate, as its bill runs until then. Only cluster timers are left, so this ends.
  while (!sim.all_terminated() && runtime.step()) {
    if (runtime.events_processed() >= budget) throw_work_limit_reached(sim, workload, budget, replication);
  }
  const RunState& entry = sim.engine.run(run);
  sim.check_all_terminated();
  sim.world.drop_live_state();  // before the metrics' own peak

  ReplicationResult r;
  r.makespan = entry.finished() - entry.started();
  r.outcome = entry.result();
  r.cost = world.bill(runtime.now());
  r.cluster_starts = static_cast<std::uint32_t>(world.instances().size());
  r.metrics = collector.finish(deployment, workload.tasks.size(), world, runtime.now(), run);
  r.metrics.alerts_suppressed = static_cast<std::uint32_t>(sim.engine.alerts_suppressed());
  ORCHSIM_CHECK(r.metrics.rollbacks == audit.rollbacks(), "metrics count {} rollbacks, the audit {}",
                r.metrics.rollbacks, audit.rollbacks());
  ORCHSIM_CHECK(r.metrics.alerts <= sim.alerts.sent(), "more alerts counted than sent");
  r.metrics.tables_restored = audit.tables_restored();
  r.metrics.rollback_s = audit.restore_time().to_seconds();
  ORCHSIM_CHECK(audit.tables_restored() == sim.restore_timing.restores(), "restores timed {} but done {}",
                sim.restore_timing.restores(), audit.tables_restored());
  ORCHSIM_CHECK(std::abs(r.metrics.cost_usd() - r.cost.total()) <= 1e-9 * std::max(1.0, r.cost.total()),
                "metrics cost {} differs from the bill {}", r.metrics.cost_usd(), r.cost.total());
  if (world_trace != nullptr) {
    world_trace->clusters = world.events();
    world_trace->faults = world.faults();
  }
  if (instances != nullptr) *instances = sim.world.take_instances();
  return r;
}

}  // namespace

ReplicationResult run_replication(const models::Deployment& deployment, const models::Workload& workload,
                                  const models::WorldModel& world_model, std::uint64_t seed,
                                  std::uint64_t replication, EventSink* observer, Timeline* timeline,
                                  WorldTrace* world_trace) {
  TimelineRecorder recorder(observer);
  // The collector keeps every attempt's facts, the recorder (for a timeline) the order of its bars.
  MetricsCollector collector(deployment.jobs, timeline != nullptr ? &recorder : observer);
  std::vector<ClusterInstance> instances;
  ReplicationResult r = simulate(deployment, workload, world_model, seed, replication, collector, world_trace,
                                 timeline != nullptr ? &instances : nullptr);
  // Built once the engine and the world are freed (their runs, attempts and events), from what the
  // recorder and the collector's attempt log kept and the instance records.
  if (timeline != nullptr) {
    *timeline = build_timeline(recorder, collector.attempts(), instances, deployment, replication);
  }
  return r;
}

}  // namespace orchsim::sim
