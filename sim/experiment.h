// Experiment: replications × strategies of one scenario. Plans each strategy once, then runs the
// replications on a pool of threads; replication i of every strategy uses seed stream i, so the
// strategies are compared under common random numbers and the output does not depend on the
// thread count (each result lands in its own slot).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/deployment.h"
#include "sim/replication.h"
#include "sim/scenario/scenario_spec.h"
#include "sim/summary.h"

namespace orchsim::sim {

struct StrategyResult {
  models::StrategySpec strategy;
  std::size_t jobs = 0;
  std::size_t clusters = 0;  // computes in the deployment
  std::size_t cross_job_edges = 0;
  std::vector<ReplicationResult> replications;  // in replication order

  Summary makespan_minutes() const;
  Summary cost_usd() const;
  Summary cluster_starts() const;
};

struct ExperimentResult {
  std::string scenario;
  std::uint64_t seed = 0;
  std::uint32_t replications = 0;
  std::vector<StrategyResult> strategies;  // in scenario order
};

struct ExperimentOptions {
  std::uint32_t replications = 0;  // 0: the scenario's
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;  // 0: all hardware threads
};

// Throws InputError when a strategy cannot be planned (e.g. unknown node type).
ExperimentResult run_experiment(const ScenarioSpec& scenario, const ExperimentOptions& options);

}  // namespace orchsim::sim
