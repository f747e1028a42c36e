// The cost of one MPI work unit (cli/mpi/mpi_dispenser.h), for the strong-scaling model of the
// README's "Running on MPI": what a rank does per unit (run its replications and encode the rows)
// and what rank 0 does per unit it gathers (decode the rows into their slots), with the bytes a unit
// sends (counter bytes_per_unit). The scenario is ORCHSIM_BENCH_SCENARIO (default
// scenarios/seed-tradeoff.yaml; the README's figures use a 1,000-task pipeline from
// bench/gen_large_scenario.py), strategy 0, seed 1, units of 16 replications.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "sim/experiment/planned_experiment.h"
#include "sim/experiment/replication_codec.h"
#include "sim/input/scenario_loader.h"

namespace {

using namespace orchsim;

constexpr std::uint64_t kUnit = 16;

std::string scenario_path() {
  const char* path = std::getenv("ORCHSIM_BENCH_SCENARIO");
  return path ? path : std::string(ORCHSIM_SOURCE_DIR) + "/scenarios/seed-tradeoff.yaml";
}

std::vector<sim::ReplicationResult> run_unit(const sim::PlannedExperiment& plan, std::uint64_t first) {
  std::vector<sim::ReplicationResult> rows;
  for (std::uint64_t rep = first; rep < first + kUnit; ++rep) rows.push_back(sim::run_planned(plan, 0, rep));
  return rows;
}

void BM_Dispatch_UnitRun(benchmark::State& state) {
  const sim::ScenarioSpec scenario = sim::load_scenario(scenario_path());
  const sim::PlannedExperiment plan = sim::plan_experiment(scenario, 1);
  std::uint64_t first = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string message;
    sim::ReplicationCodec::encode(run_unit(plan, first), message);
    first += kUnit;
    bytes = message.size();
    benchmark::DoNotOptimize(message);
  }
  state.counters["bytes_per_unit"] = static_cast<double>(bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kUnit));
}

void BM_Dispatch_UnitGather(benchmark::State& state) {
  const sim::ScenarioSpec scenario = sim::load_scenario(scenario_path());
  const sim::PlannedExperiment plan = sim::plan_experiment(scenario, 1);
  std::string message;
  sim::ReplicationCodec::encode(run_unit(plan, 0), message);
  std::vector<sim::ReplicationResult> slots(kUnit);
  for (auto _ : state) {
    auto rows = sim::ReplicationCodec::decode(message);
    std::move(rows.begin(), rows.end(), slots.begin());
    benchmark::DoNotOptimize(slots);
  }
  state.counters["bytes_per_unit"] = static_cast<double>(message.size());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kUnit));
}

}  // namespace

BENCHMARK(BM_Dispatch_UnitRun)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Dispatch_UnitGather)->Unit(benchmark::kMicrosecond);
