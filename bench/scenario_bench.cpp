// The seed scenario (issue #6): one full replication of scenarios/seed-tradeoff.yaml per strategy,
// as replications per second (items/s) on one core; and the time to load and validate the scenario
// file. Planning happens once, outside the timed loop, as in run_experiment.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "models/deployment.h"
#include "sim/replication.h"
#include "sim/scenario/scenario_loader.h"

namespace {

using namespace orchsim;

const std::string kSeedScenario = std::string(ORCHSIM_SOURCE_DIR) + "/scenarios/seed-tradeoff.yaml";

void BM_SeedScenario_Replication(benchmark::State& state) {
  const sim::ScenarioSpec scenario = sim::load_scenario(kSeedScenario);
  Diagnostics diagnostics;
  const auto dag = scenario.workload.dag(diagnostics);
  const auto& strategy = scenario.strategies.at(static_cast<std::size_t>(state.range(0)));
  const auto deployment = models::plan(scenario.workload, *dag, strategy, scenario.catalog, diagnostics);
  diagnostics.throw_if_any();
  state.SetLabel(std::string(models::to_string(strategy.kind)));
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

BENCHMARK(BM_SeedScenario_Replication)->DenseRange(0, 1);
BENCHMARK(BM_SeedScenario_Load)->Unit(benchmark::kMicrosecond);
