// run_replication: one simulated pipeline run of one deployment. Builds a fresh SimulatedRuntime,
// ClusterWorld and SimTaskRunner, runs the real Engine on them until the entry job's run is over,
// and measures the result (sim/metrics.h). Pure in (deployment, workload, world model, seed,
// replication): the same inputs give the same numbers on any thread.
#pragma once

#include <cstdint>

#include "engine/events.h"
#include "engine/run_result.h"
#include "engine/time.h"
#include "models/deployment.h"
#include "models/world_model.h"
#include "sim/world/cluster_world.h"
#include "models/workload.h"
#include "sim/experiment/metrics.h"
#include "sim/world/timeline.h"

namespace orchsim::sim {

struct ReplicationResult {
  Duration makespan;  // entry run start → end
  models::Bill cost;  // every cluster instance, billed per second
  std::uint32_t cluster_starts = 0;
  JobResult outcome = JobResult::kNone;
  RunMetrics metrics;
};

// The world's own record of one replication: cluster life cycles and every injected fault with
// what it hit.
struct WorldTrace {
  std::vector<ClusterEvent> clusters;
  std::vector<FaultEvent> faults;
};

// `observer` (optional) also receives every engine event. `timeline` (optional) receives the
// run's picture for a Gantt chart; `world_trace` (optional) the cluster and fault records.
ReplicationResult run_replication(const models::Deployment& deployment, const models::Workload& workload,
                                  const models::WorldModel& world, std::uint64_t seed,
                                  std::uint64_t replication, EventSink* observer = nullptr,
                                  Timeline* timeline = nullptr, WorldTrace* world_trace = nullptr);

}  // namespace orchsim::sim
