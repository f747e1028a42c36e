// The replications drawn as the median and the p95 run: the first one whose makespan is the
// empirical quantile of the summaries (sim/experiment/summary.h: the ceil(p·n)-th smallest, type 1).
#include <doctest/doctest.h>

#include <vector>

#include "sim/experiment/quantile_replication.h"

using namespace orchsim;

TEST_SUITE("sim.quantile_replication") {
  TEST_CASE("20 distinct makespans: the 10th and the 19th smallest") {
    // makespan[i] = (7·i mod 20) + 1: a permutation of 1..20 (7 is prime to 20; 7⁻¹ = 3 mod 20).
    std::vector<double> makespans;
    for (int i = 0; i < 20; ++i) makespans.push_back((7 * i) % 20 + 1);
    // Median: ceil(0.5·20) = 10th smallest = 10, at 7i ≡ 9 (mod 20), i = 27 mod 20 = 7.
    CHECK(sim::quantile_replication(makespans, 0.5) == 7);
    // p95: ceil(0.95·20) = 19th smallest = 19, at 7i ≡ 18, i = 54 mod 20 = 14.
    CHECK(sim::quantile_replication(makespans, 0.95) == 14);
  }

  TEST_CASE("ties go to the lowest replication index") {
    // Sorted: 2 2 2 4 9. Median: ceil(2.5) = 3rd smallest = 2, first at index 1; p95: ceil(4.75) =
    // 5th = 9, at index 3.
    const std::vector<double> five{4, 2, 2, 9, 2};
    CHECK(sim::quantile_replication(five, 0.5) == 1);
    CHECK(sim::quantile_replication(five, 0.95) == 3);
    // 20 values, the two largest (30) at indices 12 and 5: the p95 (19th smallest) is 30, and
    // index 5 is drawn.
    std::vector<double> twenty(20, 10.0);
    twenty[12] = 30;
    twenty[5] = 30;
    CHECK(sim::quantile_replication(twenty, 0.95) == 5);
    // Every value alike: replication 0.
    CHECK(sim::quantile_replication(std::vector<double>(20, 7.0), 0.5) == 0);
  }
}
