// scenario_yaml: a loaded input (a scenario, or a Databricks job once mapped) written back as an
// editable scenario YAML file (scenarios/README.md) that loads to the same workload, catalog,
// world and strategies: `orchsim import INPUT -o scenario.yaml`. Values at their loader default
// are left out (the header says where the defaults are listed); each task carries a comment
// saying where it came from (its file:line:col, and any notes the importer gives, such as
// "duration: default for task type notebook"). Takes models types only (reports may not include
// the loaders); the CLI fills ScenarioParts from the loaded ScenarioSpec. Pure; no thread affinity.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/node_type.h"
#include "models/run_schedule.h"
#include "models/strategy.h"
#include "models/workload.h"
#include "models/world_model.h"

namespace orchsim::reports {

struct ScenarioParts {
  std::string source;  // the input it was loaded from, for the header
  std::string name;
  std::string description;
  std::uint64_t seed = 42;
  std::uint32_t replications = 1000;
  const models::Workload& workload;
  const models::Catalog& catalog;
  const models::WorldModel& world;
  const std::vector<models::StrategySpec>& strategies;
  // Per workload task (aligned with workload.tasks, or empty): lines saying where its values came
  // from, written as comments above it.
  std::vector<std::vector<std::string>> task_notes = {};
  // Lines added to the header comment (what the importer says of the whole input).
  std::vector<std::string> header_notes = {};
  const models::RunSchedule* schedule = nullptr;  // the scenario's `schedule`, if any
  std::uint32_t horizon_replications = 20;
};

std::string scenario_yaml(const ScenarioParts& parts);

// `d` as a scenario duration ("4m30s", "1h", "250ms", "0s"): whole units from days down to
// microseconds, so that it reads back to the same microsecond.
std::string duration_text(Duration d);

}  // namespace orchsim::reports
