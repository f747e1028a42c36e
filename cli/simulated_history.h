// record_simulated_runs: `orchsim compare --db F` — writes simulated replications of every strategy
// to a run history (engine/live/run_history.h) with source "simulated", through the same Recorder
// `orchsim exec` uses, so live and simulated runs can be queried side by side. Each replication is
// re-run with the experiment's seed and replication number (as `--trace` does), so replication i
// here is replication i of the comparison. Content is deterministic: simulated time zero is unix
// time 0, runs are appended strategy by strategy, replication by replication. Called on the CLI's
// thread; throws RunHistoryError (exit 2) when a write fails.
#pragma once

#include <cstdint>

#include "engine/live/run_history.h"
#include "sim/input/scenario_spec.h"

namespace orchsim::cli {

// Replications 0 .. replications-1 of each strategy of `scenario`.
void record_simulated_runs(const sim::ScenarioSpec& scenario, std::uint64_t seed, std::uint64_t replications,
                           live::RunHistory& history);

}  // namespace orchsim::cli
