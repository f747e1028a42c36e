// Per-replication metrics against hand computations on the seed's A ∥ B → C pipeline (no failures,
// fixed durations), and the failure metrics on a task that always fails.
#include <doctest/doctest.h>

#include <cmath>

#include "sim/input/scenario_loader.h"
#include "tests/sim/experiment/seed_like.h"

using namespace orchsim;
using orchsim::testing::kSeedLike;
using orchsim::testing::simulate;

namespace {

// DS3_v2 × (driver + 4 workers) at $0.30/DBU: $/s while up, and VM $/s while starting.
constexpr double kNodes = 5, kVmPerH = 0.23, kDbuPerH = 0.75, kUsdPerDbu = 0.30;
constexpr double kUpUsdPerS = kNodes * (kVmPerH + kDbuPerH * kUsdPerDbu) / 3600;
constexpr double kStartUsdPerS = kNodes * kVmPerH / 3600;
constexpr double kCores = 16, kStartup = 270, kA = 1200, kB = 900, kC = 600;

}  // namespace

TEST_SUITE("sim.metrics") {
  TEST_CASE("one job on a shared cluster: time, capacity and cost split by hand") {
    const auto s = sim::parse_scenario(kSeedLike, "seed-like.yaml");
    const auto m = simulate(s, 1).metrics;
    CHECK(m.makespan_s == doctest::Approx(kStartup + kA + kC));
    CHECK(m.setup_s == doctest::Approx(2 * kStartup));  // A and B wait for the one startup; C finds it up
    CHECK(m.queue_s == doctest::Approx(0));             // C is ready when A ends, and B ended before
    CHECK(m.execution_s == doctest::Approx(kA + kB + kC));
    CHECK(m.startup_blocked_s == doctest::Approx(kStartup));
    const double paid = kCores * (kA + kC), busy = 8 * kA + 8 * kB + 16 * kC;
    CHECK(m.paid_core_s == doctest::Approx(paid));
    CHECK(m.busy_core_s == doctest::Approx(busy));
    CHECK(m.startup_usd == doctest::Approx(kStartup * kStartUsdPerS));
    const double up_usd = (kA + kC) * kUpUsdPerS;
    CHECK(m.idle_usd == doctest::Approx(up_usd * (1 - busy / paid)));
    // The cluster's whole cost (startup and idle included) goes to the tasks by their core-seconds
    // on it: A held 8 × 1200 of the 8·1200 + 8·900 + 16·600 busy core-seconds.
    const double whole = kStartup * kStartUsdPerS + up_usd;
    CHECK(m.task_cost_usd[0] == doctest::Approx(whole * 8 * kA / busy));
    CHECK(m.task_cost_usd[2] == doctest::Approx(whole * 16 * kC / busy));
    CHECK(m.compute_cost_usd.size() == 1);
    CHECK(m.compute_cost_usd[0] == doctest::Approx(m.cost_usd()));
    CHECK(m.jobs == 1);
    CHECK(m.clusters == 1);
    CHECK(m.cross_job_edges == 0);
    CHECK(m.faults == 0);
    CHECK(m.outcome == JobResult::kSuccess);
  }

  TEST_CASE("contention: tasks sharing cores lose running time, tasks alone lose none") {
    // Three 8-core tasks of 10 min start together on 16 worker cores: max-min gives each 16/3
    // cores, so each runs 10 · 8 / (16/3) = 15 min and loses 15 · (1 − (16/3)/8) = 5 min.
    // With a cluster each, no task shares: no loss.
    const auto s = sim::parse_scenario(R"(
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}
workload:
  tasks:
    - {task_key: a, duration: 10m, cores: 8}
    - {task_key: b, duration: 10m, cores: 8}
    - {task_key: c, duration: 10m, cores: 8}
strategies: [single_job_shared_cluster, single_job_cluster_per_task]
)",
                                       "contention.yaml");
    const double each = 10.0 * 8 / (16.0 / 3);
    const auto shared = simulate(s, 0).metrics;
    CHECK(shared.execution_s / 60 == doctest::Approx(3 * each));
    CHECK(shared.shared_s / 60 == doctest::Approx(3 * each * (1 - (16.0 / 3) / 8)));
    CHECK(shared.queue_s == doctest::Approx(0));
    const auto separate = simulate(s, 1).metrics;
    CHECK(separate.shared_s == doctest::Approx(0));
    CHECK(separate.execution_s / 60 == doctest::Approx(3 * 10.0));
  }

  TEST_CASE("one job per task: three startups, two of them on the critical path") {
    const auto s = sim::parse_scenario(kSeedLike, "seed-like.yaml");
    const auto m = simulate(s, 0).metrics;
    CHECK(m.makespan_s == doctest::Approx(5 + kStartup + kA + 5 + kStartup + kC));
    CHECK(m.setup_s == doctest::Approx(3 * kStartup));
    // Startup blocks the run twice: A's and B's clusters together at first, then C's.
    CHECK(m.startup_blocked_s == doctest::Approx(2 * kStartup));
    CHECK(m.paid_core_s == doctest::Approx(kCores * (kA + kB + kC)));
    CHECK(m.startup_usd == doctest::Approx(3 * kStartup * kStartUsdPerS));
    // A and B each used half their cluster: half of each up-time bill is idle; C used all of its.
    CHECK(m.idle_usd == doctest::Approx(0.5 * (kA + kB) * kUpUsdPerS));
    CHECK(m.compute_cost_usd[2] == doctest::Approx(kStartup * kStartUsdPerS + kC * kUpUsdPerS));
    CHECK(m.jobs == 4);  // the orchestrator and one job per task
    CHECK(m.clusters == 3);
    CHECK(m.cross_job_edges == 5);  // three run_job triggers + the two dependencies of C
  }

  TEST_CASE("money adds up: the task costs and the cluster costs each sum to the bill") {
    const auto s = sim::parse_scenario(kSeedLike, "seed-like.yaml");
    for (std::size_t strategy : {0u, 1u}) {
      const auto r = simulate(s, strategy);
      double per_task = 0, per_cluster = 0;
      for (double c : r.metrics.task_cost_usd) per_task += c;
      for (double c : r.metrics.compute_cost_usd) per_cluster += c;
      CHECK(per_task == doctest::Approx(r.cost.total()).epsilon(1e-12));
      CHECK(per_cluster == doctest::Approx(r.cost.total()).epsilon(1e-12));
      CHECK(r.metrics.cost_usd() == doctest::Approx(r.cost.total()));
    }
  }

  TEST_CASE("a task that always fails: every attempt is a fault that hits one task and never recovers") {
    const auto s = sim::parse_scenario(R"(
cluster: {startup: 4m30s}
workload:
  tasks:
    - {task_key: flaky, duration: 2m, cores: 4, failure_probability: 1, max_retries: 2, min_retry_interval: 10m}
strategies: [single_job_shared_cluster]
)", "flaky.yaml");
    Trace trace;
    const auto m = simulate(s, 0, &trace).metrics;
    CHECK(m.attempts == 3);
    CHECK(m.tasks_attempted == 1);
    CHECK(m.failed_attempts == 3);
    CHECK(m.faults == 3);
    CHECK(m.tasks_hit == 3);
    CHECK(m.recovered_faults == 0);
    CHECK(m.outcome == JobResult::kFailed);
    CHECK(m.wasted_core_s == doctest::Approx(m.busy_core_s));
    // Each retry starts 10 min after the failed attempt's start (Databricks anchors at the start);
    // the waits are those starts minus the failures' ends, read from the trace.
    std::vector<SimTime> starts, ends;
    for (const auto& e : trace.events()) {
      if (std::holds_alternative<AttemptStarted>(e.body)) starts.push_back(e.time);
      if (std::holds_alternative<AttemptFinished>(e.body)) ends.push_back(e.time);
    }
    REQUIRE(starts.size() == 3);
    CHECK(starts[1] - starts[0] == Duration::minutes(10));
    CHECK(m.retry_wait_s == doctest::Approx((starts[1] - ends[0] + (starts[2] - ends[1])).to_seconds()));
  }

  TEST_CASE("for_each iterations that all succeed are no retries and no retry wait (found by orchsim soak)") {
    // Four 2-minute iterations, two at a time, never failing: 4 attempts, each of its own
    // iteration, so none is a retry. Iterations 2 and 3 start when 0 and 1 end; grouping attempts
    // by task alone made those look like retries of each other, and the concurrent ones gave a
    // negative wait (an attempt starting before the "previous" one ended).
    const auto s = sim::parse_scenario(R"(
cluster: {startup: 1m}
workload:
  tasks:
    - {task_key: fan, duration: 2m, for_each: {inputs: 4, concurrency: 2}}
strategies: [single_job_shared_cluster]
)", "fan.yaml");
    const auto m = simulate(s, 0).metrics;
    CHECK(m.attempts == 4);
    CHECK(m.tasks_attempted == 4);
    CHECK(m.retry_wait_s == doctest::Approx(0));
    CHECK(m.outcome == JobResult::kSuccess);
  }
}
