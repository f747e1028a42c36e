// Import time (issue #6): parsing and validating a WfCommons (schema 1.5) instance of 1e3 and 1e4
// tasks into a Workload, as tasks per second. The instance is generated here, a layered DAG shaped
// like the public Pegasus traces (each task has 1–3 parents in the layer above), so the benchmark
// needs no file outside the project.
#include <benchmark/benchmark.h>

#include <string>

#include <fmt/format.h>

#include "sim/input/wfcommons.h"

namespace {

using namespace orchsim;

std::string wfcommons_instance(std::size_t tasks) {
  constexpr std::size_t kWidth = 50;
  std::string spec, exec;
  for (std::size_t i = 0; i < tasks; ++i) {
    std::string parents;
    if (i >= kWidth) {
      const std::size_t layer_start = (i / kWidth - 1) * kWidth;
      for (std::size_t k = 0; k <= i % 3; ++k) {
        parents += fmt::format("{}\"t{}\"", k == 0 ? "" : ", ", layer_start + (i * 7 + k * 13) % kWidth);
      }
    }
    spec += fmt::format("{}{{\"name\": \"task_{}\", \"id\": \"t{}\", \"parents\": [{}], \"children\": []}}",
                        i == 0 ? "" : ",\n", i, i, parents);
    exec += fmt::format("{}{{\"id\": \"t{}\", \"runtimeInSeconds\": {}.5, \"coreCount\": {}, "
                        "\"memoryInBytes\": {}, \"machines\": [\"m{}\"]}}",
                        i == 0 ? "" : ",\n", i, 10 + i % 90, 1 + i % 4, (i % 8 + 1) * 268435456, i % 4);
  }
  return fmt::format(
      "{{\"name\": \"generated\", \"schemaVersion\": \"1.5\", \"workflow\": {{\n"
      "\"specification\": {{\"tasks\": [\n{}]}},\n"
      "\"execution\": {{\"makespanInSeconds\": 1000, \"machines\": [{{\"nodeName\": \"m0\", \"cpu\": {{\"coreCount\": 48}}}}],\n"
      "\"tasks\": [\n{}]}}}}}}\n",
      spec, exec);
}

void BM_WfCommons_Import(benchmark::State& state) {
  const auto tasks = static_cast<std::size_t>(state.range(0));
  const std::string json = wfcommons_instance(tasks);
  for (auto _ : state) {
    auto trace = sim::parse_wfcommons(json, "generated.json");
    benchmark::DoNotOptimize(trace);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tasks));
  state.counters["bytes"] = static_cast<double>(json.size());
}

}  // namespace

BENCHMARK(BM_WfCommons_Import)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
