// Sweep files: a scenario plus a `sweep:` key naming one or two parameters by path and the values
// to try. Each point of the grid is the scenario with those values substituted into the YAML tree
// before it is loaded, so any scenario parameter can be swept, and a bad value is reported at its
// own line:col in the sweep list. Paths: dot-separated map keys; inside a list, an element is
// named by its `task_key`, `name` or `kind` (or its index), e.g. `cluster.startup`,
// `workload.tasks.job_C.duration`, `strategies.multi_job.trigger_latency`, `faults.driver_crashes_per_hour`.
//
//   sweep: {parameter: cluster.startup, values: [1m, 4m30s, 10m]}
//   sweep:
//     - {parameter: cluster.startup, values: [1m, 4m30s, 10m]}
//     - {parameter: workload.tasks.job_C.cores, values: [4, 8, 16]}
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "sim/input/scenario_spec.h"
#include "sim/input/sweep_axis.h"

namespace orchsim::sim {

// The most grid points a sweep may have (README: Limits); each point is a whole experiment.
inline constexpr std::size_t kMaxSweepPoints = 10'000;

struct SweepPlan {
  std::string file;
  std::string name;
  std::vector<SweepAxis> axes;      // one or two
  std::vector<ScenarioSpec> points;  // row-major: the last axis varies fastest
};

// Throws InputError (file:line:col) for a missing or malformed sweep, an unknown path, or a value
// the scenario loader rejects.
SweepPlan load_sweep(const std::string& path);
SweepPlan parse_sweep(std::string_view yaml, const std::string& file);

}  // namespace orchsim::sim
