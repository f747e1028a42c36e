// fit_lognormal on values worked out by hand, and the Lilliefors p-value at the published 5%
// critical values (Lilliefors 1967, Table 1: n = 10 → 0.258, n = 20 → 0.190, n = 30 → 0.161;
// for n > 30, 0.886/√n).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "models/lognormal_fit.h"

using namespace orchsim;

TEST_CASE("fit_lognormal: mu and sigma are the mean and ML standard deviation of the logs") {
  // logs of e^1, e^2, e^3: mean 2, Σ(l − 2)² = 2, σ = √(2/3); median e².
  const std::vector<double> v{std::exp(1.0), std::exp(2.0), std::exp(3.0)};
  const models::LognormalFit f = models::fit_lognormal(v);
  CHECK(f.n == 3);
  CHECK(f.mu == doctest::Approx(2.0));
  CHECK(f.sigma == doctest::Approx(std::sqrt(2.0 / 3.0)));
  CHECK(f.median == doctest::Approx(std::exp(2.0)));
  // The median's interval is the t interval of μ: sample sd of the logs 1, t_{0.975, 2} = 4.3027.
  CHECK(f.median_lo == doctest::Approx(std::exp(2.0 - 4.3027 / std::sqrt(3.0))));
  CHECK(f.median_hi == doctest::Approx(std::exp(2.0 + 4.3027 / std::sqrt(3.0))));
  CHECK_FALSE(f.ks_p.has_value());  // fewer than 5 values: no test
  // The simulator's lognormal(median, p95): p95 = e^(μ + 1.645σ).
  CHECK(f.distribution().quantile(0.95) == doctest::Approx(std::exp(2.0 + 1.644854 * std::sqrt(2.0 / 3.0))).epsilon(1e-6));
}

TEST_CASE("fit_lognormal: equal values give a fixed distribution") {
  const std::vector<double> v(6, 30.0);
  const models::LognormalFit f = models::fit_lognormal(v);
  CHECK(f.sigma == 0);
  CHECK(f.distribution().kind() == models::Distribution::Kind::kFixed);
  CHECK(f.distribution().quantile(0.5) == doctest::Approx(30));
}

TEST_CASE("lilliefors_p_value: about 0.05 at the published 5% critical values") {
  CHECK(models::lilliefors_p_value(0.258, 10) == doctest::Approx(0.05).epsilon(0.3));
  CHECK(models::lilliefors_p_value(0.190, 20) == doctest::Approx(0.05).epsilon(0.3));
  CHECK(models::lilliefors_p_value(0.161, 30) == doctest::Approx(0.05).epsilon(0.3));
  CHECK(models::lilliefors_p_value(0.886 / std::sqrt(200.0), 200) == doctest::Approx(0.05).epsilon(0.3));
  // Far below the critical value: no evidence against; far above: overwhelming.
  CHECK(models::lilliefors_p_value(0.05, 20) == 1.0);
  CHECK(models::lilliefors_p_value(0.5, 20) < 1e-6);
}

TEST_CASE("fit_lognormal: lognormal samples pass the test, a two-humped sample fails it") {
  Rng rng(7);
  std::vector<double> lognormal, humps;
  for (int i = 0; i < 300; ++i) {
    lognormal.push_back(std::exp(5 + 0.4 * rng.normal()));
    humps.push_back((i % 2 ? 100.0 : 1000.0) * std::exp(0.05 * rng.normal()));
  }
  const models::LognormalFit good = models::fit_lognormal(lognormal);
  REQUIRE(good.ks_p.has_value());
  CHECK(*good.ks_p > 0.01);
  const models::LognormalFit bad = models::fit_lognormal(humps);
  REQUIRE(bad.ks_p.has_value());
  CHECK(*bad.ks_p < 0.01);
}
