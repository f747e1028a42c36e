// Strategies run in the world, exact: multi_job per named group (trigger latency per hop, one
// startup per group), the pool variant of cluster-per-task and of multi_job (the second cluster
// starts warm from the instances the first returned), and hybrid placing a GPU task on its own
// GPU cluster while the rest share one. Expected times and bills are derived here from the inputs.
#include <doctest/doctest.h>

#include <string>

#include "tests/sim/world/world_fixture.h"

using namespace orchsim;
using testing::kMicro;
using testing::simulate_world;

namespace {
constexpr double kVm = 0.23, kDbu = 0.75, kUsdPerDbu = 0.30;  // Standard_DS3_v2, Jobs Compute
}  // namespace

TEST_SUITE("sim.world.strategies") {
  TEST_CASE("multi_job per group: each group's job pays one trigger latency and one startup, its tasks share the cluster") {
    const auto o = simulate_world(R"(
trigger_latency: 10s
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 1m}
workload:
  tasks:
    - {task_key: a, duration: 10m, cores: 4, group: g1}
    - {task_key: b, duration: 5m, cores: 4, group: g1, depends_on: [a]}
    - {task_key: c, duration: 20m, cores: 4, group: g2, depends_on: [b]}
strategies: [{kind: multi_job, group_by: group}]
)");
    const double lat = 10, S = 60, wa = 600, wb = 300, wc = 1200;
    CHECK(o.finishes("a")[0].first == doctest::Approx(lat + S + wa).epsilon(kMicro));
    CHECK(o.finishes("b")[0].first == doctest::Approx(lat + S + wa + wb).epsilon(kMicro));  // no second startup
    CHECK(o.result.makespan.to_seconds() == doctest::Approx(2 * (lat + S) + wa + wb + wc).epsilon(kMicro));
    CHECK(o.result.cluster_starts == 2);
    CHECK(o.result.outcome == JobResult::kSuccess);
    // Each group cluster: 2 nodes, billed VM from its request, DBUs once up, until its last task ends.
    const double g1_s = S + wa + wb, g2_s = S + wc;
    CHECK(o.result.cost.vm_usd == doctest::Approx(2 * kVm * (g1_s + g2_s) / 3600).epsilon(1e-9));
    CHECK(o.result.cost.dbu_usd == doctest::Approx(2 * kDbu * kUsdPerDbu * (wa + wb + wc) / 3600).epsilon(1e-9));
  }

  TEST_CASE("pool variants: the next cluster starts warm from the instances the previous one returned") {
    const std::string pool = R"(
pools: [{name: p, min_idle: 0, warm_start: 30s, idle_timeout: 10m}]
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}
workload:
  tasks:
    - {task_key: a, duration: 10m, cores: 4}
    - {task_key: b, duration: 20m, cores: 4, depends_on: [a]}
)";
    const double S = 270, warm = 30, wa = 600, wb = 1200, timeout = 600, nodes = 5;
    SUBCASE("single_job_cluster_per_task") {
      const auto o = simulate_world(pool + "strategies: [{kind: single_job_cluster_per_task, pool: p}]\n");
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(S + wa + warm + wb).epsilon(kMicro));
      CHECK(o.result.cluster_starts == 2);
      // a's nodes are taken back at once by b; b's idle in the pool for the idle timeout.
      CHECK(o.result.cost.pool_idle_usd == doctest::Approx(nodes * kVm * timeout / 3600).epsilon(1e-9));
      const double vm = nodes * kVm * (S + wa + warm + wb + timeout) / 3600;
      CHECK(o.result.cost.vm_usd == doctest::Approx(vm).epsilon(1e-9));
      CHECK(o.result.cost.dbu_usd == doctest::Approx(nodes * kDbu * kUsdPerDbu * (wa + wb) / 3600).epsilon(1e-9));
    }
    SUBCASE("multi_job: the second job's cluster is warm too, after two trigger latencies") {
      const auto o = simulate_world(pool + "trigger_latency: 10s\nstrategies: [{kind: multi_job, pool: p}]\n");
      const double lat = 10;
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(lat + S + wa + lat + warm + wb).epsilon(kMicro));
      // a's nodes wait idle in the pool for one trigger latency before b's cluster takes them.
      CHECK(o.result.cost.pool_idle_usd == doctest::Approx(nodes * kVm * (lat + timeout) / 3600).epsilon(1e-9));
    }
    SUBCASE("without the pool both start cold") {
      const auto o = simulate_world(pool + "strategies: [single_job_cluster_per_task]\n");
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(S + wa + S + wb).epsilon(kMicro));
      CHECK(o.result.cost.pool_idle_usd == 0);
    }
  }

  TEST_CASE("hybrid: a task requiring a GPU node runs on its own GPU cluster at the catalog's GPU prices") {
    const auto o = simulate_world(R"(
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 1m}
workload:
  tasks:
    - {task_key: prep, duration: 10m, cores: 4}
    - {task_key: train, duration: 20m, cores: 4, required_node_type: g4dn.xlarge, depends_on: [prep]}
    - {task_key: post, duration: 10m, cores: 4, depends_on: [train]}
strategies: [hybrid]
)");
    const models::NodeType& gpu = *o.spec.catalog.find("g4dn.xlarge");
    REQUIRE(gpu.gpus >= 1);
    const double S = 60, wp = 600, wt = 1200 / gpu.speed, wq = 600;
    const double train_end = S + wp + S + wt, end = train_end + wq;
    CHECK(o.finishes("train")[0].first == doctest::Approx(train_end).epsilon(kMicro));
    CHECK(o.result.makespan.to_seconds() == doctest::Approx(end).epsilon(kMicro));
    // The shared cluster stays up (idle, billed) while train runs elsewhere: post still needs it.
    const double shared = 2 * (kVm * end + kDbu * kUsdPerDbu * (end - S)) / 3600;
    const double own = 2 * (gpu.vm_usd_per_hour * (S + wt) + gpu.dbu_per_hour * kUsdPerDbu * wt) / 3600;
    CHECK(o.result.cost.total() == doctest::Approx(shared + own).epsilon(1e-9));
    CHECK(o.deployment.computes.size() == 2);
  }
}
