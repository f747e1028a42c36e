// run_replication: one simulated pipeline run of one deployment. Builds a fresh SimulatedRuntime,
// ClusterWorld and SimTaskRunner, runs the real Engine on them until the entry job's run is over,
// and measures the result (sim/experiment/metrics_collector.h). Pure in (deployment, workload,
// world model, seed, replication): the same inputs give the same numbers on any thread. The result
// type is in sim/experiment/replication_result.h, apart from the simulator.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/events.h"
#include "models/deployment.h"
#include "models/workload.h"
#include "models/world_model.h"
#include "sim/experiment/replication_result.h"
#include "sim/experiment/timeline.h"
#include "sim/world/cluster_world.h"

namespace orchsim::sim {

// The world's own record of one replication: cluster life cycles and every injected fault with
// what it hit.
struct WorldTrace {
  std::vector<ClusterEvent> clusters;
  std::vector<FaultEvent> faults;
};

// Work bound of one pipeline run: kEventsPerUnit events per task (each for_each iteration counts as
// a task). A task that fails in no simulated time (`duration: 0s`, retried forever) never reaches
// the horizon; this stops it instead, long before memory runs out. Generous: the shipped scenarios
// take at most 10 events per task, and a retry takes about 3 (start, end, retry), so this allows
// some 30,000 attempts of a task, more than a retry every 2 minutes for the default 30-day horizon.
inline constexpr std::uint64_t kEventsPerUnit = 100'000;
std::uint64_t event_budget(const models::Workload& workload);

// `observer` (optional) also receives every engine event. `timeline` (optional) receives the
// run's picture for a Gantt chart; `world_trace` (optional) the cluster and fault records.
ReplicationResult run_replication(const models::Deployment& deployment, const models::Workload& workload,
                                  const models::WorldModel& world, std::uint64_t seed,
                                  std::uint64_t replication, EventSink* observer = nullptr,
                                  Timeline* timeline = nullptr, WorldTrace* world_trace = nullptr);

}  // namespace orchsim::sim
