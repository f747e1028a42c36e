// soak_scenario: a random scenario file for the invariant soak (sim/validation/soak.h), as YAML text,
// so that it goes through the real scenario loader and can be saved and replayed with `orchsim
// compare`. Each seed gives one scenario: a random DAG of 1–12 tasks with random run_if rules,
// retries (bounded, or forever with a run-wide budget), timeouts, for_each, condition tasks and
// their gated branches, disabled tasks, tables, task and job alerts with dedup and rate limits, a
// job timeout and rollback scope; one random strategy (with a pool sometimes); random
// infrastructure faults (driver crashes, spot losses, launch failures, scripted crashes) and cluster
// settings (autoscaling, few contexts, single node). Pure in the seed; any thread.
#pragma once

#include <cstdint>
#include <string>

namespace orchsim::sim {

std::string soak_scenario_yaml(std::uint64_t seed);

}  // namespace orchsim::sim
