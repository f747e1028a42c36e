// The seed's A ∥ B → C pipeline with fixed numbers and no failures (DS3_v2 × 4 workers, $0.30/DBU,
// a fixed 4m30s startup, 5 s trigger latency), and a helper that simulates one replication of one
// of its strategies. Shared by the tests that compute its numbers by hand.
#pragma once

#include <doctest/doctest.h>

#include "engine/events.h"
#include "models/deployment.h"
#include "sim/experiment/replication.h"
#include "sim/input/scenario_loader.h"

namespace orchsim::testing {

inline constexpr const char* kSeedLike = R"(
name: seed-like
pricing: {usd_per_dbu: 0.30}
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}
trigger_latency: 5s
workload:
  tasks:
    - {task_key: job_A, duration: 20m, cores: 8}
    - {task_key: job_B, duration: 15m, cores: 8}
    - {task_key: job_C, duration: 10m, cores: 16, depends_on: [job_A, job_B]}
strategies: [multi_job, single_job_shared_cluster]
)";

// Replication 0 under seed 42 of strategy number `strategy` of `s`.
inline sim::ReplicationResult simulate(const sim::ScenarioSpec& s, std::size_t strategy,
                                       EventSink* observer = nullptr) {
  Diagnostics d;
  const auto dag = s.workload.dag(d);
  REQUIRE(dag);
  const auto deployment = models::plan(s.workload, *dag, s.strategies[strategy], s.catalog, s.world.pricing, d);
  REQUIRE(deployment);
  return sim::run_replication(*deployment, s.workload, s.world, 42, 0, observer);
}

}  // namespace orchsim::testing
