// Experiment: replications × strategies of one scenario. Plans each strategy once, then runs the
// replications on an executor (the thread pool by default, MPI ranks under mpirun:
// sim/experiment/replication_executor.h); replication i of every strategy uses seed stream i, so the
// strategies are compared under common random numbers (reports may pair replication i of two
// strategies) and the output does not depend on the thread count (each result lands in its own
// slot, and every statistic is computed afterwards in a fixed order), nor on the executor.
//
// The number of replications is fixed, or grown in rounds until every strategy's makespan and cost
// intervals are narrower than a target (the result is then exactly that of a fixed run of the final
// count). Called from the CLI's thread; `progress` is called on that thread too. The result types the
// reports read are in sim/experiment/experiment_result.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "sim/experiment/experiment_result.h"
#include "sim/experiment/replication_executor.h"
#include "sim/input/scenario_spec.h"

namespace orchsim::sim {

struct ExperimentOptions {
  std::uint32_t replications = 0;  // 0: the scenario's
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;  // 0: all hardware threads
  // When set: grow the count (from `replications`, or 100) until every strategy's makespan and
  // cost 95% half-widths are at most this fraction of their means, or `max_replications`.
  std::optional<double> target_relative_ci;
  std::uint32_t max_replications = 1'000'000;
  std::function<void(std::size_t done, std::size_t total)> progress;
  ReplicationExecutor* executor = nullptr;  // nullptr: this process's thread pool (`threads`)
  // Scheduled scenarios: horizon replications per strategy (0: the scenario's), always on `threads`.
  std::uint32_t horizon_replications = 0;
};

// Throws InputError when a strategy cannot be planned (e.g. unknown node type).
ExperimentResult run_experiment(const ScenarioSpec& scenario, const ExperimentOptions& options);

// One experiment per point, all points planned first; with a fixed count every point's
// replications go to the executor as one batch (so ranks or threads never wait at a point's end),
// but a point of one replication runs it here, once, with its timeline; with a target interval
// point after point. `options.progress` counts over all points. Each result
// equals run_experiment(points[i], options).
std::vector<ExperimentResult> run_experiments(std::span<const ScenarioSpec> points, const ExperimentOptions& options);

}  // namespace orchsim::sim
