// Each distribution's mean and quantiles, checked against its analytic values on a fixed seed.
// Tolerances come from the sample size: the sample mean is within 5 standard errors (σ/√n) of the
// true mean, and the share of draws at or below the analytic p-quantile is within 5·√(p(1−p)/n) of p.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "models/distributions.h"

using namespace orchsim;
using models::Distribution;

namespace {

constexpr int kDraws = 200'000;

void check_distribution(const Distribution& d, double true_mean, double true_sd) {
  Rng rng(42, 0, "distributions_test");
  std::vector<double> xs(kDraws);
  double sum = 0;
  for (double& x : xs) {
    x = d.sample(rng);
    sum += x;
  }
  CHECK(d.mean() == doctest::Approx(true_mean).epsilon(1e-12));
  const double n = kDraws;
  CHECK(std::fabs(sum / n - true_mean) <= 5 * true_sd / std::sqrt(n) + 1e-12);
  for (double p : {0.05, 0.25, 0.5, 0.75, 0.95}) {
    const double q = d.quantile(p);
    double below = 0;
    for (double x : xs) below += x <= q ? 1 : 0;
    INFO(d.describe(), " p=", p, " q=", q);
    // Discrete (empirical) distributions put mass on q itself: the share lies in [P(X<q), P(X<=q)].
    if (d.kind() == Distribution::Kind::kEmpirical) {
      CHECK(below / n >= p - 5 * std::sqrt(p * (1 - p) / n));
    } else {
      CHECK(std::fabs(below / n - p) <= 5 * std::sqrt(p * (1 - p) / n));
    }
  }
}

}  // namespace

TEST_SUITE("models.distributions") {
  TEST_CASE("fixed") {
    const auto d = Distribution::fixed(270);
    Rng rng(1);
    CHECK(d.sample(rng) == 270);
    CHECK(d.mean() == 270);
    CHECK(d.quantile(0.95) == 270);
    CHECK(d.sample_duration(rng) == Duration::seconds(270));
  }
  TEST_CASE("uniform: mean (a+b)/2, sd (b−a)/√12, quantile a + p(b−a)") {
    const double a = 120, b = 300;
    const auto d = Distribution::uniform(a, b);
    CHECK(d.quantile(0.25) == doctest::Approx(a + 0.25 * (b - a)));
    check_distribution(d, (a + b) / 2, (b - a) / std::sqrt(12.0));
  }
  TEST_CASE("exponential: mean m, sd m, quantile −m·ln(1−p)") {
    const double m = 600;
    const auto d = Distribution::exponential(m);
    CHECK(d.quantile(0.5) == doctest::Approx(m * std::log(2.0)));
    check_distribution(d, m, m);
  }
  TEST_CASE("lognormal from (median, p95)") {
    const double median = 270, p95 = 600;
    const auto d = Distribution::lognormal(median, p95);
    const double mu = std::log(median);
    const double sigma = (std::log(p95) - mu) / 1.6448536269514722;
    CHECK(d.quantile(0.5) == doctest::Approx(median).epsilon(1e-9));
    CHECK(d.quantile(0.95) == doctest::Approx(p95).epsilon(1e-9));
    const double mean = std::exp(mu + sigma * sigma / 2);
    const double sd = std::sqrt((std::exp(sigma * sigma) - 1) * std::exp(2 * mu + sigma * sigma));
    check_distribution(d, mean, sd);
  }
  TEST_CASE("empirical: uniform over the listed values") {
    const std::vector<double> values = {60, 90, 240, 300, 900};
    const auto d = Distribution::empirical(values);
    double mean = 0;
    for (double v : values) mean += v / 5;
    double var = 0;
    for (double v : values) var += (v - mean) * (v - mean) / 5;
    CHECK(d.quantile(0.5) == 240);   // 3rd of 5 sorted values
    CHECK(d.quantile(0.2) == 60);    // CDF(60) = 0.2
    CHECK(d.quantile(0.95) == 900);
    check_distribution(d, mean, std::sqrt(var));
  }
  TEST_CASE("standard normal quantile matches known values") {
    CHECK(models::standard_normal_quantile(0.5) == doctest::Approx(0.0).epsilon(1e-12));
    CHECK(models::standard_normal_quantile(0.95) == doctest::Approx(1.6448536269514722).epsilon(1e-12));
    CHECK(models::standard_normal_quantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-12));
    CHECK(models::standard_normal_quantile(0.001) == doctest::Approx(-3.090232306167813).epsilon(1e-10));
  }
  TEST_CASE("same seed, same draws") {
    const auto d = Distribution::lognormal(270, 600);
    Rng a(7, 3, "startup"), b(7, 3, "startup");
    for (int i = 0; i < 100; ++i) CHECK(d.sample(a) == d.sample(b));
  }
}
