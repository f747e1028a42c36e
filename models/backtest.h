// compare_backtest: what the simulator predicts for a job next to what its later runs recorded
// (`orchsim backtest`, docs/calibration.md "Backtest"): the makespan p50 and p90 of successful runs,
// P(run failed) and the DBU cost per run, each side with its 95% interval, and a verdict per figure:
// "consistent" when the two intervals overlap, else "differs" (overlapping 95% intervals is a
// conservative test: it says "differs" less often than a 5% two-sample test would). Quantile
// intervals are distribution-free (order statistics), proportions Wilson, means Student t. Pure, any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "models/run_records.h"

namespace orchsim::models {

// One side's runs: simulated replications or recorded runs.
struct BacktestSamples {
  std::vector<double> makespans_s;  // of the successful runs
  std::size_t runs = 0;
  std::size_t failed = 0;            // runs that did not succeed
  std::vector<double> dbu_cost_usd;  // per run; empty: unknown (no billing records)
};

struct Estimate {
  double value = 0;
  double lo = 0;
  double hi = 0;
  std::size_t n = 0;
};

struct BacktestFigure {
  std::string name;  // "makespan p50 (s)", "makespan p90 (s)", "P(run failed)", "DBU cost per run (USD)"
  std::optional<Estimate> simulated;
  std::optional<Estimate> recorded;
  // "consistent", "differs", or "n/a" (a side has no data)
  std::string verdict;
};

std::vector<BacktestFigure> compare_backtest(const BacktestSamples& simulated, const BacktestSamples& recorded);

// The recorded side: a run succeeded when its result_state is SUCCESS (or
// SUCCESS_WITH_FAILURES, as the simulator counts it); its makespan is end − start;
// its DBU cost is list_cost_usd, else dbus × `usd_per_dbu`, when every run has billing records.
BacktestSamples recorded_samples(std::span<const JobRunRecord> runs, double usd_per_dbu);

// The p-quantile of `values` (type 1) with its 95% distribution-free interval: the order
// statistics of ranks n·p ∓ 1.96·√(n·p(1−p)) (+1 above), clamped to the sample.
Estimate quantile_interval(std::vector<double> values, double p);

}  // namespace orchsim::models
