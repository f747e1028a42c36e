// Horizon replications against hand counts: a fixed 94.5-minute run (4m30s startup + 90 min) every
// hour under max_concurrent_runs 1, skipped or queued; an all-purpose cluster that stays up between
// runs; a pool's standing cost; determinism at any thread count.
#include <doctest/doctest.h>

#include "sim/experiment/horizon_replication.h"
#include "sim/experiment/planned_experiment.h"
#include "sim/input/scenario_loader.h"

using namespace orchsim;

namespace {

// DS3_v2 × (driver + 4 workers): VM $0.23/h and 0.75 DBU/h per node.
constexpr double kNodes = 5, kVmPerH = 0.23, kDbuPerH = 0.75;
// One run on its job cluster at $0.30/DBU: 4m30s starting (VM only), then 90 min up.
constexpr double kRunUsd = kNodes * kVmPerH * 270 / 3600 + kNodes * (kVmPerH + kDbuPerH * 0.30) * 1.5;

std::string hourly(const std::string& extra) {
  return R"(
pricing: {usd_per_dbu: 0.30}
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}
schedule: {every: 1h, deadline: 2h}
horizon_replications: 2
strategies: [single_job_shared_cluster]
)" + extra;
}

sim::MonthlyResult monthly(const sim::ScenarioSpec& s, unsigned threads = 1) {
  const sim::PlannedExperiment plan = sim::plan_experiment(s, std::nullopt);
  return sim::run_monthly(plan, 0, threads);
}

}  // namespace

TEST_SUITE("sim.horizon_replication") {
  TEST_CASE("every hour, a 94.5-minute run, max_concurrent_runs 1: every other run is skipped") {
    const auto s = sim::parse_scenario(hourly(R"(
workload:
  max_concurrent_runs: 1
  tasks: [{task_key: t, duration: 90m, cores: 8}]
)"), "skip.yaml");
    const auto m = monthly(s);
    REQUIRE(m.strategies.size() == 1);
    for (const auto& r : m.strategies[0].replications) {
      // Fires at 0, 1, …, 719 h: the run of hour 2k is still going at hour 2k + 1.
      CHECK(r.triggered == 720);
      CHECK(r.started == 360);
      CHECK(r.skipped == 360);
      CHECK(r.queued == 0);
      CHECK(r.succeeded == 360);
      CHECK(r.cost_usd == doctest::Approx(360 * kRunUsd));
      REQUIRE(r.latency_s.size() == 360);
      CHECK(r.latency_s.front() == doctest::Approx(94.5 * 60));
    }
    CHECK(m.month_scale() == doctest::Approx(1));
  }

  TEST_CASE("with queue: true every run waits its turn; over 6 h, 5 of 6 runs are queued") {
    const auto s = sim::parse_scenario(hourly(R"(
horizon: 6h
workload:
  max_concurrent_runs: 1
  queue: true
  tasks: [{task_key: t, duration: 90m, cores: 8}]
)"), "queue.yaml");
    const auto r = monthly(s).strategies[0].replications[0];
    // Run k fires at k h and starts when run k-1 ends, at 94.5·k min: all but run 0 wait.
    CHECK(r.triggered == 6);
    CHECK(r.started == 6);
    CHECK(r.skipped == 0);
    CHECK(r.queued == 5);
    CHECK(r.succeeded == 6);
    CHECK(r.cost_usd == doctest::Approx(6 * kRunUsd));
    // Run 5 fires at 300 min and ends at 6 · 94.5 = 567 min.
    REQUIRE(r.latency_s.size() == 6);
    CHECK(r.latency_s.back() == doctest::Approx((567 - 300) * 60));
  }

  TEST_CASE("an all-purpose cluster stays up between hourly 20-minute runs, then auto-terminates") {
    const auto s = sim::parse_scenario(R"(
pricing: {usd_per_dbu: 0.30, all_purpose_usd_per_dbu: 0.55}
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s, auto_terminate_after: 120m, attribution: dedicated}
horizon: 6h
schedule: {every: 1h}
horizon_replications: 1
workload:
  tasks: [{task_key: t, duration: 20m, cores: 8}]
strategies: [all_purpose_shared]
)", "ap.yaml");
    const auto r = monthly(s).strategies[0].replications[0];
    CHECK(r.started == 6);
    // Dedicated (the pipeline's own cluster, docs/model.md §2.4): up from 0 (no startup) through the
    // last run's end at 5h20m plus 120 min idle: 7h20m at
    // 5 × ($0.23 + 0.75 × $0.55) per hour.
    CHECK(r.cost_usd == doctest::Approx(kNodes * (kVmPerH + kDbuPerH * 0.55) * (7 + 20.0 / 60)));
  }

  TEST_CASE("a pool's idle instances bill for the whole horizon, even after the last run") {
    const auto pool_scenario = [](const char* horizon) {
      return sim::parse_scenario(fmt::format(R"(
pricing: {{usd_per_dbu: 0.30}}
cluster: {{node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}}
pools: [{{name: warm, min_idle: 5, warm_start: 30s}}]
horizon: {}
schedule: {{cron: "0 0 0 1 1 ? 2024"}}
horizon_replications: 1
workload:
  tasks: [{{task_key: t, duration: 20m, cores: 8}}]
strategies: [{{kind: single_job_shared_cluster, pool: warm}}]
)", horizon), "pool.yaml");
    };
    const auto short_run = monthly(pool_scenario("10h")).strategies[0].replications[0];
    const auto long_run = monthly(pool_scenario("20h")).strategies[0].replications[0];
    CHECK(short_run.triggered == 1);
    CHECK(long_run.triggered == 1);
    // The one run (at 0) is long over by 10 h; the 5 idle instances kept ready cost their VM price
    // for the 10 more hours.
    CHECK(long_run.cost_usd - short_run.cost_usd == doctest::Approx(kNodes * kVmPerH * 10));
  }

  TEST_CASE("Poisson arrivals: the same arrival times for every strategy, the same results on any thread count") {
    const auto s = sim::parse_scenario(R"(
horizon: 48h
schedule: {arrivals: poisson, per_day: 12}
horizon_replications: 6
workload:
  max_concurrent_runs: 2
  tasks:
    - {task_key: a, duration: 40m, cores: 8, failure_probability: 0.3, max_retries: 2}
    - {task_key: b, duration: 30m, cores: 4, depends_on: [a]}
strategies: [multi_job, single_job_shared_cluster, all_purpose_shared]
)", "poisson.yaml");
    const auto one = monthly(s, 1);
    const auto four = monthly(s, 4);
    for (std::size_t k = 0; k < 3; ++k) {
      for (std::size_t i = 0; i < 6; ++i) {
        const auto& a = one.strategies[k].replications[i];
        const auto& b = four.strategies[k].replications[i];
        CHECK(a.cost_usd == b.cost_usd);
        CHECK(a.latency_s == b.latency_s);
        CHECK(a.triggered == one.strategies[0].replications[i].triggered);
        CHECK(a.started + a.skipped == a.triggered);
      }
    }
  }
}
