// The cluster world's physics, exact: bounded processor sharing, max-min sharing with unequal
// demands, a task arriving mid-run, startup and termination per cluster kind, pool warm vs cold
// start, autoscaling, and what a driver crash takes down. Every expected value is derived here from
// the scenario's numbers.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/world/simulated_world.h"
#include "tests/sim/world/world_fixture.h"

using namespace orchsim;

namespace {

testing::WorldOutcome simulate(const std::string& yaml, std::size_t strategy = 0) {
  return testing::simulate_world(yaml, strategy);
}
using testing::kMicro;

// The scenario's first strategy, planned (the test fails when it cannot be).
models::Deployment first_strategy_planned(const sim::ScenarioSpec& spec) {
  Diagnostics d;
  const auto dag = spec.workload.dag(d);
  REQUIRE(dag);
  auto deployment = models::plan(spec.workload, *dag, spec.strategies[0], spec.catalog, spec.world.pricing, d);
  REQUIRE(deployment);
  return std::move(*deployment);
}

}  // namespace

TEST_SUITE("sim.world") {
  TEST_CASE("bounded processor sharing: k equal single-core tasks on c cores finish at w·max(1, k/c)") {
    const double w = 600;  // seconds
    const int c = 4;       // 1 worker × 4 vCPU
    for (int k : {1, 3, 4, 6, 8}) {
      std::string tasks;
      for (int i = 0; i < k; ++i) tasks += fmt::format("    - {{task_key: t{}, duration: 10m, cores: 1}}\n", i);
      const auto o = simulate("cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 0s}\n"
                              "workload:\n  tasks:\n" + tasks + "strategies: [single_job_shared_cluster]\n");
      const double expected = w * std::max(1.0, double(k) / c);
      for (int i = 0; i < k; ++i) {
        const auto f = o.finishes(fmt::format("t{}", i));
        REQUIRE(f.size() == 1);
        CHECK(f[0].first == doctest::Approx(expected).epsilon(kMicro));
      }
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(expected).epsilon(kMicro));
    }
  }

  TEST_CASE("max-min sharing with unequal demands") {
    // 16 cores. a can use 2, b and c 16 each: a gets 2, b and c split the other 14.
    const auto o = simulate(R"(
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 0s}
workload:
  tasks:
    - {task_key: a, duration: 30m, cores: 2}
    - {task_key: b, duration: 10m, cores: 16}
    - {task_key: c, duration: 10m, cores: 16}
strategies: [single_job_shared_cluster]
)");
    const double cores = 16, share_bc = (cores - 2) / 2;
    const double work_bc = 600 * 16;
    CHECK(o.finishes("b")[0].first == doctest::Approx(work_bc / share_bc).epsilon(kMicro));
    CHECK(o.finishes("c")[0].first == doctest::Approx(work_bc / share_bc).epsilon(kMicro));
    CHECK(o.finishes("a")[0].first == doctest::Approx(1800).epsilon(kMicro));  // always its full 2 cores
  }

  TEST_CASE("a task arriving mid-run takes its fair share from then on") {
    // 4 cores. a (4 cores, 2400 core-s) and x (1 core, 120 core-s) start together; b (4 cores,
    // 2400 core-s) starts when x ends.
    const auto o = simulate(R"(
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 0s}
workload:
  tasks:
    - {task_key: a, duration: 10m, cores: 4}
    - {task_key: x, duration: 2m, cores: 1}
    - {task_key: b, duration: 10m, cores: 4, depends_on: [x]}
strategies: [single_job_shared_cluster]
)");
    // Until x ends: equal share 2 ≥ x's demand 1, so x gets 1 and a gets 3.
    const double t1 = 120.0 / 1;
    const double a_left = 2400 - 3 * t1;
    // Then a and b split 4 cores: 2 each until a ends; b finishes alone at 4 cores.
    const double t2 = t1 + a_left / 2;
    const double b_left = 2400 - 2 * (t2 - t1);
    const double t3 = t2 + b_left / 4;
    CHECK(o.finishes("x")[0].first == doctest::Approx(t1).epsilon(kMicro));
    CHECK(o.finishes("a")[0].first == doctest::Approx(t2).epsilon(kMicro));
    CHECK(o.finishes("b")[0].first == doctest::Approx(t3).epsilon(kMicro));
  }

  TEST_CASE("startup and termination arithmetic per cluster kind") {
    const std::string workload = R"(
workload:
  tasks:
    - {task_key: a, duration: 20m, cores: 4}
    - {task_key: b, duration: 10m, cores: 4, depends_on: [a]}
)";
    const double S = 270, wa = 1200, wb = 600;
    const double nodes = 5, vm = 0.23, dbu = 0.75;
    SUBCASE("job cluster: one startup, terminated after the last task") {
      const auto o = simulate("cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}\n" + workload +
                              "strategies: [single_job_shared_cluster]\n");
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(S + wa + wb).epsilon(kMicro));
      CHECK(o.result.cluster_starts == 1);
      const double cost = nodes * vm * (S + wa + wb) / 3600 + nodes * dbu * 0.30 * (wa + wb) / 3600;
      CHECK(o.result.cost.total() == doctest::Approx(cost).epsilon(1e-9));
    }
    SUBCASE("new_cluster per task: a startup before each task, each cluster ends with its task") {
      const auto o = simulate("cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}\n" + workload +
                              "strategies: [single_job_cluster_per_task]\n");
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(2 * S + wa + wb).epsilon(kMicro));
      CHECK(o.result.cluster_starts == 2);
      const double cost = nodes * vm * (S + wa + S + wb) / 3600 + nodes * dbu * 0.30 * (wa + wb) / 3600;
      CHECK(o.result.cost.total() == doctest::Approx(cost).epsilon(1e-9));
    }
    SUBCASE("all-purpose, dedicated: already up, All-Purpose rate until idle auto-termination") {
      const auto o = simulate("cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s, "
                              "auto_terminate_after: 30m, attribution: dedicated}\n" + workload +
                              "strategies: [all_purpose_shared]\n");
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(wa + wb).epsilon(kMicro));
      const double up = wa + wb + 1800;
      CHECK(o.result.cost.total() == doctest::Approx(nodes * (vm + dbu * 0.55) * up / 3600).epsilon(1e-9));
      REQUIRE(o.world.clusters.back().kind == sim::ClusterEvent::Kind::kTerminated);
      CHECK(o.world.clusters.back().time.since_start().to_seconds() == doctest::Approx(up));
    }
    SUBCASE("all-purpose, shared (the default): $/h per worker core × the core-hours the run held, no tail") {
      const auto o = simulate("cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s, "
                              "auto_terminate_after: 30m}\n" + workload + "strategies: [all_purpose_shared]\n");
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(wa + wb).epsilon(kMicro));
      // 5 × (0.23 + 0.75 × 0.55) = $3.2125/h over 16 worker cores; a and b held 4 cores each for
      // 20 + 10 min = 2 core-hours: 2 × 3.2125 / 16 = $0.4015625. No idle tail.
      const double core_h = 4 * (wa + wb) / 3600;
      CHECK(o.result.cost.total() == doctest::Approx(core_h * nodes * (vm + dbu * 0.55) / 16).epsilon(1e-9));
      CHECK(o.result.cost.total() == doctest::Approx(0.4015625).epsilon(1e-9));
    }
    SUBCASE("all-purpose: a noisy neighbour's load slows the tasks") {
      const auto o = simulate("cluster: {node_type: Standard_DS3_v2, workers: 1, noisy_neighbour_load: 0.5}\n" +
                              workload + "strategies: [all_purpose_shared]\n");
      // 4 worker cores, half of them busy with other users' work: each task runs at 2 of its 4.
      CHECK(o.result.makespan.to_seconds() == doctest::Approx((wa + wb) * 4 / 2).epsilon(kMicro));
    }
    SUBCASE("serverless: its own start per task, billed by the task's cores, nothing while starting") {
      const auto o = simulate("cluster: {node_type: Standard_DS3_v2, serverless_startup: 40s}\n" + workload +
                              "strategies: [serverless]\n");
      const double Z = 40;
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(2 * Z + wa + wb).epsilon(kMicro));
      // 4 cores × 0.375 DBU/core-h × $0.40 = $0.60/h for 30 min of tasks: $0.30, no VM line.
      CHECK(o.result.cost.vm_usd == 0);
      CHECK(o.result.cost.total() == doctest::Approx(4 * 0.375 * 0.40 * (wa + wb) / 3600).epsilon(1e-9));
    }
    SUBCASE("serverless, standard: a 4–6 minute start, 0.6 × the DBUs; photon changes nothing") {
      const auto o = simulate("cluster: {node_type: Standard_DS3_v2, performance_target: standard, photon: true}\n" +
                              workload + "strategies: [serverless]\n");
      // The standard start is lognormal(median 5 min, p95 6 min): each of the two starts in (0, ∞),
      // so only the bill is exact: 4 cores × 0.375 × 0.6 × $0.40 = $0.36/h for 30 min = $0.18.
      CHECK(o.result.cost.vm_usd == 0);
      CHECK(o.result.cost.total() == doctest::Approx(4 * 0.375 * 0.6 * 0.40 * (wa + wb) / 3600).epsilon(1e-9));
      CHECK(o.result.makespan.to_seconds() > wa + wb + 2 * 60);
    }
    SUBCASE("autoscaling: backlog adds workers after the scale-up delay") {
      const auto o = simulate(R"(
cluster:
  node_type: Standard_DS3_v2
  startup: 0s
  autoscale: {min_workers: 1, max_workers: 4, scale_up_delay: 2m, scale_down_after: 1m}
workload:
  tasks:
    - {task_key: big, duration: 10m, cores: 16}
strategies: [single_job_shared_cluster]
)");
      // 4 cores for the first D seconds, then 16: 16·600 core-s of work.
      const double D = 120, work = 16 * 600;
      const double end = D + (work - 4 * D) / 16;
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(end).epsilon(kMicro));
      // Billing: 2 nodes for D (3 more starting, VM only), then 5 nodes.
      const double cost = vm * (2 * end + 3 * end) / 3600 + dbu * 0.30 * (2 * D + 5 * (end - D)) / 3600;
      CHECK(o.result.cost.total() == doctest::Approx(cost).epsilon(1e-9));
    }
  }

  TEST_CASE("instance pool: warm start when every node is idle, cold start otherwise; idle VMs billed") {
    const auto scenario = [](int min_idle) {
      return R"(
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}
pools: [{name: p, min_idle: )" + std::to_string(min_idle) + R"(, warm_start: 30s, idle_timeout: 10m}]
workload:
  tasks: [{task_key: a, duration: 10m, cores: 4}]
strategies: [{kind: single_job_shared_cluster, pool: p}]
)";
    };
    const double S = 270, warm = 30, w = 600, timeout = 600, vm = 0.23;
    SUBCASE("5 idle instances for a 5-node cluster: warm") {
      const auto o = simulate(scenario(5));
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(warm + w));
      // The 5 replacements provisioned from t = 0 restore min_idle: they are the pool's standing
      // cost (5 × $0.23 × 24 h / 1 run a day = $27.60), not billed again inside the run. The
      // cluster's 5 nodes come back at warm + w, above min_idle, and go after the idle timeout.
      CHECK(o.result.cost.pool_idle_usd == doctest::Approx(vm * 5 * timeout / 3600).epsilon(1e-9));
      CHECK(o.result.cost.pool_standing_usd == doctest::Approx(5 * vm * 24).epsilon(1e-9));
    }
    SUBCASE("3 idle instances for a 5-node cluster: cold") {
      const auto o = simulate(scenario(3));
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(S + w));
    }
  }

  TEST_CASE("driver crash: every task on a shared cluster fails at once and retries on a new cluster") {
    const std::string common = R"(
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}
workload:
  tasks:
    - {task_key: A, duration: 20m, cores: 4, max_retries: 1}
    - {task_key: B, duration: 20m, cores: 4, max_retries: 1}
    - {task_key: C, duration: 20m, cores: 4, max_retries: 1}
)";
    const double S = 270, crash = 720, w = 1200;
    SUBCASE("shared cluster: 3 attempts hit") {
      const auto o = simulate(common + "faults: {scripted: [{at: 12m, crash: shared_cluster}]}\n"
                                       "strategies: [single_job_shared_cluster]\n");
      for (const char* key : {"A", "B", "C"}) {
        const auto f = o.finishes(key);
        REQUIRE(f.size() == 2);
        CHECK(f[0].first == crash);
        CHECK(f[0].second.failure == FailureKind::kClusterLost);
        // The retry starts at once, on a new cluster that pays its startup again.
        CHECK(f[1].first == doctest::Approx(crash + S + w).epsilon(kMicro));
        CHECK(f[1].second.succeeded);
      }
      CHECK(o.result.cluster_starts == 2);
      REQUIRE(o.world.faults.size() == 1);
      CHECK(o.world.faults[0].kind == models::FaultKind::kScriptedCrash);
      CHECK(o.world.faults[0].attempts_hit == 3);
      CHECK(o.result.outcome == JobResult::kSuccess);
    }
    SUBCASE("separate clusters: only the crashed one's task fails") {
      const auto o = simulate(common + "faults: {scripted: [{at: 12m, crash: A_cluster}]}\n"
                                       "strategies: [single_job_cluster_per_task]\n");
      const auto a = o.finishes("A");
      REQUIRE(a.size() == 2);
      CHECK(a[0].first == crash);
      CHECK(a[1].first == doctest::Approx(crash + S + w).epsilon(kMicro));
      for (const char* key : {"B", "C"}) {
        const auto f = o.finishes(key);
        REQUIRE(f.size() == 1);
        CHECK(f[0].first == doctest::Approx(S + w).epsilon(kMicro));
      }
      REQUIRE(o.world.faults.size() == 1);
      CHECK(o.world.faults[0].attempts_hit == 1);
    }
  }

  TEST_CASE("a scripted fault on a cluster that is not up hits nothing and is still recorded") {
    const auto o = simulate(R"(
cluster: {startup: 1m}
faults: {scripted: [{at: 30s, crash: shared_cluster}]}
workload: {tasks: [{task_key: a, duration: 1m}]}
strategies: [single_job_shared_cluster]
)");
    REQUIRE(o.world.faults.size() == 1);
    CHECK(o.world.faults[0].attempts_hit == 0);
    CHECK_FALSE(o.world.faults[0].compute.valid());
    CHECK(o.result.makespan == Duration::minutes(2));
  }

  TEST_CASE("a launch failure fails the waiting task in PENDING, retry-eligible") {
    const auto o = simulate(R"(
cluster: {startup: 1m}
faults: {launch_failure_probability: 1}
workload: {tasks: [{task_key: a, duration: 1m, max_retries: 2}]}
strategies: [single_job_shared_cluster]
)");
    const auto f = o.finishes("a");
    REQUIRE(f.size() == 3);
    for (const auto& [t, r] : f) CHECK(r.failure == FailureKind::kLaunchFailure);
    CHECK(o.result.outcome == JobResult::kFailed);
    CHECK(o.result.cost.dbu_usd == 0);  // never up: VM during startup only
  }

  TEST_CASE("node types: preferred pays the mismatch slowdown, required is refused clearly") {
    const auto o = simulate(R"(
mismatch_slowdown: 1.5
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 0s}
workload: {tasks: [{task_key: mem, duration: 10m, cores: 4, preferred_node_type: Standard_E8s_v3}]}
strategies: [single_job_shared_cluster, single_job_cluster_per_task]
)");
    CHECK(o.result.makespan.to_seconds() == doctest::Approx(600 * 1.5).epsilon(kMicro));
    CHECK(o.deployment.on_preferred_node[0] == 0);
    const auto own = simulate(std::string(R"(
mismatch_slowdown: 1.5
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 0s}
workload: {tasks: [{task_key: mem, duration: 10m, cores: 4, preferred_node_type: Standard_E8s_v3}]}
strategies: [single_job_shared_cluster, single_job_cluster_per_task]
)"), 1);
    CHECK(own.result.makespan.to_seconds() == doctest::Approx(600).epsilon(kMicro));
    CHECK(own.deployment.on_preferred_node[0] == 1);

    // The written node type is kept (unwritten, the shared cluster would get the required one).
    const auto spec = sim::parse_scenario(R"(
workload: {tasks: [{task_key: train, duration: 10m, required_node_type: Standard_E8s_v3}]}
strategies: [single_job_shared_cluster]
cluster: {node_type: Standard_DS3_v2}
)", "req.yaml");
    Diagnostics d;
    const auto dag = spec.workload.dag(d);
    CHECK_FALSE(models::plan(spec.workload, *dag, spec.strategies[0], spec.catalog, spec.world.pricing, d).has_value());
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].to_string() ==
          "req.yaml:3:14: strategy 'single_job_shared_cluster': task 'train' requires node type 'Standard_E8s_v3' but "
          "this layout puts it on 'Standard_DS3_v2' (give it its own cluster, e.g. with hybrid or "
          "single_job_cluster_per_task)");
  }
}

TEST_SUITE("sim.world.job_cluster_per_run") {
  // docs.databricks.com/en/clusters/index.html: "The Databricks job scheduler creates a job cluster
  // when you run a job on a new job cluster and terminates the cluster when the job is complete."
  // A job cluster belongs to one job run. Two concurrent runs of one job (max
  // concurrent runs 2), each with one 10-minute task: each run asks for its own job cluster at 0 s
  // (fixed 1 min startup) and finishes at 660 s; two instances, one per run, neither shared.
  TEST_CASE("two concurrent runs of one job each get their own job cluster") {
    const auto spec = sim::parse_scenario(R"(
cluster: {startup: 1m}
workload:
  max_concurrent_runs: 2
  tasks:
    - {task_key: a, duration: 10m}
strategies: [single_job_shared_cluster]
)", "per-run.yaml");
    const models::Deployment deployment = first_strategy_planned(spec);
    Trace trace;
    sim::SimulatedWorld w(deployment, spec.workload, spec.world, 42, 0, trace);
    const RunId first = w.engine.start_run(deployment.entry);
    const RunId second = w.engine.start_run(deployment.entry);
    w.runtime.run();
    CHECK(w.engine.run(first).result() == JobResult::kSuccess);
    CHECK(w.engine.run(second).result() == JobResult::kSuccess);
    CHECK(w.engine.run(first).finished() == SimTime::zero() + Duration::seconds(660));
    CHECK(w.engine.run(second).finished() == SimTime::zero() + Duration::seconds(660));
    const auto& instances = w.world.instances();
    REQUIRE(instances.size() == 2);
    CHECK(instances[0].run == first);
    CHECK(instances[1].run == second);
    for (const auto& c : instances) {
      CHECK(*c.up == SimTime::zero() + Duration::seconds(60));
      CHECK(*c.terminated == SimTime::zero() + Duration::seconds(660));
    }
    w.check_all_terminated();
  }
}

TEST_SUITE("sim.world.live_state") {
  // A cluster's live state (the time it is billed up to, workers starting, released) sits in a
  // slot freed at its termination and reused by the next instance; its spot split is read from
  // its compute's spec. Chain a → b, 10 min each, one new_cluster per task (5 × DS3_v2, 4 vCPU,
  // fixed 4m30s startup), workers spot beyond first_on_demand − 1 = 1: driver and one worker
  // on-demand, three workers spot. a's cluster: requested 0, up 270 s, ends with a at 870 s; b's,
  // in a's freed slot: requested 870 s, up 1140 s, ends at 1740 s. Each bills 270 s starting and
  // 600 s up, on 2 on-demand nodes and 3 spot ones, and 600 s × 4 workers × 4 vCPU = 9600 paid
  // core-seconds: nothing carried over from a's slot.
  TEST_CASE("a reused live-state slot starts anew; the spot split follows the spec") {
    const auto spec = sim::parse_scenario(R"(
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s, spot_workers: true, first_on_demand: 2}
workload:
  tasks:
    - {task_key: a, duration: 10m}
    - {task_key: b, duration: 10m, depends_on: [a]}
strategies: [single_job_cluster_per_task]
)", "reuse.yaml");
    const models::Deployment deployment = first_strategy_planned(spec);
    Trace trace;
    sim::SimulatedWorld w(deployment, spec.workload, spec.world, 42, 0, trace);
    const RunId run = w.engine.start_run(deployment.entry);
    w.runtime.run();
    REQUIRE(w.engine.run(run).result() == JobResult::kSuccess);
    const auto& instances = w.world.instances();
    REQUIRE(instances.size() == 2);
    const auto at = [](int s) { return SimTime::zero() + Duration::seconds(s); };
    CHECK(instances[0].requested == at(0));
    CHECK(*instances[0].up == at(270));
    CHECK(*instances[0].terminated == at(870));
    CHECK(instances[1].requested == at(870));
    CHECK(*instances[1].up == at(1140));
    CHECK(*instances[1].terminated == at(1740));
    for (std::uint32_t i = 0; i < 2; ++i) {
      const sim::NodeTime t = w.world.node_time(i);
      CHECK(t.on_demand_starting_us == 270'000'000LL * 2);
      CHECK(t.spot_starting_us == 270'000'000LL * 3);
      CHECK(t.on_demand_up_us == 600'000'000LL * 2);
      CHECK(t.spot_up_us == 600'000'000LL * 3);
      CHECK(instances[i].worker_core_seconds == doctest::Approx(600.0 * 4 * 4));
      CHECK(instances[i].slot == sim::ClusterInstance::kSteady);  // its nodes never changed
    }
    CHECK(w.world.irregular_node_times() == 0);
    w.check_all_terminated();
  }

  // An instance whose nodes changed keeps its node time apart. The scenario of "losing a worker"
  // (world_faults_test.cpp): 2 workers × 4 cores, startup S = 60 s, one 8-core task of 4800
  // core-s; a worker lost at L = 240 s, its replacement joins at J = 300 s. Work done by L:
  // 8 × 180 = 1440, half of it redone: 4080 left, 3840 after 60 s on 4 cores, then 8 cores: ends
  // at 780 s. Starting: 3 nodes × 60 s + the replacement's 60 s = 240 node-s. Up: the driver
  // 720 s, workers 2 × 180 + 1 × 60 + 2 × 480 = 1380 s: 2100 node-s. Steady would be 3 × 720.
  TEST_CASE("a worker loss makes an instance's node time irregular, kept as integrated") {
    const auto spec = sim::parse_scenario(R"(
cluster: {node_type: Standard_DS3_v2, workers: 2, startup: 1m}
faults: {scripted: [{at: 4m, lose_worker: shared_cluster}]}
workload: {tasks: [{task_key: a, duration: 10m, cores: 8}]}
strategies: [single_job_shared_cluster]
)", "loss.yaml");
    const models::Deployment deployment = first_strategy_planned(spec);
    Trace trace;
    sim::SimulatedWorld w(deployment, spec.workload, spec.world, 42, 0, trace);
    w.engine.start_run(deployment.entry);
    w.runtime.run();
    REQUIRE(w.world.instances().size() == 1);
    const auto& c = w.world.instances()[0];
    CHECK(*c.terminated == SimTime::zero() + Duration::seconds(780));
    CHECK(c.slot == 0);  // the first irregular node time
    CHECK(w.world.irregular_node_times() == 1);
    const sim::NodeTime t = w.world.node_time(0);
    CHECK(double(t.on_demand_starting_us) == doctest::Approx(240e6).epsilon(1e-9));
    CHECK(double(t.on_demand_up_us) == doctest::Approx(2100e6).epsilon(1e-9));
    CHECK(t.spot_starting_us == 0);
    CHECK(t.spot_up_us == 0);
  }
}
