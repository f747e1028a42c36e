// ReplicationResult: what one simulated pipeline run measured (sim::run_replication,
// sim/experiment/replication.h), apart from the simulator that produced it, so that summaries,
// model checks and reports read it without the world's classes. Plain data.
#pragma once

#include <cstdint>

#include "engine/run_result.h"
#include "engine/time.h"
#include "models/pricing.h"
#include "sim/experiment/run_metrics.h"

namespace orchsim::sim {

struct ReplicationResult {
  Duration makespan;  // entry run start → end
  models::Bill cost;  // every cluster instance, billed per second
  std::uint32_t cluster_starts = 0;
  JobResult outcome = JobResult::kNone;
  RunMetrics metrics;
};

}  // namespace orchsim::sim
