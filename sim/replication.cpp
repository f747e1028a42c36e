#include "sim/replication.h"

#include "engine/check.h"
#include "engine/engine.h"
#include "engine/memory_table_store.h"
#include "sim/alert_log.h"
#include "sim/cluster_world.h"
#include "sim/rollback_audit.h"
#include "sim/sim_restore_timing.h"
#include "sim/sim_task_runner.h"
#include "sim/simulated_runtime.h"

namespace orchsim::sim {

ReplicationResult run_replication(const models::Deployment& deployment, const models::Workload& workload,
                                  const models::WorldModel& world_model, std::uint64_t seed,
                                  std::uint64_t replication, EventSink* observer, Timeline* timeline,
                                  WorldTrace* world_trace) {
  SimulatedRuntime runtime;
  ClusterWorld world(runtime, deployment, world_model, seed, replication);
  SimTaskRunner runner(deployment, workload, world);
  Trace trace;
  MetricsCollector collector(timeline != nullptr ? &trace : observer);
  // The pipeline's tables (each at version 0, content a hash of its name), how long restores take,
  // where alerts go, and the audit of rule 6's rollback invariant in front of the metrics.
  MemoryTableStore tables;
  for (const auto& name : deployment.tables) tables.add_table(name, stable_hash(name));
  SimRestoreTiming restore_timing(world_model.table_restore, seed, replication);
  AlertLog alerts;
  RollbackAudit audit(tables, collector);
  Engine engine(runtime, runner, audit, deployment.jobs,
                EngineOptions{.seed = Rng(seed, replication, "engine").next_u64(),
                              .tables = deployment.tables.empty() ? nullptr : &tables,
                              .restore_timing = &restore_timing, .alerts = &alerts,
                              .alert_policy = workload.job.alert_policy, .values = nullptr,
                              .max_tasks_per_compute = {}});

  const RunId run = engine.start_run(deployment.entry);
  runtime.run();
  ORCHSIM_CHECK(engine.idle(), "simulation ended with runs still open");
  const RunState& entry = engine.run(run);
  for (const auto& c : world.instances()) {
    ORCHSIM_CHECK(c.terminated.has_value(), "cluster of compute {} never terminated", c.compute);
  }

  ReplicationResult r;
  r.makespan = entry.finished() - entry.started();
  r.outcome = entry.result();
  r.cost = world.bill(runtime.now());
  r.cluster_starts = static_cast<std::uint32_t>(world.instances().size());
  r.metrics = collector.finish(deployment, workload.tasks.size(), world, runtime.now(), run);
  r.metrics.alerts_suppressed = static_cast<std::uint32_t>(engine.alerts_suppressed());
  ORCHSIM_CHECK(r.metrics.rollbacks == audit.rollbacks(), "metrics count {} rollbacks, the audit {}",
                r.metrics.rollbacks, audit.rollbacks());
  ORCHSIM_CHECK(r.metrics.alerts <= alerts.sent(), "more alerts counted than sent");
  r.metrics.tables_restored = audit.tables_restored();
  r.metrics.rollback_s = audit.restore_time().to_seconds();
  ORCHSIM_CHECK(audit.tables_restored() == restore_timing.restores(), "restores timed {} but done {}",
                restore_timing.restores(), audit.tables_restored());
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
