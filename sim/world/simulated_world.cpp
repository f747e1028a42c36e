#include "sim/world/simulated_world.h"

#include <algorithm>

#include "engine/check.h"
#include "engine/rng.h"

namespace orchsim::sim {

namespace {

// The pipeline's tables, each at version 0 with a hash of its name as content.
MemoryTableStore pipeline_tables(const models::Deployment& deployment) {
  MemoryTableStore tables;
  for (const auto& name : deployment.tables) tables.add_table(name, stable_hash(name));
  return tables;
}

}  // namespace

SimulatedWorld::SimulatedWorld(const models::Deployment& deployment, const models::Workload& workload,
                               const models::WorldModel& model, std::uint64_t seed, std::uint64_t replication,
                               EventSink& sink, bool keep_world_events)
    : world(runtime, deployment, model, seed, replication, keep_world_events),
      runner(deployment, workload, world),
      tables(pipeline_tables(deployment)),
      restore_timing(model.table_restore, seed, replication),
      audit(tables, sink),
      branches(seed, replication),
      engine(runtime, runner, audit, deployment.jobs,
             EngineOptions{.seed = Rng(seed, replication, "engine").next_u64(),
                           .tables = deployment.tables.empty() ? nullptr : &tables,
                           .restore_timing = &restore_timing, .alerts = &alerts,
                           .alert_policy = workload.job.alert_policy, .values = &branches,
                           .max_tasks_per_compute = {}}) {}

bool SimulatedWorld::all_terminated() const {
  return std::ranges::all_of(world.instances(), [](const ClusterInstance& c) { return c.terminated.has_value(); });
}

void SimulatedWorld::check_all_terminated() const {
  for (const auto& c : world.instances()) {
    ORCHSIM_CHECK(c.terminated.has_value(), "cluster of compute {} never terminated", c.compute);
  }
}

}  // namespace orchsim::sim
