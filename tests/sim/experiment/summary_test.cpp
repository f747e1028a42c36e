// Statistics: interval formulas against published values, and the coverage of each interval over
// many seeded samples of a known distribution, within a binomial tolerance for the number of samples.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/rng.h"
#include "sim/experiment/summary.h"

using namespace orchsim;

namespace {

// Coverage of a nominal 95% interval over `trials` independent samples is Binomial(trials, 0.95)/trials;
// 4 standard deviations make a false alarm a ~1e-4 event.
double coverage_tolerance(int trials) { return 4 * std::sqrt(0.95 * 0.05 / trials); }

}  // namespace

TEST_SUITE("sim.summary") {
  TEST_CASE("Wilson interval matches the textbook values") {
    // Newcombe (1998), table I: 81/263 → [0.2553, 0.3662]; 15/148 → [0.0624, 0.1605].
    const auto a = sim::wilson_interval(81, 263);
    CHECK(a.lo == doctest::Approx(0.2553).epsilon(2e-4));
    CHECK(a.hi == doctest::Approx(0.3662).epsilon(2e-4));
    const auto b = sim::wilson_interval(15, 148);
    CHECK(b.lo == doctest::Approx(0.0624).epsilon(2e-3));
    CHECK(b.hi == doctest::Approx(0.1605).epsilon(2e-3));
    // 0 of n: the interval still has width (the t interval would collapse to [0, 0]).
    const auto zero = sim::wilson_interval(0, 100);
    CHECK(zero.lo == 0);
    CHECK(zero.hi == doctest::Approx(1.959964 * 1.959964 / (100 + 1.959964 * 1.959964)).epsilon(1e-9));
  }

  TEST_CASE("empirical quantile is the inverse ECDF") {
    const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK(sim::empirical_quantile(v, 0.5) == 5);    // ceil(5) = 5th
    CHECK(sim::empirical_quantile(v, 0.51) == 6);   // ceil(5.1) = 6th
    CHECK(sim::empirical_quantile(v, 0.95) == 10);  // ceil(9.5) = 10th
    CHECK(sim::empirical_quantile(v, 0.0) == 1);
  }

  TEST_CASE("ratio of sums: exact when y is proportional to x") {
    const std::vector<double> x{1, 2, 3, 4}, y{2, 4, 6, 8};
    const auto r = sim::ratio_summary(y, x);
    CHECK(r.defined);
    CHECK(r.value == 2);
    CHECK(r.ci95 == 0);
    CHECK_FALSE(sim::ratio_summary(y, std::vector<double>{0, 0, 0, 0}).defined);
  }

  TEST_CASE("t interval covers the mean of a normal sample 95% of the time") {
    const int trials = 4000;
    const int n = 8;  // small: the t quantile (not z) is what makes coverage exact
    int covered = 0;
    for (int trial = 0; trial < trials; ++trial) {
      Rng rng(1000, static_cast<std::uint64_t>(trial), "t-coverage");
      std::vector<double> v;
      for (int i = 0; i < n; ++i) v.push_back(3.0 + 2.0 * rng.normal());
      const auto s = sim::Summary::of(v);
      covered += std::fabs(s.mean - 3.0) <= s.ci95;
    }
    CHECK(std::fabs(double(covered) / trials - 0.95) <= coverage_tolerance(trials));
  }

  TEST_CASE("Wilson interval covers a small probability 95% of the time") {
    // The Wilson interval's coverage oscillates with n·p; averaged over n it is close to nominal.
    const int trials = 4000;
    const double p = 0.03;
    int covered = 0;
    for (int trial = 0; trial < trials; ++trial) {
      Rng rng(2000, static_cast<std::uint64_t>(trial), "wilson-coverage");
      const std::size_t n = 200 + static_cast<std::size_t>(trial % 200);
      std::size_t hits = 0;
      for (std::size_t i = 0; i < n; ++i) hits += rng.bernoulli(p);
      const auto w = sim::wilson_interval(hits, n);
      covered += w.lo <= p && p <= w.hi;
    }
    CHECK(std::fabs(double(covered) / trials - 0.95) <= coverage_tolerance(trials));
  }

  TEST_CASE("bootstrap interval covers the median and p90 of an exponential about 95% of the time") {
    // Exponential(1): median ln 2, p90 ln 10.
    const int trials = 1500;
    const int n = 400;
    int covered_median = 0, covered_p90 = 0;
    for (int trial = 0; trial < trials; ++trial) {
      Rng rng(3000, static_cast<std::uint64_t>(trial), "bootstrap-coverage");
      std::vector<double> v;
      for (int i = 0; i < n; ++i) v.push_back(rng.exponential(1.0));
      std::sort(v.begin(), v.end());
      const auto median = sim::bootstrap_quantile(v, 0.5, static_cast<std::uint64_t>(trial), 1000);
      const auto p90 = sim::bootstrap_quantile(v, 0.9, static_cast<std::uint64_t>(trial) + 7, 1000);
      covered_median += median.lo <= std::log(2.0) && std::log(2.0) <= median.hi;
      covered_p90 += p90.lo <= std::log(10.0) && std::log(10.0) <= p90.hi;
    }
    CHECK(std::fabs(double(covered_median) / trials - 0.95) <= coverage_tolerance(trials));
    CHECK(std::fabs(double(covered_p90) / trials - 0.95) <= coverage_tolerance(trials));
  }

  TEST_CASE("the order-statistic bootstrap agrees with resampling by hand") {
    Rng data(4000);
    std::vector<double> v;
    for (int i = 0; i < 300; ++i) v.push_back(data.exponential(0.5));
    std::sort(v.begin(), v.end());
    // Naive percentile bootstrap of the p95.
    Rng rng(4001);
    std::vector<double> draws;
    for (int b = 0; b < 4000; ++b) {
      std::vector<double> resample;
      for (std::size_t i = 0; i < v.size(); ++i) resample.push_back(v[rng.below(v.size())]);
      std::sort(resample.begin(), resample.end());
      draws.push_back(sim::empirical_quantile(resample, 0.95));
    }
    std::sort(draws.begin(), draws.end());
    const double lo = sim::empirical_quantile(draws, 0.025), hi = sim::empirical_quantile(draws, 0.975);
    const auto fast = sim::bootstrap_quantile(v, 0.95, 99, 4000);
    CHECK(fast.value == sim::empirical_quantile(v, 0.95));
    // Both are Monte Carlo estimates of the same percentiles of the same distribution: allow two
    // order statistics either way.
    const auto rank = [&](double x) { return std::lower_bound(v.begin(), v.end(), x) - v.begin(); };
    CHECK(std::abs(rank(fast.lo) - rank(lo)) <= 2);
    CHECK(std::abs(rank(fast.hi) - rank(hi)) <= 2);
    // Same seed, same interval.
    const auto again = sim::bootstrap_quantile(v, 0.95, 99, 4000);
    CHECK(again.lo == fast.lo);
    CHECK(again.hi == fast.hi);
  }
}
