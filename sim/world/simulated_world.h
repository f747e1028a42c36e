// SimulatedWorld: everything one simulated replication runs on, wired in one place: the
// SimulatedRuntime, the ClusterWorld and its SimTaskRunner, the pipeline's tables (each at version
// 0), how long their restores take, where alerts go, the audit of rule 6's rollback invariant, and
// the real Engine on top of them. Engine events go through the audit to `sink`. Used by
// run_replication (sim/experiment) and the validation sessions (sim/validation), so both run the
// engine on the same world. The pieces are public: callers step the runtime, start runs and read
// the world, alerts and audit afterwards. Pure in (deployment, workload, world model, seed,
// replication). One per replication; not copyable or movable (the pieces refer to each other);
// single-threaded.
#pragma once

#include <cstdint>

#include "engine/engine.h"
#include "engine/events.h"
#include "engine/memory_table_store.h"
#include "models/deployment.h"
#include "models/workload.h"
#include "models/world_model.h"
#include "sim/kernel/simulated_runtime.h"
#include "sim/world/alert_log.h"
#include "sim/world/cluster_world.h"
#include "sim/world/rollback_audit.h"
#include "sim/world/sim_branch_values.h"
#include "sim/world/sim_restore_timing.h"
#include "sim/world/sim_task_runner.h"

namespace orchsim::sim {

struct SimulatedWorld {
  // Every argument must outlive the world. `keep_world_events`: the cluster world keeps its event
  // log (ClusterWorld::events()), for a world trace.
  SimulatedWorld(const models::Deployment& deployment, const models::Workload& workload,
                 const models::WorldModel& model, std::uint64_t seed, std::uint64_t replication, EventSink& sink,
                 bool keep_world_events = false);
  SimulatedWorld(const SimulatedWorld&) = delete;
  SimulatedWorld& operator=(const SimulatedWorld&) = delete;

  // Whether every cluster instance has terminated; check_all_terminated is the always-on check at
  // the end of a run.
  bool all_terminated() const;
  void check_all_terminated() const;

  SimulatedRuntime runtime;
  ClusterWorld world;
  SimTaskRunner runner;
  MemoryTableStore tables;
  SimRestoreTiming restore_timing;
  AlertLog alerts;
  RollbackAudit audit;
  SimBranchValues branches;  // condition branches given as probabilities
  Engine engine;
};

}  // namespace orchsim::sim
