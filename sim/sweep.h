// Sweeps: one experiment per point of a one- or two-parameter grid (sim/scenario/sweep_loader.h),
// each with the same seed, so neighbouring points share random numbers and their differences are
// the parameter's effect, not noise. Points run one after another, each on the thread pool.
#pragma once

#include <vector>

#include "sim/experiment.h"
#include "sim/scenario/sweep_loader.h"

namespace orchsim::sim {

struct SweepResult {
  std::string name;
  std::string file;
  std::vector<SweepAxis> axes;
  std::vector<ExperimentResult> points;  // row-major, as SweepPlan::points
};

// `options.progress` sees the whole sweep as one count (points × strategies × replications).
SweepResult run_sweep(const SweepPlan& plan, const ExperimentOptions& options);

}  // namespace orchsim::sim
