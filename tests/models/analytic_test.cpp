// The analytic library against values worked out by hand from the textbook formulas (docs/model.md §13),
// and the Markov-chain solutions against the closed forms they must agree with.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/dag.h"
#include "models/analytic.h"
#include "models/analytic_markov.h"

using namespace orchsim;
using namespace orchsim::models::analytic;

namespace {

Dag diamond() {
  Diagnostics d;
  auto dag = Dag::build({{"a", {}}, {"b", {"a"}}, {"c", {"a"}}, {"d", {"b", "c"}}}, d);
  REQUIRE(dag.has_value());
  return std::move(*dag);
}

// expect_retries of each task, as expect_all_success_dag takes them.
std::vector<RetryExpectation> expectations(const std::vector<TaskRetryModel>& tasks) {
  std::vector<RetryExpectation> out;
  for (const auto& t : tasks) out.push_back(expect_retries(t));
  return out;
}

}  // namespace

TEST_SUITE("models.analytic") {
  TEST_CASE("bounded retries: attempts, final failure, backoff") {
    // p = 0.2, R = 3: 1 + 0.2 + 0.04 + 0.008 attempts; all four fail with 0.2^4.
    CHECK(expected_attempts(0.2, 3) == doctest::Approx(1.248).epsilon(1e-14));
    CHECK(final_failure_probability(0.2, 3) == doctest::Approx(0.0016).epsilon(1e-14));
    CHECK(expected_attempts(0.0, 5) == 1.0);
    CHECK(expected_attempts(0.5, 0) == 1.0);
    // Retry k happens with 0.5^k: 0.5·10 + 0.25·20 + 0.125·40.
    const std::vector<double> delays{10, 20, 40};
    CHECK(expected_total_backoff_s(0.5, delays) == doctest::Approx(15.0).epsilon(1e-14));
    CHECK(expected_total_backoff_s(0.5, {}) == 0.0);
  }

  TEST_CASE("bounded retries over an all-success DAG, with permanent failures") {
    // Diamond a → {b, c} → d. a: p = 0.2, R = 2 → 1 + 0.2 + 0.04 attempts, succeeds with 1 − 0.008.
    // b: permanent 0.1 then transient 0.5, R = 1: a second attempt with (0.9·0.5) = 0.45, success
    // 0.9·0.5·(1 + 0.45) = 0.6525. c: never fails. d: p = 0.5, retried forever: 2 attempts, success 1.
    const std::vector<TaskRetryModel> tasks{{.transient = 0.2, .permanent = 0, .retries = 2},
                                            {.transient = 0.5, .permanent = 0.1, .retries = 1},
                                            {.transient = 0, .permanent = 0, .retries = 0},
                                            {.transient = 0.5, .permanent = 0, .retries = std::nullopt}};
    const double pa = 1 - 0.008, pb = 0.9 * 0.5 * 1.45;
    const auto bounded = expect_all_success_dag(diamond(), expectations(tasks), SIZE_MAX);
    REQUIRE(bounded.has_value());
    const auto& e = *bounded;
    // b and c run when a succeeded; d when a, b and c did (a counted once, not once per path).
    CHECK(e.reach[0] == 1.0);
    CHECK(e.reach[1] == doctest::Approx(pa).epsilon(1e-14));
    CHECK(e.reach[3] == doctest::Approx(pa * pb).epsilon(1e-14));
    CHECK(e.attempts == doctest::Approx(1.24 + pa * 1.45 + pa * 1 + pa * pb * 2).epsilon(1e-14));
    CHECK(e.failed_attempts == doctest::Approx((1.24 - pa) + pa * (1.45 - pb) + pa * pb * 1).epsilon(1e-14));
    CHECK(e.success_probability == doctest::Approx(pa * pb).epsilon(1e-14));
    // The single-task form is the bounded-retry formula of docs/model.md §13 when nothing is permanent.
    const auto one = expect_retries({.transient = 0.2, .permanent = 0, .retries = 3});
    CHECK(one.attempts == doctest::Approx(expected_attempts(0.2, 3)).epsilon(1e-14));
    CHECK(1 - one.success_probability == doctest::Approx(final_failure_probability(0.2, 3)).epsilon(1e-12));
  }

  TEST_CASE("the all-success DAG expectation stops at its work budget") {
    // The walks up the diamond's edges: a none, b one (a), c one (a), d four (b, c, then a from
    // b and a again from c): six edge visits in all.
    const std::vector<TaskRetryModel> tasks(4, TaskRetryModel{.transient = 0.1, .permanent = 0, .retries = 1});
    CHECK(expect_all_success_dag(diamond(), expectations(tasks), 6).has_value());
    CHECK_FALSE(expect_all_success_dag(diamond(), expectations(tasks), 5).has_value());
  }

  TEST_CASE("restart under Poisson crashes: closed form and its sampler agree") {
    // λ = 1, t = 1, D = 0: (1 + 0)(e − 1).
    CHECK(expected_restart_time_s(1, 1, 0) == doctest::Approx(std::exp(1.0) - 1).epsilon(1e-14));
    // λ = 0.5, t = 2, D = 3: (2 + 3)(e − 1).
    CHECK(expected_restart_time_s(0.5, 2, 3) == doctest::Approx(5 * (std::exp(1.0) - 1)).epsilon(1e-14));
    // The sampler's mean is within 5 standard errors of the closed form.
    Rng rng(7, 0, "analytic_test");
    constexpr int kN = 200'000;
    double sum = 0, squares = 0, shortest = 1e300;
    for (int i = 0; i < kN; ++i) {
      const double x = sample_restart_time_s(0.5, 2, 3, rng);
      shortest = std::min(shortest, x);
      sum += x;
      squares += x * x;
    }
    CHECK(shortest == 2.0);  // never shorter than the work itself; e^{-1} of the draws are exactly t
    const double mean = sum / kN;
    const double sd = std::sqrt((squares - kN * mean * mean) / (kN - 1));
    CHECK(std::fabs(mean - expected_restart_time_s(0.5, 2, 3)) <= 5 * sd / std::sqrt(double(kN)));
  }

  TEST_CASE("bounded processor sharing") {
    CHECK(bounded_ps_finish_s(10, 2, 4) == 10.0);
    CHECK(bounded_ps_finish_s(10, 4, 4) == 10.0);
    CHECK(bounded_ps_finish_s(10, 6, 4) == 15.0);
    CHECK(bounded_ps_finish_s(10, 8, 4) == 20.0);
  }

  TEST_CASE("critical path and Graham bounds on a diamond") {
    const Dag dag = diamond();
    const std::vector<double> d{1, 2, 5, 1};
    CHECK(critical_path_s(dag, d) == 7.0);  // a → c → d
    // W = 9, m = 2: lower max(7, 4.5), upper 4.5 + 0.5·7.
    const GrahamBounds g = graham_bounds(dag, d, 2);
    CHECK(g.lower_s == 7.0);
    CHECK(g.upper_s == 8.0);
    // One slot: both bounds are W.
    CHECK(graham_bounds(dag, d, 1).lower_s == 9.0);
    CHECK(graham_bounds(dag, d, 1).upper_s == 9.0);
  }

  TEST_CASE("Erlang C and the M/M/c stationary law") {
    // M/M/1: C = ρ, E[W] = ρ/(μ − λ).
    CHECK(erlang_c(1, 0.6, 1.0) == doctest::Approx(0.6).epsilon(1e-14));
    CHECK(mmc_mean_wait_s(1, 0.6, 1.0) == doctest::Approx(0.6 / 0.4).epsilon(1e-14));
    // M/M/2 with a = 1: π0 = 1/(1 + 1 + (1/2)/(1/2)) = 1/3, C = (π0/2)/(1/2) = 1/3, E[W] = C/(2 − 1).
    CHECK(erlang_c(2, 1.0, 1.0) == doctest::Approx(1.0 / 3).epsilon(1e-14));
    CHECK(mmc_mean_wait_s(2, 1.0, 1.0) == doctest::Approx(1.0 / 3).epsilon(1e-14));
    const auto pi = mmc_stationary(2, 1.0, 1.0, 3);
    CHECK(pi[0] == doctest::Approx(1.0 / 3).epsilon(1e-14));
    CHECK(pi[1] == doctest::Approx(1.0 / 3).epsilon(1e-14));
    CHECK(pi[2] == doctest::Approx(1.0 / 6).epsilon(1e-14));
    CHECK(pi[3] == doctest::Approx(1.0 / 12).epsilon(1e-14));
    CHECK(mg1_ps_mean_response_s(10, 0.5) == doctest::Approx(20.0).epsilon(1e-14));
  }

  TEST_CASE("order-statistic ranks for a quantile interval") {
    // n = 100, p = 0.5, 99%: 50 ∓ 2.5758·5 → ranks 37 and 63 + 1.
    const QuantileRanks r = quantile_ci_ranks(100, 0.5, 0.99);
    CHECK(r.lo == 37);
    CHECK(r.hi == 64);
    CHECK(quantile_ci_ranks(3, 0.99, 0.99).hi == 3);
  }

  TEST_CASE("absorbing chains: the m = 5, s = 0.9 pipeline") {
    const double s = 0.9;
    const int m = 5;
    // Unbounded: m/s executions when retrying the task, (1 − s^m)/((1 − s)s^m) when restarting.
    const auto retry = expect({.tasks = m, .success = s, .recovery = Recovery::kRetryTask});
    const auto restart = expect({.tasks = m, .success = s, .recovery = Recovery::kRestartJob});
    CHECK(retry.executions == doctest::Approx(m / s).epsilon(1e-12));
    CHECK(restart.executions == doctest::Approx((1 - std::pow(s, m)) / ((1 - s) * std::pow(s, m))).epsilon(1e-12));
    CHECK(retry.success_probability == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(restart.success_probability == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(std::round(retry.executions * 1000) == 5556);
    CHECK(std::round(restart.executions * 1000) == 6935);
  }

  TEST_CASE("absorbing chains: bounded retries and costs agree with closed forms") {
    const double s = 0.8, f = 0.2;
    const int m = 3, r = 2;
    // Retry task: task i is reached with q^i, q = 1 − f^{R+1}; each costs (1 − f^{R+1})/(1 − f) executions.
    const double q = 1 - std::pow(f, r + 1);
    double executions = 0;
    for (int i = 0; i < m; ++i) executions += std::pow(q, i) * q / (1 - f);
    const auto retry = expect({.tasks = m, .success = s, .recovery = Recovery::kRetryTask, .retries = r});
    CHECK(retry.executions == doctest::Approx(executions).epsilon(1e-12));
    CHECK(retry.success_probability == doctest::Approx(std::pow(q, m)).epsilon(1e-12));
    // Restart: runs are i.i.d. until one succeeds (s^m) or R + 1 ran; Wald: E[runs] × E[executions per run].
    const double sm = std::pow(s, m);
    const double runs = (1 - std::pow(1 - sm, r + 1)) / sm;
    const double per_run = (1 - sm) / (1 - s);
    const auto restart = expect({.tasks = m, .success = s, .recovery = Recovery::kRestartJob, .retries = r});
    CHECK(restart.executions == doctest::Approx(runs * per_run).epsilon(1e-12));
    CHECK(restart.success_probability == doctest::Approx(1 - std::pow(1 - sm, r + 1)).epsilon(1e-12));
    // Cost: unbounded task retry, success costs 2 and a failure 1: per task 2 + (1 − s)/s.
    const auto costed = expect({.tasks = m, .success = s, .recovery = Recovery::kRetryTask, .retries = std::nullopt,
                                .success_cost = 2, .failure_cost = 1});
    CHECK(costed.cost == doctest::Approx(m * (2 + f / s)).epsilon(1e-12));
  }

  TEST_CASE("absorbing chain: N, t and B of a two-state chain by hand") {
    // 0 → 1 w.p. 1/2, 0 → A w.p. 1/2; 1 → 0 w.p. 1/2, 1 → B w.p. 1/2.
    AbsorbingChain chain(2, 2);
    chain.to_transient(0, 1, 0.5);
    chain.to_absorbing(0, 0, 0.5);
    chain.to_transient(1, 0, 0.5);
    chain.to_absorbing(1, 1, 0.5);
    const Absorption a = chain.solve();
    // I − Q = [[1, −1/2], [−1/2, 1]], inverse (4/3)[[1, 1/2], [1/2, 1]].
    CHECK(a.fundamental[0] == doctest::Approx(4.0 / 3));
    CHECK(a.fundamental[1] == doctest::Approx(2.0 / 3));
    CHECK(a.expected_steps[0] == doctest::Approx(2.0));
    CHECK(a.probability(0, 0) == doctest::Approx(2.0 / 3));
    CHECK(a.probability(0, 1) == doctest::Approx(1.0 / 3));
  }
}
