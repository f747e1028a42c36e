// run_replication: one simulated pipeline run of one deployment. Builds a fresh SimulatedRuntime,
// ClusterWorld and SimTaskRunner, runs the real Engine on them until the entry job's run is over,
// and measures the result. Pure in (deployment, workload, pricing, seed, replication): the same
// inputs give the same numbers on any thread.
#pragma once

#include <cstdint>

#include "engine/events.h"
#include "engine/run_result.h"
#include "engine/time.h"
#include "models/deployment.h"
#include "models/pricing.h"
#include "models/workload.h"

namespace orchsim::sim {

struct ReplicationResult {
  Duration makespan;            // entry run start → end
  models::Bill cost;            // every cluster instance, billed per second
  std::uint32_t cluster_starts = 0;
  std::uint32_t attempts = 0;   // work attempts started
  std::uint32_t failed_attempts = 0;
  JobResult outcome = JobResult::kNone;
  Duration startup_time;        // sum over cluster instances of request → up
  double busy_core_seconds = 0;
  double paid_core_seconds = 0;  // worker cores × billed up-time
};

// `observer` (optional) also receives every engine event, e.g. a Trace for a Gantt chart.
ReplicationResult run_replication(const models::Deployment& deployment, const models::Workload& workload,
                                  const models::Pricing& pricing, std::uint64_t seed,
                                  std::uint64_t replication, EventSink* observer = nullptr);

}  // namespace orchsim::sim
