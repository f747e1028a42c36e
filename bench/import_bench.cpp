// Import time (issues #6 and #12): parsing and validating a WfCommons (schema 1.5) instance, and
// reading a Databricks bundle (parse, target merge, variable substitution) into a DatabricksSource,
// and the same job as Jobs API JSON, for 1e3 and 1e4 tasks, as tasks per second. The inputs are generated here, so the benchmark needs
// no file outside the project: the WfCommons instance is a layered DAG shaped like the public Pegasus
// traces (each task has 1–3 parents in the layer above); the bundle is one job of that shape on one
// job cluster, with variables in the cluster and in every task, and a default target overriding them.
// Last, planning as_defined when every task has a new_cluster of its own (as many named clusters as
// tasks).
#include <benchmark/benchmark.h>

#include <string>

#include <fmt/format.h>

#include "models/deployment.h"
#include "sim/input/databricks_job_mapper.h"
#include "sim/input/databricks_reader.h"
#include "sim/input/wfcommons.h"

namespace {

using namespace orchsim;

constexpr std::size_t kWidth = 50;

// The parents of task i: 1–3 tasks of the layer above.
std::vector<std::size_t> parents_of(std::size_t i) {
  std::vector<std::size_t> out;
  if (i < kWidth) return out;
  const std::size_t layer_start = (i / kWidth - 1) * kWidth;
  for (std::size_t k = 0; k <= i % 3; ++k) out.push_back(layer_start + (i * 7 + k * 13) % kWidth);
  return out;
}

std::string wfcommons_instance(std::size_t tasks) {
  std::string spec, exec;
  for (std::size_t i = 0; i < tasks; ++i) {
    std::string parents;
    for (const std::size_t p : parents_of(i)) parents += fmt::format("{}\"t{}\"", parents.empty() ? "" : ", ", p);
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

// `own_clusters`: every task on a new_cluster of its own (as many named clusters as tasks) instead
// of the shared job cluster.
std::string databricks_bundle(std::size_t tasks, bool own_clusters = false) {
  std::string out =
      "bundle:\n  name: generated\n"
      "variables:\n  node_type: {default: i3.xlarge}\n  workers: {default: 4}\n  root: {default: /Workspace/etl}\n"
      "targets:\n  dev:\n    default: true\n    variables: {workers: 2}\n"
      "resources:\n  jobs:\n    generated:\n      name: generated-${bundle.target}\n"
      "      job_clusters:\n        - job_cluster_key: shared\n          new_cluster:\n"
      "            spark_version: 15.4.x-scala2.12\n            node_type_id: ${var.node_type}\n"
      "            num_workers: ${var.workers}\n"
      "      tasks:\n";
  for (std::size_t i = 0; i < tasks; ++i) {
    const std::string compute = own_clusters ? "new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: "
                                               "'${var.node_type}', num_workers: 2}"
                                             : "job_cluster_key: shared";
    out += fmt::format("        - task_key: task_{}\n          {}\n          timeout_seconds: {}\n"
                       "          notebook_task:\n            notebook_path: ${{var.root}}/nb_{}.py\n",
                       i, compute, 600 + i % 3000, i % 97);
    const std::vector<std::size_t> parents = parents_of(i);
    if (parents.empty()) continue;
    out += "          depends_on:\n";
    for (const std::size_t p : parents) out += fmt::format("            - task_key: task_{}\n", p);
  }
  return out;
}

// The same job as Jobs API 2.1 settings JSON (the strict JSON reader instead of yaml-cpp).
std::string databricks_job_json(std::size_t tasks) {
  std::string out =
      "{\"name\": \"generated\", \"job_clusters\": [{\"job_cluster_key\": \"shared\", \"new_cluster\": "
      "{\"spark_version\": \"15.4.x-scala2.12\", \"node_type_id\": \"i3.xlarge\", \"num_workers\": 2}}],\n"
      "\"tasks\": [\n";
  for (std::size_t i = 0; i < tasks; ++i) {
    std::string depends;
    for (const std::size_t p : parents_of(i)) depends += fmt::format("{}{{\"task_key\": \"task_{}\"}}", depends.empty() ? "" : ", ", p);
    out += fmt::format("{}{{\"task_key\": \"task_{}\", \"job_cluster_key\": \"shared\", \"timeout_seconds\": {}, "
                       "\"notebook_task\": {{\"notebook_path\": \"/Workspace/etl/nb_{}.py\"}}, \"depends_on\": [{}]}}",
                       i == 0 ? "" : ",\n", i, 600 + i % 3000, i % 97, depends);
  }
  return out + "]}\n";
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

void BM_Databricks_Bundle_Read(benchmark::State& state) {
  const auto tasks = static_cast<std::size_t>(state.range(0));
  const std::string yaml = databricks_bundle(tasks);
  sim::BundleOptions options;
  options.read_process_env = false;
  for (auto _ : state) {
    auto source = sim::parse_databricks_source(yaml, "generated/databricks.yml", options);
    benchmark::DoNotOptimize(source);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tasks));
  state.counters["bytes"] = static_cast<double>(yaml.size());
}

void BM_Databricks_JobsJson_Read(benchmark::State& state) {
  const auto tasks = static_cast<std::size_t>(state.range(0));
  const std::string json = databricks_job_json(tasks);
  const sim::BundleOptions options;
  for (auto _ : state) {
    auto source = sim::parse_databricks_source(json, "generated.json", options);
    benchmark::DoNotOptimize(source);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tasks));
  state.counters["bytes"] = static_cast<double>(json.size());
}

// The job mapping that follows the read (schema check, tasks, compute, profile defaults, strategies).
void BM_Databricks_Map(benchmark::State& state) {
  const auto tasks = static_cast<std::size_t>(state.range(0));
  sim::BundleOptions options;
  options.read_process_env = false;
  const sim::DatabricksSource source = sim::parse_databricks_source(databricks_bundle(tasks), "generated/databricks.yml", options);
  const sim::Profile profile;
  for (auto _ : state) {
    auto import = sim::map_databricks_job(source, profile, "");
    benchmark::DoNotOptimize(import);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tasks));
}

// Planning the layout as written when every task names a cluster of its own (as many named clusters
// as tasks): as_defined looks each up by name, so this stays linear.
void BM_Databricks_AsDefined_Plan(benchmark::State& state) {
  const auto tasks = static_cast<std::size_t>(state.range(0));
  sim::BundleOptions options;
  options.read_process_env = false;
  const sim::DatabricksSource source =
      sim::parse_databricks_source(databricks_bundle(tasks, true), "generated/databricks.yml", options);
  const sim::DatabricksImport import = sim::map_databricks_job(source, sim::Profile{}, "");
  Diagnostics diagnostics;
  const auto dag = import.scenario.workload.dag(diagnostics);
  for (auto _ : state) {
    auto deployment = models::plan(import.scenario.workload, *dag, import.scenario.strategies.front(),
                                   import.scenario.catalog, import.scenario.world.pricing, diagnostics);
    benchmark::DoNotOptimize(deployment);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tasks));
  state.counters["clusters"] = static_cast<double>(import.scenario.strategies.front().clusters.size());
}

}  // namespace

BENCHMARK(BM_WfCommons_Import)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Databricks_Bundle_Read)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Databricks_JobsJson_Read)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Databricks_Map)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Databricks_AsDefined_Plan)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
