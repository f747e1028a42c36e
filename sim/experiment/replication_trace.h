// trace_replication: one replication of every strategy of a scenario, told task by task, for
// `orchsim compare --trace DIR`: the engine's JSONL event log (engine/event_log.h) and each workload
// task's final state, attempts and times, so that a user can see why a run ended as it did. The
// same seed and replication as the experiment's, so replication 0 here is replication 0 there.
// Called from the CLI's thread; pure in its inputs.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/experiment/trace_result.h"
#include "sim/input/scenario_spec.h"

namespace orchsim::sim {

// Throws InputError when a strategy cannot be planned.
std::vector<StrategyTrace> trace_replication(const ScenarioSpec& scenario, std::uint64_t seed,
                                             std::uint64_t replication);

}  // namespace orchsim::sim
