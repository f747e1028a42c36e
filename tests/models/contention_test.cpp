// Max-min fair sharing and memory pressure, as pure functions.
#include <doctest/doctest.h>

#include <array>
#include <numeric>

#include "models/contention.h"

using namespace orchsim::models;

TEST_SUITE("models.contention") {
  TEST_CASE("equal single-core demands: min(1, c/k) each") {
    std::array<double, 6> demands{};
    demands.fill(1);
    std::array<double, 6> shares{};
    max_min_share(demands, 4, shares);  // k = 6 > c = 4
    for (double s : shares) CHECK(s == doctest::Approx(4.0 / 6));
    max_min_share(demands, 8, shares);  // k <= c: everyone gets its demand
    for (double s : shares) CHECK(s == 1);
  }
  TEST_CASE("unequal demands: small demands are met, the rest share what is left") {
    // 16 cores; demands 2, 4, 16, 16. Equal share 4 meets 2 and 4; 10 left for two: 5 each.
    const std::array<double, 4> demands{2, 16, 4, 16};
    std::array<double, 4> shares{};
    max_min_share(demands, 16, shares);
    CHECK(shares[0] == 2);
    CHECK(shares[2] == 4);
    CHECK(shares[1] == doctest::Approx((16.0 - 2 - 4) / 2));
    CHECK(shares[3] == doctest::Approx((16.0 - 2 - 4) / 2));
    CHECK(std::accumulate(shares.begin(), shares.end(), 0.0) == doctest::Approx(16));
  }
  TEST_CASE("a cascade: meeting one demand raises the share of the others") {
    // 10 cores; demands 3, 3.5, 8. Equal 10/3 meets 3; then 7/2 = 3.5 meets 3.5; 3.5 left for the last.
    const std::array<double, 3> demands{8, 3.5, 3};
    std::array<double, 3> shares{};
    max_min_share(demands, 10, shares);
    CHECK(shares[2] == 3);
    CHECK(shares[1] == 3.5);
    CHECK(shares[0] == doctest::Approx(3.5));
  }
  TEST_CASE("total demand below capacity: everyone gets its demand") {
    const std::array<double, 3> demands{1, 2, 3};
    std::array<double, 3> shares{};
    max_min_share(demands, 100, shares);
    CHECK(shares == demands);
  }
  TEST_CASE("memory pressure: spill slowdown and OOM hazard grow with overcommit") {
    const ContentionModel m{.spill_penalty = 0.5, .oom_crashes_per_hour = 3};
    CHECK(spill_slowdown(m, 40, 56) == 1);
    CHECK(oom_crash_rate_per_hour(m, 40, 56) == 0);
    // 84 GiB asked of 56: overcommit 0.5 → 1 + 0.5·0.5 slower, 3·0.5 crashes/h.
    CHECK(spill_slowdown(m, 84, 56) == doctest::Approx(1.25));
    CHECK(oom_crash_rate_per_hour(m, 84, 56) == doctest::Approx(1.5));
  }
}
