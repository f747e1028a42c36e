// model_checks: the analytic expectations (models/analytic.h) of one strategy of a scenario, next to
// what the replications measured (the ModelCheck result type: sim/experiment/model_check_result.h),
// for the reports' "model check" table. The composition lives
// here because only sim/ sees both the scenario (workload, world, deployment) and the results;
// the formulas themselves are in models/. Each check first decides whether the scenario meets the
// model's assumptions: when it does not, `analytic` is empty and `reason` says which assumption
// fails, so the report shows "—" with the reason instead of a number that does not apply.
//
// The checks, per strategy:
// - E[attempts], E[failed attempts] and P(SUCCESS) from the bounded-retry formula over an
//   all-success DAG (each task failing independently, no infrastructure faults);
// - a lower bound on the makespan of every successful run (critical path with each task's
//   unavoidable startup and trigger latency, at its node's speed);
// - the exact makespan when every startup is fixed, nothing fails and nothing contends;
// - E[makespan] of a chain restarted from scratch under Poisson driver crashes.
// Called by run_experiment once per strategy, on the caller's thread. Pure.
#pragma once

#include <span>
#include <vector>

#include "engine/dag.h"
#include "models/deployment.h"
#include "sim/experiment/model_check_result.h"
#include "sim/experiment/replication_result.h"
#include "sim/input/scenario_spec.h"

namespace orchsim::sim {

// The checks of one strategy, in the order listed above. `deployment` is the strategy's plan of
// `scenario`'s workload (whose DAG is `dag`); `runs` its replications.
std::vector<ModelCheck> model_checks(const ScenarioSpec& scenario, const Dag& dag, const models::Deployment& deployment,
                                     std::span<const ReplicationResult> runs);

}  // namespace orchsim::sim
