// Sweeps: one experiment per point of a one- or two-parameter grid (sim/scenario/sweep_loader.h),
// each with the same seed, so neighbouring points share random numbers and their differences are
// the parameter's effect, not noise. Points run one after another, each on the thread pool.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/experiment.h"
#include "sim/input/sweep_loader.h"

namespace orchsim::sim {

// An axis whose values are all numbers (as written) or all durations (in minutes), for charts
// that place points by value.
struct NumericAxis {
  std::vector<double> values;  // aligned with SweepAxis::labels
  std::string unit;            // "" for plain numbers, "min" for durations
};
std::optional<NumericAxis> numeric_axis(const SweepAxis& axis);

struct SweepResult {
  std::string name;
  std::string file;
  std::vector<SweepAxis> axes;
  std::vector<std::optional<NumericAxis>> numeric;  // per axis
  std::vector<ExperimentResult> points;  // row-major, as SweepPlan::points
};

// `options.progress` sees the whole sweep as one count (points × strategies × replications).
SweepResult run_sweep(const SweepPlan& plan, const ExperimentOptions& options);

}  // namespace orchsim::sim
