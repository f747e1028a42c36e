// The seed scenario (issue #6): one full replication of scenarios/seed-tradeoff.yaml per strategy,
// as replications per second (items/s) on one core; and the time to load and validate the scenario
// file. Planning happens once, outside the timed loop, as in run_experiment.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "models/deployment.h"
#include "sim/experiment/replication.h"
#include "sim/input/scenario_loader.h"

namespace {

using namespace orchsim;

const std::string kSeedScenario = std::string(ORCHSIM_SOURCE_DIR) + "/scenarios/seed-tradeoff.yaml";

void BM_SeedScenario_Replication(benchmark::State& state, std::size_t strategy_index) {
  const sim::ScenarioSpec scenario = sim::load_scenario(kSeedScenario);
  Diagnostics diagnostics;
  const auto dag = scenario.workload.dag(diagnostics);
  const auto& strategy = scenario.strategies.at(strategy_index);
  const auto deployment = models::plan(scenario.workload, *dag, strategy, scenario.catalog, scenario.world.pricing, diagnostics);
  diagnostics.throw_if_any();
  std::uint64_t replication = 0;
  for (auto _ : state) {
    auto r = sim::run_replication(*deployment, scenario.workload, scenario.world, scenario.experiment.seed,
                                  replication++);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SeedScenario_Load(benchmark::State& state) {
  for (auto _ : state) {
    auto s = sim::load_scenario(kSeedScenario);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

// One case per strategy the scenario lists, named after it.
const bool kRegistered = [] {
  const sim::ScenarioSpec scenario = sim::load_scenario(kSeedScenario);
  for (std::size_t i = 0; i < scenario.strategies.size(); ++i) {
    const std::string name = std::string("BM_SeedScenario_Replication/") + models::to_string(scenario.strategies[i].kind);
    benchmark::RegisterBenchmark(name.c_str(), BM_SeedScenario_Replication, i);
  }
  return true;
}();
BENCHMARK(BM_SeedScenario_Load)->Unit(benchmark::kMicrosecond);
