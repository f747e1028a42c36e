// run_horizon_replication: every run a schedule triggers over the scenario's horizon, in one
// simulated world, so an all-purpose cluster stays up between runs per its auto-termination and a
// pool bills its idle instances throughout. Each run starts through the engine at its fire time
// (skipped or queued per the workload's max_concurrent_runs and queue). run_monthly runs the
// horizon replications of every strategy of a scheduled scenario on the thread pool. Pure in
// (deployment, workload, world, schedule, seed, replication): replication i of every strategy
// sees the same arrival times and the same world draws, on any thread count.
#pragma once

#include <cstdint>

#include "models/deployment.h"
#include "models/run_schedule.h"
#include "models/workload.h"
#include "models/world_model.h"
#include "sim/experiment/monthly_result.h"
#include "sim/experiment/planned_experiment.h"

namespace orchsim::sim {

// Throws InputError when runs are still open a whole horizon after it ended, or the work bound is
// reached (a retry loop in no simulated time).
HorizonReplicationResult run_horizon_replication(const models::Deployment& deployment,
                                                 const models::Workload& workload, const models::WorldModel& world,
                                                 const models::RunSchedule& schedule, std::uint64_t seed,
                                                 std::uint64_t replication);

// The scenario must have a schedule. `replications` 0: the scenario's horizon_replications.
MonthlyResult run_monthly(const PlannedExperiment& plan, std::uint32_t replications, unsigned threads);

}  // namespace orchsim::sim
