// run_replication: one simulated pipeline run of one deployment. Builds a fresh SimulatedRuntime,
// ClusterWorld and SimTaskRunner, runs the real Engine on them until the world is quiet (the entry
// run is over and every cluster has terminated), and measures the result. Pure in (deployment,
// workload, world model, seed, replication): the same inputs give the same numbers on any thread.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/events.h"
#include "engine/run_result.h"
#include "engine/time.h"
#include "models/deployment.h"
#include "models/pricing.h"
#include "models/workload.h"
#include "models/world_model.h"
#include "sim/cluster_world.h"

namespace orchsim::sim {

struct ReplicationResult {
  Duration makespan;            // entry run start → end
  models::Bill cost;            // every cluster instance, billed per second, plus pool idle VMs
  std::uint32_t cluster_starts = 0;
  std::uint32_t attempts = 0;   // work attempts started
  std::uint32_t failed_attempts = 0;
  JobResult outcome = JobResult::kNone;
  Duration startup_time;        // sum over cluster instances of request → up (or → launch failure)
  double busy_core_seconds = 0;
  double paid_core_seconds = 0;  // worker cores × up time
  std::uint32_t cluster_faults = 0;  // infrastructure faults injected (crash, OOM, spot, launch, scripted)
  std::uint32_t attempts_hit = 0;    // attempts those faults failed or slowed
};

// The world's own record of one replication, for Gantt charts and fault metrics.
struct WorldTrace {
  std::vector<ClusterEvent> clusters;
  std::vector<FaultEvent> faults;
};

// `observer` (optional) also receives every engine event, e.g. a Trace for a Gantt chart;
// `world_trace` (optional) receives the cluster and fault events.
ReplicationResult run_replication(const models::Deployment& deployment, const models::Workload& workload,
                                  const models::WorldModel& world, std::uint64_t seed,
                                  std::uint64_t replication, EventSink* observer = nullptr,
                                  WorldTrace* world_trace = nullptr);

}  // namespace orchsim::sim
