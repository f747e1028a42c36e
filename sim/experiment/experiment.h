// Experiment: replications × strategies of one scenario. Plans each strategy once, then runs the
// replications on a pool of threads; replication i of every strategy uses seed stream i, so the
// strategies are compared under common random numbers (reports may pair replication i of two
// strategies) and the output does not depend on the thread count (each result lands in its own
// slot, and every statistic is computed afterwards in a fixed order).
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

#include "sim/experiment/experiment_result.h"
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
};

// Throws InputError when a strategy cannot be planned (e.g. unknown node type).
ExperimentResult run_experiment(const ScenarioSpec& scenario, const ExperimentOptions& options);

}  // namespace orchsim::sim
