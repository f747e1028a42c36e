// PlannedExperiment: one scenario made ready to run: its DAG, every strategy planned once, and the
// seed. run_experiment and run_sweep plan each point this way; a process that only runs work units
// for another (an MPI rank, cli/mpi/) plans the same points from the same input, and the fingerprint
// lets the two check they did. run_planned is pure in (plan, strategy, replication), so a result does
// not depend on which thread or process ran it. Plain data once built; read from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/dag.h"
#include "models/deployment.h"
#include "sim/experiment/replication_result.h"
#include "sim/input/scenario_spec.h"

namespace orchsim::sim {

struct PlannedExperiment {
  const ScenarioSpec* scenario = nullptr;  // owned by the caller, alive as long as the plan
  std::optional<Dag> dag;
  std::vector<models::Deployment> deployments;  // one per strategy, in scenario order
  std::uint64_t seed = 0;
};

// Throws InputError when the workload's DAG or a strategy cannot be planned (e.g. an unknown
// node type). `seed`: the experiment's override, else the scenario's.
PlannedExperiment plan_experiment(const ScenarioSpec& scenario, std::optional<std::uint64_t> seed);

// Replication `replication` of strategy `strategy`.
ReplicationResult run_planned(const PlannedExperiment& plan, std::size_t strategy, std::uint64_t replication);

// A hash of what the plans would compute (points, names, seeds, strategies, computes, tasks): equal
// on two processes that loaded the same input with the same options.
std::uint64_t fingerprint(std::span<const PlannedExperiment> plans);

}  // namespace orchsim::sim
