// Billing, end to end through the world and the metrics (docs/model.md §2.2–2.4): the serverless
// cost of known tasks, a pool's standing cost amortised over runs_per_day, an existing all-purpose
// cluster attributed as shared or dedicated, and per-task and per-cluster costs that sum to cost_usd
// under every strategy kind, faults included. Every expected number is worked out here from the
// built-in prices (DS3_v2: 4 vCPU, 0.75 DBU/h, $0.23/h VM; Jobs $0.30, All-Purpose $0.55,
// serverless $0.40 per DBU, 0.375 serverless DBU per core-hour).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/input/scenario_loader.h"
#include "tests/sim/experiment/seed_like.h"

using namespace orchsim;

namespace {

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

sim::ReplicationResult run(const std::string& yaml, std::size_t strategy = 0, std::uint64_t replication = 0) {
  const auto s = sim::parse_scenario(yaml, "billing.yaml");
  Diagnostics d;
  const auto dag = s.workload.dag(d);
  REQUIRE(dag);
  const auto deployment = models::plan(s.workload, *dag, s.strategies[strategy], s.catalog, s.world.pricing, d);
  REQUIRE(deployment);
  return sim::run_replication(*deployment, s.workload, s.world, 42, replication);
}

constexpr double kVm = 0.23, kDbu = 0.75;

}  // namespace

TEST_SUITE("sim.billing") {
  TEST_CASE("serverless: each task pays its cores × $0.15 per core-hour, standard mode 0.6 × that") {
    const std::string workload = R"(
workload:
  tasks:
    - {task_key: a, duration: 40m, cores: 6}
    - {task_key: b, duration: 10m, cores: 2, depends_on: [a]}
strategies: [serverless]
)";
    // Performance-optimised: 0.375 DBU/core-h × $0.40 = $0.15/core-h.
    // a: 6 cores × 2/3 h × 0.15 = $0.60; b: 2 × 1/6 h × 0.15 = $0.05. Nothing while starting, no
    // VM line, and Photon changes nothing.
    const auto fast = run("cluster: {serverless_startup: 30s, photon: true}\n" + workload);
    CHECK(fast.metrics.vm_usd == 0);
    CHECK(fast.metrics.startup_usd == 0);
    CHECK(fast.metrics.task_cost_usd[0] == doctest::Approx(0.60).epsilon(1e-9));
    CHECK(fast.metrics.task_cost_usd[1] == doctest::Approx(0.05).epsilon(1e-9));
    CHECK(fast.metrics.cost_usd() == doctest::Approx(0.65).epsilon(1e-9));
    CHECK(fast.makespan.to_seconds() == doctest::Approx(30 + 2400 + 30 + 600));
    // Standard: × 0.6 = $0.09/core-h: $0.36 + $0.03.
    const auto slow = run("cluster: {serverless_startup: 5m, performance_target: standard}\n" + workload);
    CHECK(slow.metrics.cost_usd() == doctest::Approx(0.39).epsilon(1e-9));
    CHECK(slow.makespan.to_seconds() == doctest::Approx(300 + 2400 + 300 + 600));
  }

  TEST_CASE("pool standing cost: min_idle VMs around the clock over runs_per_day, billed once") {
    // One 10-minute task on DS3_v2 × (1 + 4) drawing 5 warm nodes from a pool of min_idle 5.
    const std::string scenario = R"(
runs_per_day: 24
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}
pools: [{name: p, min_idle: 5, warm_start: 30s, idle_timeout: 10m}]
workload:
  tasks: [{task_key: a, duration: 10m, cores: 4}]
strategies: [{kind: single_job_shared_cluster, pool: p}]
)";
    const auto r = run(scenario);
    // Standing: 5 × $0.23 × 24 h / 24 runs = $1.15.
    const double standing = 5 * kVm * 24 / 24;
    // Above min_idle: the cluster's 5 nodes, returned after the run, idle 10 min until released
    // (the 5 replacements provisioned meanwhile restore min_idle: standing, not billed again).
    const double idle = 5 * kVm * 600 / 3600;
    // The cluster: 5 VMs while it starts warm (30 s, no DBUs), then 5 × (VM + 0.75 × $0.30) for 10 min.
    const double cluster = 5 * kVm * 30 / 3600 + 5 * (kVm + kDbu * 0.30) * 600 / 3600;
    CHECK(r.metrics.pool_standing_usd == doctest::Approx(standing).epsilon(1e-9));
    CHECK(r.cost.pool_standing_usd == doctest::Approx(standing).epsilon(1e-9));
    CHECK(r.cost.pool_idle_usd == doctest::Approx(idle).epsilon(1e-9));
    CHECK(r.metrics.cost_usd() == doctest::Approx(standing + idle + cluster).epsilon(1e-9));
    // The pool's costs are the cluster's: one cluster, one task, each the whole bill.
    REQUIRE(r.metrics.compute_cost_usd.size() == 1);
    CHECK(r.metrics.compute_cost_usd[0] == doctest::Approx(r.metrics.cost_usd()).epsilon(1e-12));
    CHECK(r.metrics.task_cost_usd[0] == doctest::Approx(r.metrics.cost_usd()).epsilon(1e-12));
  }

  TEST_CASE("an existing all-purpose cluster: shared pays the core-hours used, dedicated the up-time and tail") {
    // a (4 cores, 20 min) and b (8 cores, 10 min) together on DS3_v2 × (1 + 4): 12 of 16 cores.
    const auto scenario = [](const char* attribution) {
      return std::string("cluster: {node_type: Standard_DS3_v2, workers: 4, auto_terminate_after: 30m, attribution: ") +
             attribution + R"(}
workload:
  tasks:
    - {task_key: a, duration: 20m, cores: 4}
    - {task_key: b, duration: 10m, cores: 8}
strategies: [all_purpose_shared]
)";
    };
    const double per_hour = 5 * (kVm + kDbu * 0.55);  // $3.2125/h at All-Purpose rates
    // Shared: $3.2125 / 16 per core-hour; a held 4 × 1/3 = 4/3 core-h, b 8 × 1/6 = 4/3 core-h.
    const auto shared = run(scenario("shared"));
    CHECK(shared.metrics.task_cost_usd[0] == doctest::Approx(per_hour / 16 * 4 / 3).epsilon(1e-9));
    CHECK(shared.metrics.task_cost_usd[1] == doctest::Approx(per_hour / 16 * 4 / 3).epsilon(1e-9));
    CHECK(shared.metrics.cost_usd() == doctest::Approx(per_hour / 16 * 8 / 3).epsilon(1e-9));
    CHECK(shared.metrics.idle_usd == doctest::Approx(0).epsilon(1e-9));
    CHECK(shared.metrics.startup_usd == 0);
    // Dedicated: up from t = 0 to the last task's end (20 min) plus the 30-minute tail: 50 min;
    // the two tasks held equal core-seconds, so each is charged half.
    const auto dedicated = run(scenario("dedicated"));
    CHECK(dedicated.metrics.cost_usd() == doctest::Approx(per_hour * 50 / 60).epsilon(1e-9));
    CHECK(dedicated.metrics.task_cost_usd[0] == doctest::Approx(per_hour * 25 / 60).epsilon(1e-9));
    CHECK(dedicated.metrics.task_cost_usd[1] == doctest::Approx(per_hour * 25 / 60).epsilon(1e-9));
  }

  TEST_CASE("per-task and per-cluster costs sum to cost_usd under every strategy kind, faults included") {
    const std::string scenario = R"(
runs_per_day: 3
cluster: {node_type: Standard_DS3_v2, workers: 2, spot_workers: true}
clusters:
  big: {kind: new_cluster, node_type: Standard_DS4_v2, workers: 2}
  fast: {kind: serverless}
pools: [{name: p, min_idle: 2}]
faults: {driver_crashes_per_hour: 2, spot_losses_per_hour: 1, launch_failure_probability: 0.1}
workload:
  tasks:
    - {task_key: a, duration: 15m, cores: 4, failure_probability: 0.3, max_retries: 2, cluster: big}
    - {task_key: b, duration: 10m, cores: 8, failure_probability: 0.2, max_retries: 1, cluster: fast}
    - {task_key: c, duration: 5m, cores: 2, depends_on: [a, b], max_retries: 2}
    - {task_key: d, duration: 8m, cores: 4, depends_on: [a], max_retries: 1, group: tail}
strategies:
  - multi_job
  - {kind: single_job_shared_cluster, pool: p}
  - {kind: single_job_cluster_per_task, pool: p}
  - all_purpose_shared
  - {name: dedicated, kind: all_purpose_shared, cluster: {attribution: dedicated}}
  - hybrid
  - serverless
  - as_defined
)";
    for (std::size_t strategy = 0; strategy < 8; ++strategy) {
      for (std::uint64_t replication = 0; replication < 6; ++replication) {
        CAPTURE(strategy);
        CAPTURE(replication);
        const auto r = run(scenario, strategy, replication);
        const double cost = r.metrics.cost_usd();
        CHECK(cost == doctest::Approx(r.cost.total()).epsilon(1e-12));
        CHECK(sum(r.metrics.task_cost_usd) == doctest::Approx(cost).epsilon(1e-12));
        CHECK(sum(r.metrics.compute_cost_usd) == doctest::Approx(cost).epsilon(1e-12));
      }
    }
  }
}
