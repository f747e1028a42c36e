#include "sim/experiment/replication.h"

#include <fmt/format.h>

#include <string>

#include "engine/check.h"
#include "engine/engine.h"
#include "engine/error.h"
#include "sim/experiment/metrics_collector.h"
#include "sim/experiment/timeline_builder.h"
#include "sim/world/simulated_world.h"

namespace orchsim::sim {
namespace {

// The run cannot end (or not within the horizon): blame the open task with the most attempts, at
// its place in the scenario, so the user sees which retry loop or hang to bound.
[[noreturn]] void throw_horizon_reached(const Engine& engine, const models::Workload& workload, Duration horizon,
                                        std::uint64_t replication) {
  const models::WorkloadTask* culprit = nullptr;
  std::uint32_t culprit_attempts = 0;
  for (std::size_t r = 0; r < engine.run_count(); ++r) {
    const RunState& run = engine.run(RunId(static_cast<std::uint32_t>(r)));
    if (run.done()) continue;
    for (std::uint32_t t = 0; t < run.task_count(); ++t) {
      const TaskRunState& state = run.task(TaskId(t));
      if (state.result != TaskResult::kNone || state.attempts < culprit_attempts) continue;
      const std::string_view key = run.spec().dag.key(TaskId(t));
      for (const auto& spec : workload.tasks) {
        if (spec.key == key && (culprit == nullptr || state.attempts > culprit_attempts)) {
          culprit = &spec;
          culprit_attempts = state.attempts;
        }
      }
    }
  }
  const std::string when = fmt::format("replication {} was still running at the simulated horizon of {:.0f} h",
                                       replication, horizon.to_hours());
  if (culprit != nullptr) {
    throw InputError({Diagnostic{culprit->where,
                       fmt::format("task '{}' had not finished after {} attempt{} when {}: bound its retries "
                                   "(max_retries), give it a timeout, or raise the scenario's `horizon`",
                                   culprit->key, culprit_attempts, culprit_attempts == 1 ? "" : "s", when)}});
  }
  throw InputError({Diagnostic{SourceLocation{workload.tasks.empty() ? std::string() : workload.tasks.front().where.file},
                     fmt::format("{}: raise the scenario's `horizon` or bound the run with a timeout", when)}});
}

}  // namespace

ReplicationResult run_replication(const models::Deployment& deployment, const models::Workload& workload,
                                  const models::WorldModel& world_model, std::uint64_t seed,
                                  std::uint64_t replication, EventSink* observer, Timeline* timeline,
                                  WorldTrace* world_trace) {
  Trace trace;
  MetricsCollector collector(timeline != nullptr ? &trace : observer);
  SimulatedWorld sim(deployment, workload, world_model, seed, replication, collector);
  SimulatedRuntime& runtime = sim.runtime;
  const ClusterWorld& world = sim.world;
  const RollbackAudit& audit = sim.audit;

  const RunId run = sim.engine.start_run(deployment.entry);
  // Not run_until: the clock must stay at the last event, where billing ends.
  const SimTime horizon = SimTime::zero() + world_model.horizon;
  for (auto next = runtime.next_time(); next && *next <= horizon; next = runtime.next_time()) runtime.step();
  if (!sim.engine.idle()) throw_horizon_reached(sim.engine, workload, world_model.horizon, replication);
  const RunState& entry = sim.engine.run(run);
  sim.check_all_terminated();

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
  if (timeline != nullptr) {
    *timeline = build_timeline(trace.events(), world, deployment, workload, replication);
    if (observer != nullptr) {
      for (const auto& e : trace.events()) observer->on_event(e);
    }
  }
  return r;
}

}  // namespace orchsim::sim
