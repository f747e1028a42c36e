// SweepResult: one experiment result per point of a sweep's grid (sim::run_sweep,
// sim/experiment/sweep.h), with the axes, apart from the simulator: the sweep reports read this
// header. Plain data, no thread affinity.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/experiment_result.h"
#include "sim/input/sweep_axis.h"

namespace orchsim::sim {

// An axis whose values are all numbers (as written) or all durations (in minutes), for charts
// that place points by value.
struct NumericAxis {
  std::vector<double> values;  // aligned with SweepAxis::labels
  std::string unit;            // "" for plain numbers, "min" for durations
};

struct SweepResult {
  std::string name;
  std::string file;
  std::vector<SweepAxis> axes;
  std::vector<std::optional<NumericAxis>> numeric;  // per axis
  std::vector<ExperimentResult> points;             // row-major, as SweepPlan::points
};

}  // namespace orchsim::sim
