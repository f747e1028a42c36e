#include "sim/replication.h"

#include "engine/check.h"
#include "engine/engine.h"
#include "sim/cluster_world.h"
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
  Engine engine(runtime, runner, collector, deployment.jobs);

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
