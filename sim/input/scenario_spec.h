// ScenarioSpec: everything a scenario file says, typed and validated: the workload, the catalog
// and prices, the strategies to compare and the experiment settings. Produced only by the loader
// (sim/input/scenario_loader.h, reached through sim/input/load_input.h) or an importer; no YAML
// node crosses this boundary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/node_type.h"
#include "models/run_schedule.h"
#include "models/world_model.h"
#include "models/strategy.h"
#include "models/workload.h"

namespace orchsim::sim {

// The most replications per strategy a scenario or the command line may ask for (README: Limits).
inline constexpr std::uint32_t kMaxReplications = 10'000'000;
// The most horizon replications (each a whole horizon of scheduled runs) a scenario or the command
// line may ask for.
inline constexpr std::uint32_t kMaxHorizonReplications = 100'000;

struct ExperimentSpec {
  std::uint64_t seed = 42;
  std::uint32_t replications = 1000;
  // Scheduled scenarios only: how many whole horizons (`horizon`, default 30 days) to simulate per
  // strategy. Each runs every scheduled run, so 20 keep `compare` quick.
  std::uint32_t horizon_replications = 20;
};

struct ScenarioSpec {
  std::string file;  // where it was loaded from, for messages
  std::string name;
  std::string description;
  models::Workload workload;
  models::Catalog catalog = models::Catalog::builtin();
  models::WorldModel world;  // prices, contention, fault processes
  std::vector<models::StrategySpec> strategies;
  ExperimentSpec experiment;
  std::optional<models::RunSchedule> schedule;  // sim/input/schedule_reader.h; none: one run per replication
};

}  // namespace orchsim::sim
