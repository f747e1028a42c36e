// read_schedule: a scenario's `schedule` map (cron + timezone, every, or Poisson arrivals, and an
// optional deadline) and its `horizon_replications`, through YamlReader only. Called by the scenario
// loader (sim/input/scenario_loader.cpp); the horizon itself is the scenario's `horizon`, read there.
// Inside sim/input only. Any thread.
#pragma once

#include <cstdint>
#include <optional>

#include "models/run_schedule.h"
#include "sim/input/scenario_spec.h"
#include "sim/input/yaml_reader.h"

namespace orchsim::sim {

// root["schedule"] (nullopt when absent or wrong; errors go to `r`).
std::optional<models::RunSchedule> read_schedule(YamlReader& r, const YamlNode& root);
// root["horizon_replications"], else `fallback`.
std::uint32_t read_horizon_replications(YamlReader& r, const YamlNode& root, std::uint32_t fallback);

}  // namespace orchsim::sim
