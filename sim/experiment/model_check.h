// ModelCheck: one analytic expectation (models/analytic.h) for one strategy of a scenario, next to
// what the replications measured, for the reports' "model check" table. The composition lives
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

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/dag.h"
#include "models/deployment.h"
#include "sim/experiment/replication.h"
#include "sim/input/scenario_spec.h"

namespace orchsim::sim {

enum class ModelCheckKind : std::uint8_t {
  kMean,        // the analytic mean should lie in the simulated mean's 95% interval
  kLowerBound,  // no successful replication may be shorter than the bound
  kExact,       // every replication equals the analytic value (to the microsecond per task)
};

struct ModelCheck {
  std::string quantity;  // "E[attempts]", "makespan lower bound", …
  std::string metric;    // the metric id compared (sim/metrics.h)
  std::string model;     // the formula, in words
  ModelCheckKind kind = ModelCheckKind::kMean;
  std::optional<double> analytic;  // in the metric's unit; empty: the model does not apply
  std::string reason;              // why it does not apply (empty when it does)
  // What the replications measured: kMean: mean and its 95% interval; kLowerBound: the shortest
  // successful run (lo = hi = it; n = successful runs); kExact: mean, lo = min, hi = max.
  std::size_t n = 0;
  double simulated = 0;
  double lo = 0;
  double hi = 0;
  std::optional<double> relative_error;  // |simulated − analytic| / |analytic|
  bool agrees = false;                   // in the interval / bound holds / equal
};

// The checks of one strategy, in the order listed above. `deployment` is the strategy's plan of
// `scenario`'s workload (whose DAG is `dag`); `runs` its replications.
std::vector<ModelCheck> model_checks(const ScenarioSpec& scenario, const Dag& dag, const models::Deployment& deployment,
                                     std::span<const ReplicationResult> runs);

}  // namespace orchsim::sim
