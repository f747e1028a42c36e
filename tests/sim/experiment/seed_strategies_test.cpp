// The seed's A ∥ B → C pipeline with no failures: both strategies' makespan and cost computed by
// hand from the scenario's numbers, then compared with the simulator exactly.
#include <doctest/doctest.h>

#include <cmath>

#include "sim/input/scenario_loader.h"
#include "tests/sim/experiment/seed_like.h"

using namespace orchsim;
using orchsim::testing::kSeedLike;
using orchsim::testing::simulate;

namespace {

long cents(double usd) { return std::lround(usd * 100); }

}  // namespace

TEST_SUITE("sim.seed") {
  TEST_CASE("makespan and cost of both strategies match the hand computation") {
    const sim::ScenarioSpec s = sim::parse_scenario(kSeedLike, "seed-like.yaml");
    // Scenario numbers, in seconds and dollars.
    const double startup = 270, latency = 5, a = 1200, b = 900, c = 600;
    const double nodes = 1 + 4, vm_per_h = 0.23, dbu_per_h = 0.75, usd_per_dbu = 0.30;
    const auto vm = [&](double seconds) { return nodes * vm_per_h * seconds / 3600; };
    const auto dbu = [&](double seconds) { return nodes * dbu_per_h * usd_per_dbu * seconds / 3600; };

    SUBCASE("single job on one shared cluster") {
      // One startup; A and B side by side on the 16 worker cores (8 + 8); C (16 cores) after A.
      const double makespan = startup + std::max(a, b) + c;
      // VM billed from request to termination, DBUs only once the cluster is up.
      const double cost = vm(makespan) + dbu(makespan - startup);
      const auto r = simulate(s, 1);
      CHECK(r.makespan == Duration::from_seconds(makespan));
      CHECK(cents(r.cost.total()) == cents(cost));
      CHECK(r.cost.total() == doctest::Approx(cost).epsilon(1e-12));
      CHECK(r.cluster_starts == 1);
      CHECK(r.outcome == JobResult::kSuccess);
    }
    SUBCASE("one job per task, each on its own job cluster") {
      // Each child run starts `latency` after its run_job task is dispatched, then pays a startup.
      const double makespan = latency + startup + std::max(a, b) + latency + startup + c;
      const double cost = vm(startup + a) + dbu(a) + vm(startup + b) + dbu(b) + vm(startup + c) + dbu(c);
      const auto r = simulate(s, 0);
      CHECK(r.makespan == Duration::from_seconds(makespan));
      CHECK(cents(r.cost.total()) == cents(cost));
      CHECK(r.cost.total() == doctest::Approx(cost).epsilon(1e-12));
      CHECK(r.cluster_starts == 3);
      CHECK(r.outcome == JobResult::kSuccess);
    }
  }
}
