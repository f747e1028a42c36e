// The model check (sim/experiment/model_check.h): each analytic expectation derived here by hand for a small
// scenario, the simulated value next to it, and the "not applicable" cases with their reasons.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "reports/csv.h"
#include "reports/markdown_report.h"
#include "reports/recommendation.h"
#include "sim/experiment/experiment.h"
#include "sim/input/scenario_loader.h"

using namespace orchsim;

namespace {

const sim::ModelCheck& check(const sim::StrategyResult& s, std::string_view quantity) {
  for (const auto& c : s.model_checks) {
    if (c.quantity == quantity) return c;
  }
  FAIL("no check " << quantity);
  return s.model_checks.front();
}

sim::ExperimentResult run(const char* yaml, std::uint32_t replications) {
  return sim::run_experiment(sim::parse_scenario(yaml, "model_check.yaml"),
                             {.replications = replications, .seed = 11, .threads = 2});
}

// The seed's A ∥ B → C with fixed startups and no failures: every number by hand.
constexpr const char* kFixed = R"(
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s}
trigger_latency: 5s
workload:
  tasks:
    - {task_key: a, duration: 20m, cores: 8}
    - {task_key: b, duration: 15m, cores: 8}
    - {task_key: c, duration: 10m, cores: 16, depends_on: [a, b]}
strategies: [multi_job, single_job_shared_cluster, single_job_cluster_per_task]
)";

}  // namespace

TEST_SUITE("sim.model_check") {
  TEST_CASE("fixed startups, no failures: exact makespans by startup arithmetic") {
    const auto r = run(kFixed, 3);
    const double S = 270, L = 5, a = 1200, b = 900, c = 600;
    // multi_job: every hop pays the trigger latency and its own cluster's startup.
    const double multi = std::max(L + S + a, L + S + b) + L + S + c;
    // shared: one startup, then the critical path (a and b fit side by side on 16 cores).
    const double shared = S + std::max(a, b) + c;
    // cluster per task: a startup per task along the path, no trigger latency.
    const double per_task = std::max(S + a, S + b) + S + c;
    const double expected[] = {multi / 60, shared / 60, per_task / 60};
    for (std::size_t s = 0; s < 3; ++s) {
      const auto& exact = check(r.strategies[s], "exact makespan");
      REQUIRE(exact.analytic.has_value());
      CHECK(*exact.analytic == doctest::Approx(expected[s]).epsilon(1e-12));
      CHECK(exact.agrees);
      CHECK(exact.n == 3);
      const auto& bound = check(r.strategies[s], "makespan lower bound");
      CHECK(*bound.analytic == doctest::Approx(expected[s]).epsilon(1e-12));  // fixed startups: the bound is tight
      CHECK(bound.agrees);
      // Nothing fails: one attempt per task, always SUCCESS.
      CHECK(*check(r.strategies[s], "E[attempts]").analytic == 3.0);
      CHECK(*check(r.strategies[s], "E[failed attempts]").analytic == 0.0);
      CHECK(*check(r.strategies[s], "P(SUCCESS)").analytic == 1.0);
      const auto& restart = check(r.strategies[s], "E[makespan], restart under crashes");
      CHECK_FALSE(restart.analytic.has_value());
      CHECK(restart.reason == "no driver crashes are configured");
    }
  }

  TEST_CASE("contention and random startups make the exact makespan not applicable, the bound still holds") {
    const auto r = run(R"(
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 2m}
workload:
  tasks:
    - {task_key: a, duration: 20m, cores: 16}
    - {task_key: b, duration: 20m, cores: 16}
strategies: [single_job_shared_cluster, {kind: single_job_cluster_per_task, name: random, cluster: {startup: {lognormal: {median: 2m, p95: 5m}}}}]
)", 5);
    const auto& shared = check(r.strategies[0], "exact makespan");
    CHECK_FALSE(shared.analytic.has_value());
    CHECK(shared.reason.find("contend for shared_cluster") != std::string::npos);
    // Both tasks want all 16 cores: shared they take 40 min, but the bound is S + 20 min.
    CHECK(*check(r.strategies[0], "makespan lower bound").analytic == doctest::Approx(22.0).epsilon(1e-12));
    CHECK(check(r.strategies[0], "makespan lower bound").agrees);
    const auto& random = check(r.strategies[1], "exact makespan");
    CHECK_FALSE(random.analytic.has_value());
    CHECK(random.reason.find("is random (lognormal") != std::string::npos);
    // A lognormal startup can be arbitrarily short: the bound is the work alone.
    CHECK(*check(r.strategies[1], "makespan lower bound").analytic == doctest::Approx(20.0).epsilon(1e-12));
  }

  TEST_CASE("bounded retries over a chain: attempts, failed attempts and P(SUCCESS)") {
    const std::uint32_t n = 4000;
    const auto r = run(R"(
cluster: {startup: 1m}
workload:
  tasks:
    - {task_key: a, duration: 5m, failure_probability: 0.2, max_retries: 2}
    - {task_key: b, duration: 5m, failure_probability: 0.5, max_retries: 1, depends_on: [a]}
strategies: [single_job_shared_cluster]
)", n);
    const auto& s = r.strategies[0];
    // a: 1 + 0.2 + 0.04 attempts, succeeds with 1 − 0.2³; b runs only then: 1 + 0.5 attempts, 1 − 0.5².
    const double ea = 1.24, pa = 1 - 0.008, eb = 1.5, pb = 0.75;
    const auto& attempts = check(s, "E[attempts]");
    const auto& failed = check(s, "E[failed attempts]");
    const auto& success = check(s, "P(SUCCESS)");
    CHECK(*attempts.analytic == doctest::Approx(ea + pa * eb).epsilon(1e-12));
    CHECK(*failed.analytic == doctest::Approx((ea - pa) + pa * (eb - pb)).epsilon(1e-12));
    CHECK(*success.analytic == doctest::Approx(pa * pb).epsilon(1e-12));
    // The simulated means are those of the report: within twice their 95% half-width (≈ 4 standard
    // errors) of the analytic value.
    for (const auto* c : {&attempts, &failed, &success}) {
      CHECK(c->n == n);
      CHECK(std::fabs(c->simulated - *c->analytic) <= (c->hi - c->lo));
    }
    CHECK(s.summary(sim::MetricId::kAttempts).mean == attempts.simulated);
    // Tasks fail: no exact makespan; no crashes: no restart model.
    CHECK(check(s, "exact makespan").reason == "task a may fail");
    CHECK(check(s, "makespan lower bound").agrees);
  }

  TEST_CASE("restart from scratch under Poisson crashes along a chain") {
    const std::uint32_t n = 3000;
    const auto r = run(R"(
cluster: {startup: 2m, workers: 2}
faults: {driver_crashes_per_hour: 1}
workload:
  tasks:
    - {task_key: a, duration: 20m, max_retries: -1}
    - {task_key: b, duration: 10m, max_retries: -1, depends_on: [a]}
strategies: [single_job_shared_cluster, single_job_cluster_per_task]
)", n);
    // E[T] = (1/λ + D)(e^{λt} − 1) per task, λ = 1/60 per min, D = 2 min (a new cluster's startup).
    const auto T = [](double t_min) { return (60.0 + 2.0) * (std::exp(t_min / 60) - 1); };
    // Shared job cluster: one first startup, then each task's T (a retry starts a new cluster).
    const double shared = 2 + T(20) + T(10);
    // Cluster per task: every task starts its own cluster first.
    const double per_task = 2 + T(20) + 2 + T(10);
    const double expected[] = {shared, per_task};
    for (std::size_t s = 0; s < 2; ++s) {
      const auto& c = check(r.strategies[s], "E[makespan], restart under crashes");
      REQUIRE(c.analytic.has_value());
      CHECK(*c.analytic == doctest::Approx(expected[s]).epsilon(1e-12));
      CHECK(std::fabs(c.simulated - *c.analytic) <= (c.hi - c.lo));
      // Crashes are infrastructure faults: the retry formulas do not apply.
      CHECK(check(r.strategies[s], "E[attempts]").reason == "driver crashes (1/h) are configured");
      CHECK(check(r.strategies[s], "makespan lower bound").agrees);
    }
  }

  TEST_CASE("restart model: not applicable off a chain or with bounded retries") {
    const auto r = run(R"(
cluster: {startup: 2m}
faults: {driver_crashes_per_hour: 1}
workload:
  tasks:
    - {task_key: a, duration: 5m, max_retries: -1}
    - {task_key: b, duration: 5m, max_retries: -1}
strategies: [single_job_shared_cluster]
)", 2);
    CHECK(check(r.strategies[0], "E[makespan], restart under crashes").reason.find("not a chain") != std::string::npos);
    const auto bounded = run(R"(
cluster: {startup: 2m}
faults: {driver_crashes_per_hour: 1}
workload: {tasks: [{task_key: a, duration: 5m, max_retries: 2}]}
strategies: [single_job_shared_cluster]
)", 2);
    CHECK(check(bounded.strategies[0], "E[makespan], restart under crashes").reason.find("does not retry forever") !=
          std::string::npos);
  }

  TEST_CASE("report.md and model_checks.csv show the values and the not-applicable cases") {
    const auto r = run(kFixed, 2);
    const std::string md = reports::markdown_report(r, reports::recommend(r, {}));
    const auto section = md.find("## Model check");
    REQUIRE(section != std::string::npos);
    const std::string table = md.substr(section, md.find("## Quantiles") - section);
    // shared: 270 s + 20 min + 10 min = 34.5 min, exact in both runs.
    CHECK(table.find("| single_job_shared_cluster | exact makespan | min | 34.5 | 34.5 (all 2 runs) | 0.000% | equal |") !=
          std::string::npos);
    CHECK(table.find("| single_job_shared_cluster | E[makespan], restart under crashes | min | — |") != std::string::npos);
    CHECK(table.find("not applicable: no driver crashes are configured") != std::string::npos);
    const std::string csv = reports::model_check_csv(r);
    CHECK(csv.rfind("strategy,check,metric,unit,kind,analytic,n,simulated,low,high,relative_error,agrees,model,reason\n", 0) == 0);
    CHECK(csv.find("single_job_shared_cluster,exact makespan,makespan_min,min,exact,34.500000,2,34.500000,34.500000,"
                   "34.500000,0.000000,yes,") != std::string::npos);
    CHECK(csv.find("single_job_shared_cluster,\"E[makespan], restart under crashes\",makespan_min,min,mean,,2,") !=
          std::string::npos);
  }
}
