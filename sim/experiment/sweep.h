// Sweeps: one experiment per point of a one- or two-parameter grid (sim/input/sweep_loader.h),
// each with the same seed, so neighbouring points share random numbers and their differences are
// the parameter's effect, not noise. Every point's replications run as one batch
// (sim::run_experiments), on the thread pool or the MPI ranks. The
// result types are in sim/experiment/sweep_result.h.
#pragma once

#include <optional>

#include "sim/experiment/experiment.h"
#include "sim/experiment/sweep_result.h"
#include "sim/input/sweep_loader.h"

namespace orchsim::sim {

// The axis as numbers when every label is one (or every label a duration, in minutes).
std::optional<NumericAxis> numeric_axis(const SweepAxis& axis);

// `options.progress` sees the whole sweep as one count (points × strategies × replications).
SweepResult run_sweep(const SweepPlan& plan, const ExperimentOptions& options);

}  // namespace orchsim::sim
