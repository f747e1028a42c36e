// The user's path at scale (issue #15): what `orchsim compare FILE -n 1 --out DIR` does in-process,
// for a generated scenario of 1e3, 1e4 and 1e5 tasks — load (parse and validate the YAML), then
// run_experiment (plan, simulate, metrics, model checks, the timeline of the representative run),
// then the recommendation and every report file rendered (nothing is written). Counters give each
// phase's CPU seconds per iteration and the YAML's size. The scenario has the shape of
// bench/gen_large_scenario.py (a layered DAG with fan-in and hub fan-out; multi_job and a shared job
// cluster), drawn from orchsim's Rng, so the benchmark needs no file.
#include <benchmark/benchmark.h>

#include <ctime>
#include <string>

#include <fmt/format.h>

#include "engine/rng.h"
#include "reports/bundle.h"
#include "reports/recommendation.h"
#include "sim/experiment/experiment.h"
#include "sim/input/load_input.h"

namespace {

using namespace orchsim;

std::string large_scenario(std::size_t tasks) {
  constexpr std::size_t kLayers = 20, kWindow = 4, kHubEvery = 50, kHubFanOut = 8;
  Rng rng(1, 0, "user_path_bench");
  const auto draw = [&](std::uint64_t lo, std::uint64_t hi) { return lo + rng.next_u64() % (hi - lo + 1); };
  const std::size_t width = (tasks + kLayers - 1) / kLayers;
  std::string out = fmt::format(
      "name: large-{0}\nseed: 42\nreplications: 1\nhorizon: 3650d\n"
      "cluster: {{node_type: Standard_DS3_v2, workers: 2}}\ntrigger_latency: 5s\n"
      "workload:\n  name: large_{0}\n  tasks:\n",
      tasks);
  for (std::size_t i = 0; i < tasks; ++i) {
    const std::size_t layer = i / width, pos = i % width;
    std::string deps;
    if (layer > 0) {
      const std::size_t first = (layer - 1) * width;
      const std::size_t lo = pos >= kWindow ? pos - kWindow : 0, hi = std::min(width - 1, pos + kWindow);
      const std::size_t a = first + draw(lo, hi), b = first + draw(lo, hi);
      deps = fmt::format("t{:07d}", a);
      if (b != a) deps += fmt::format(", t{:07d}", b);
      const std::size_t hub = first + pos / kHubEvery * kHubEvery;
      if (pos % kHubEvery < kHubFanOut && hub != a && hub != b) deps += fmt::format(", t{:07d}", hub);
    }
    out += fmt::format("    - {{task_key: t{:07d}, duration: {}s, cores: {}{}, failure_probability: 0.01, "
                       "max_retries: 2, min_retry_interval: 30s}}\n",
                       i, draw(10, 120), draw(1, 4), deps.empty() ? "" : ", depends_on: [" + deps + "]");
  }
  out += "strategies:\n  - multi_job\n  - {kind: single_job_shared_cluster, cluster: {workers: 100}}\n";
  return out;
}

// Process CPU seconds since `from` (one thread runs everything here): steadier than wall time on
// the shared build machine.
double seconds_since(std::clock_t from) { return static_cast<double>(std::clock() - from) / CLOCKS_PER_SEC; }

void BM_UserPath(benchmark::State& state) {
  const auto tasks = static_cast<std::size_t>(state.range(0));
  const std::string yaml = large_scenario(tasks);
  double load_s = 0, experiment_s = 0, reports_s = 0;
  for (auto _ : state) {
    auto t = std::clock();
    const sim::ScenarioSpec scenario =
        std::move(*sim::parse_input(yaml, "large.yaml", {.use = sim::InputUse::kScenario}).scenario);
    load_s += seconds_since(t);
    t = std::clock();
    const sim::ExperimentResult result = sim::run_experiment(scenario, {.replications = 1, .threads = 1});
    experiment_s += seconds_since(t);
    t = std::clock();
    const auto files = reports::experiment_files(result, reports::recommend(result, reports::Weights{}));
    benchmark::DoNotOptimize(files.data());
    reports_s += seconds_since(t);
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["load_s"] = load_s / n;
  state.counters["experiment_s"] = experiment_s / n;
  state.counters["reports_s"] = reports_s / n;
  state.counters["yaml_bytes"] = static_cast<double>(yaml.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tasks));
}

}  // namespace

BENCHMARK(BM_UserPath)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();
