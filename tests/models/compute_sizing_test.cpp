// Right-sized compute (models/compute_sizing.h, models::plan): every expected size is hand
// arithmetic from the task's demand and docs/model.md §2.1's node types (DS3_v2: 4 vCPU, 14 GiB;
// NC6s_v3: 6 vCPU, 1 GPU), and the cheapest-fit choice from §2.1's prices at $0.30 per Jobs DBU.
// Scenarios are inline YAML through the one loader.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "models/compute_sizing.h"
#include "models/deployment.h"
#include "sim/input/scenario_loader.h"
#include "tests/models/planned_scenario.h"

using namespace orchsim;
using models::SizingHow;

namespace {

// Every layout here must plan.
testing::Planned planned(const std::string& yaml, std::size_t strategy = 0) {
  testing::Planned p = testing::plan_of(yaml, strategy);
  REQUIRE(p.deployment);
  return p;
}

const models::ComputeSpec& compute(const testing::Planned& p, const std::string& name) {
  for (const auto& c : p.deployment->computes) {
    if (p.deployment->name_of(c) == name) return c;
  }
  FAIL("no compute " << name);
  return p.deployment->computes.front();
}

// A → C ← B: A and B run together, then C.
constexpr const char* kSeedPipeline = R"(
workload:
  tasks:
    - {task_key: a, duration: 10m, cores: 8}
    - {task_key: b, duration: 10m, cores: 8}
    - {task_key: c, duration: 10m, cores: 16, depends_on: [a, b]}
)";

}  // namespace

TEST_SUITE("models.compute_sizing") {
  TEST_CASE("an 8-core task gets 2 DS3_v2 workers, not the template's 4") {
    // ⌈8 / 4 vCPU⌉ = 2, on its own new_cluster and on its multi_job child job's cluster alike.
    const std::string yaml = R"(
cluster: {node_type: Standard_DS3_v2}
workload:
  tasks:
    - {task_key: t, duration: 10m, cores: 8}
strategies: [single_job_cluster_per_task, multi_job, single_job_shared_cluster]
)";
    for (std::size_t s = 0; s < 3; ++s) {
      const auto p = planned(yaml, s);
      REQUIRE(p.deployment->computes.size() == 1);
      const auto& c = p.deployment->computes[0];
      CHECK(c.shape.node->name == "Standard_DS3_v2");
      CHECK(c.shape.workers == 2);
      CHECK(c.sizing.how == SizingHow::kSized);
      CHECK(c.sizing.demand.cores == 8);
    }
  }

  TEST_CASE("memory-bound: 2 cores but 40 GiB on DS3_v2 (14 GiB) need 3 workers") {
    // max(⌈2 / 4⌉, ⌈40 / 14⌉) = max(1, 3) = 3.
    const auto p = planned(R"(
cluster: {node_type: Standard_DS3_v2}
workload:
  tasks:
    - {task_key: t, duration: 10m, cores: 2, mem_gib: 40}
strategies: [single_job_cluster_per_task]
)");
    CHECK(compute(p, "t_cluster").shape.workers == 3);
  }

  TEST_CASE("GPU: a task on NC6s_v3 (6 vCPU, 1 GPU) gets the workers its cores and GPU need") {
    // 8 cores: max(⌈8 / 6⌉, ⌈1 / 1⌉) = 2; 4 cores: max(1, 1) = 1 (the template's 4 before).
    const auto p = planned(R"(
cluster: {node_type: Standard_DS3_v2}
workload:
  tasks:
    - {task_key: big, duration: 10m, cores: 8, required_node_type: Standard_NC6s_v3}
    - {task_key: small, duration: 10m, cores: 4, required_node_type: Standard_NC6s_v3}
strategies: [single_job_cluster_per_task]
)");
    CHECK(compute(p, "big_cluster").shape.node->name == "Standard_NC6s_v3");
    CHECK(compute(p, "big_cluster").shape.workers == 2);
    CHECK(compute(p, "big_cluster").sizing.demand.gpus == 1);
    CHECK(compute(p, "small_cluster").shape.workers == 1);
  }

  TEST_CASE("a task that only prefers a GPU node adds no GPU demand to a CPU shared cluster") {
    // On DS3_v2 (no GPU) the task runs on cores, slowed by the mismatch: ⌈8 / 4⌉ = 2 workers, not
    // the max_workers cap that "1 GPU on a node with none" would give.
    const auto p = planned(R"(
cluster: {node_type: Standard_DS3_v2}
workload:
  tasks:
    - {task_key: train, duration: 10m, cores: 8, preferred_node_type: Standard_NC6s_v3}
strategies: [single_job_shared_cluster]
)");
    CHECK(p.deployment->computes.front().shape.workers == 2);
  }

  TEST_CASE("shared cluster: the seed pipeline's peak is a ∥ b = 16 cores = 4 DS3_v2 workers") {
    // a and b overlap (8 + 8), c runs alone (16): peak 16 cores, ⌈16 / 4⌉ = 4.
    const auto p = planned(std::string("cluster: {node_type: Standard_DS3_v2}\n") + kSeedPipeline +
                           "strategies: [single_job_shared_cluster]\n");
    const auto& c = compute(p, "shared_cluster");
    CHECK(c.sizing.demand.cores == 16);
    CHECK(c.shape.workers == 4);
  }

  TEST_CASE("shared cluster: a task ending as the next starts does not overlap it") {
    // a (8 cores, 0–10 min) then b (8 cores, 10–20 min): the end at 10 min comes first, peak 8 → 2.
    const auto p = planned(R"(
cluster: {node_type: Standard_DS3_v2}
workload:
  tasks:
    - {task_key: a, duration: 10m, cores: 8}
    - {task_key: b, duration: 10m, cores: 8, depends_on: [a]}
strategies: [single_job_shared_cluster]
)");
    CHECK(compute(p, "shared_cluster").sizing.demand.cores == 8);
    CHECK(compute(p, "shared_cluster").shape.workers == 2);
  }

  TEST_CASE("multi_job per group: a child job's cluster carries its group's peak") {
    // Group g holds a ∥ b (8 + 8 = 16 cores → 4 workers); c alone has 16 cores → 4 workers too,
    // and d (2 cores) → 1.
    const auto p = planned(R"(
cluster: {node_type: Standard_DS3_v2}
workload:
  tasks:
    - {task_key: a, duration: 10m, cores: 8, group: g}
    - {task_key: b, duration: 10m, cores: 8, group: g}
    - {task_key: d, duration: 10m, cores: 2, depends_on: [a, b]}
strategies: [{kind: multi_job, group_by: group}]
)");
    CHECK(compute(p, "g_cluster").shape.workers == 4);
    CHECK(compute(p, "d_cluster").shape.workers == 1);
  }

  TEST_CASE("cheapest fit: with no node type written, the cheapest cluster of the default node type's cloud") {
    // The default node type is Standard_DS3_v2 (Azure), so the candidates are the Azure CPU types.
    // $/h of driver + workers at $0.30/DBU (docs/model.md §2.1): per node VM + 0.30 × DBU/h.
    // 8 cores: DS3_v2 3 × (0.23 + 0.225) = 1.365 (cheapest), DS4_v2 2 × 0.91 = 1.82, D4ds_v5
    // 3 × 0.53 = 1.59, E8s_v3 2 × 1.13 = 2.26, DS5_v2 2 × 1.82 = 3.64. (AWS c5.xlarge, 3 × 0.353 =
    // 1.059, would be cheaper: it is not a candidate.)
    // 8 cores and 60 GiB: DS3_v2 (14 GiB) ⌈60/14⌉ = 5 workers, 6 × 0.455 = 2.73; DS4_v2 (28 GiB) 3,
    // 4 × 0.91 = 3.64; D4ds_v5 (16 GiB) 4, 5 × 0.53 = 2.65; E8s_v3 (64 GiB) 1, 2 × 1.13 = 2.26
    // (cheapest); DS5_v2 (56 GiB) 2, 3 × 1.82 = 5.46. (AWS r5.xlarge, 2 workers, 3 × 0.522 = 1.566: not
    // a candidate.)
    const auto p = planned(R"(
workload:
  tasks:
    - {task_key: cpu, duration: 10m, cores: 8}
    - {task_key: mem, duration: 10m, cores: 8, mem_gib: 60}
strategies: [single_job_cluster_per_task]
)");
    CHECK(compute(p, "cpu_cluster").shape.node->name == "Standard_DS3_v2");
    CHECK(compute(p, "cpu_cluster").shape.workers == 2);
    CHECK(compute(p, "cpu_cluster").sizing.how == SizingHow::kCheapestFit);
    CHECK(compute(p, "mem_cluster").shape.node->name == "Standard_E8s_v3");
    CHECK(compute(p, "mem_cluster").shape.workers == 1);
  }

  TEST_CASE("a node type's cloud is read from its name's convention") {
    // Azure VM sizes are Standard_<family>; AWS instance types <family>.<size>; GCP machine types
    // <family>-<kind>-<vCPUs>.
    CHECK(models::cloud_of("Standard_DS3_v2") == models::Cloud::kAzure);
    CHECK(models::cloud_of("m5.xlarge") == models::Cloud::kAws);
    CHECK(models::cloud_of("m-fleet.xlarge") == models::Cloud::kAws);
    CHECK(models::cloud_of("n2-standard-4") == models::Cloud::kGcp);
    CHECK(models::cloud_of("my-box") == models::Cloud::kUnknown);
    CHECK(models::cloud_of("") == models::Cloud::kUnknown);
  }

  TEST_CASE("written workers are kept for every compute, at top level or per strategy; as_defined's clusters too") {
    const std::string yaml = R"(
cluster: {node_type: Standard_DS3_v2, workers: 4}
clusters:
  named: {node_type: Standard_DS4_v2, workers: 5}
workload:
  tasks:
    - {task_key: t, duration: 10m, cores: 8}
    - {task_key: u, duration: 10m, cores: 1, cluster: named}
strategies:
  - single_job_cluster_per_task
  - {kind: single_job_shared_cluster, name: three, cluster: {workers: 3}}
  - {kind: single_job_shared_cluster, name: scaling, cluster: {autoscale: {min_workers: 1, max_workers: 6}}}
  - as_defined
)";
    const auto per_task = planned(yaml, 0);
    CHECK(compute(per_task, "t_cluster").shape.workers == 4);
    CHECK(compute(per_task, "t_cluster").sizing.how == SizingHow::kAsWritten);
    CHECK(compute(planned(yaml, 1), "shared_cluster").shape.workers == 3);
    CHECK(compute(planned(yaml, 2), "shared_cluster").shape.workers == 1);  // autoscale's minimum, as written
    const auto defined = planned(yaml, 3);
    CHECK(compute(defined, "named").shape.workers == 5);
    CHECK(compute(defined, "shared_cluster").shape.workers == 4);
  }

  TEST_CASE("as_defined without written workers keeps the template as it is") {
    const auto p = planned(std::string("cluster: {node_type: Standard_DS3_v2}\n") + kSeedPipeline + "strategies: [as_defined]\n");
    CHECK(compute(p, "shared_cluster").shape.workers == models::ClusterTemplate{}.workers);
    CHECK(compute(p, "shared_cluster").sizing.how == SizingHow::kAsWritten);
  }

  TEST_CASE("a task needing more than max_workers gets the cap, and the report says so") {
    // 20 cores on DS3_v2: ⌈20 / 4⌉ = 5 > max_workers 3.
    const auto p = planned(R"(
cluster: {node_type: Standard_DS3_v2, max_workers: 3}
workload:
  tasks:
    - {task_key: t, duration: 10m, cores: 20}
strategies: [single_job_cluster_per_task]
)");
    const auto& c = compute(p, "t_cluster");
    CHECK(c.shape.workers == 3);
    CHECK(c.sizing.capped);
    CHECK(models::describe(c.sizing, 3) == "sized: peak 20 cores, capped at 3 workers");
  }

  TEST_CASE("hybrid: the shared part carries the peak of the tasks it keeps") {
    // heavy (40 GiB > 32) gets its own cluster: ⌈40 / 14⌉ = 3 workers. The shared cluster carries
    // x ∥ y = 4 + 4 cores = 2 workers.
    const auto p = planned(R"(
cluster: {node_type: Standard_DS3_v2}
workload:
  tasks:
    - {task_key: x, duration: 10m, cores: 4}
    - {task_key: y, duration: 10m, cores: 4}
    - {task_key: heavy, duration: 10m, cores: 1, mem_gib: 40}
strategies: [{kind: hybrid, hybrid: {mem_gib_above: 32}}]
)");
    CHECK(compute(p, "shared_cluster").shape.workers == 2);
    CHECK(compute(p, "heavy_cluster").shape.workers == 3);
  }

  TEST_CASE("a shared cluster with no node type written gets the node type one of its tasks requires") {
    // Only E8s_v3 fits `train`; 8 cores on it (8 vCPU): 1 worker.
    const auto p = planned(R"(
workload: {tasks: [{task_key: train, duration: 10m, cores: 8, required_node_type: Standard_E8s_v3}]}
strategies: [single_job_shared_cluster]
)");
    CHECK(compute(p, "shared_cluster").shape.node->name == "Standard_E8s_v3");
    CHECK(compute(p, "shared_cluster").shape.workers == 1);
  }
}
