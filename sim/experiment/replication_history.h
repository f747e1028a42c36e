// Synthetic run history (`orchsim compare --history-out DIR`): each replication of each strategy
// as the Jobs API would have recorded it, a models::JobRunRecord (models/run_records.h), so that
// the fitting and the backtest can be tested on data whose true parameters are known. The run
// starts at kHistoryEpochMs + replication × kHistoryPeriodMs; each attempt of each work task is a
// TaskAttemptRecord (attempt_number from 0; setup = start → running, the wait for the cluster and a
// slot; execution = running → finished; cleanup 0), on its compute's name ("serverless" for
// serverless) and cluster instance; the run's DBUs are its simulated DBU dollars over its SKU's
// $/DBU. Replications run on the thread pool in batches and are handed over in (strategy,
// replication) order on the calling thread, so the output is the same at any thread count and at
// most one batch is held in memory.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "models/run_records.h"
#include "sim/input/scenario_spec.h"

namespace orchsim::sim {

inline constexpr std::int64_t kHistoryEpochMs = 1767225600000;    // 2026-01-01T00:00:00Z
inline constexpr std::int64_t kHistoryPeriodMs = 24 * 3600'000;   // one run a day

// A simulated run and the SKU its DBUs are billed under (the billing usage table's sku_name).
struct HistoryRun {
  models::JobRunRecord run;
  std::string sku_name;
};

// Calls `sink(strategy index, run)` for replications [0, replications) of every strategy, strategy
// by strategy, in replication order. Throws InputError when a strategy cannot be planned.
void simulate_history(const ScenarioSpec& scenario, std::uint64_t seed, std::uint32_t replications, unsigned threads,
                      const std::function<void(std::size_t strategy, const HistoryRun& run)>& sink);

}  // namespace orchsim::sim
