// The model check with quality gates (issue #16): a gate's duration lengthens the exact makespan and
// its lower bound, and its rejections are a permanent share of each attempt in the retry model.
// Every expected value by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

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

sim::ExperimentResult run(const std::string& yaml, std::uint32_t replications) {
  return sim::run_experiment(sim::parse_scenario(yaml, "model_check.yaml"),
                             {.replications = replications, .seed = 11, .threads = 2});
}

}  // namespace

TEST_SUITE("sim.model_check.gate") {
  TEST_CASE("a gate that never fails: the exact makespan is startup + work + the gate's duration") {
    const auto r = run(R"(
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 1m}
workload:
  tasks:
    - {task_key: a, duration: 5m, gate: {duration: 1m}}
strategies: [single_job_shared_cluster]
)", 3);
    const auto& exact = check(r.strategies[0], "exact makespan");
    REQUIRE(exact.analytic.has_value());
    CHECK(*exact.analytic == doctest::Approx(7.0).epsilon(1e-12));  // 1 + 5 + 1 min
    CHECK(exact.agrees);
  }

  TEST_CASE("gate rejections are permanent: attempts, failed attempts and P(SUCCESS)") {
    const std::uint32_t n = 4000;
    const auto r = run(R"(
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 1m}
workload:
  tasks:
    - {task_key: a, duration: 5m, failure_probability: 0.2, max_retries: 2,
       gate: {failure_probability: 0.3, duration: 1m}}
strategies: [single_job_shared_cluster]
)", n);
    const auto& s = r.strategies[0];
    // Per attempt: a transient failure 0.2 (retried); else the gate rejects with 0.3 (never retried):
    // success 0.8 · 0.7 = 0.56. A retry follows only a transient failure: E[attempts] = 1 + 0.2 +
    // 0.04 = 1.24; P(SUCCESS) = 0.56 · 1.24 = 0.6944; E[failed attempts] = 1.24 − 0.6944.
    const auto& attempts = check(s, "E[attempts]");
    const auto& failed = check(s, "E[failed attempts]");
    const auto& success = check(s, "P(SUCCESS)");
    REQUIRE(attempts.analytic.has_value());
    CHECK(*attempts.analytic == doctest::Approx(1.24).epsilon(1e-12));
    CHECK(*success.analytic == doctest::Approx(0.6944).epsilon(1e-12));
    CHECK(*failed.analytic == doctest::Approx(1.24 - 0.6944).epsilon(1e-12));
    // Within twice the 95% half-width (≈ 4 standard errors), as the model check's own tests ask.
    for (const auto* c : {&attempts, &failed, &success}) {
      CHECK(c->n == n);
      CHECK(std::fabs(c->simulated - *c->analytic) <= (c->hi - c->lo));
    }
    CHECK(check(s, "exact makespan").reason == "task a may fail");
    const auto& bound = check(s, "makespan lower bound");
    REQUIRE(bound.analytic.has_value());
    CHECK(*bound.analytic == doctest::Approx(7.0).epsilon(1e-12));  // 1 min startup + 5 min + 1 min gate
    CHECK(bound.agrees);
  }
}
