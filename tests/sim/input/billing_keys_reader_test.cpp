// The billing keys (sim/input/billing_keys_reader.h): values and defaults, a performance target's
// start, and bad values reported at their line:col.
#include <doctest/doctest.h>

#include "sim/input/scenario_loader.h"
#include "tests/sim/input/scenario_errors.h"

using namespace orchsim;

TEST_SUITE("sim.input.billing_keys") {
  TEST_CASE("defaults: performance-optimised serverless, shared all-purpose, one run a day") {
    const auto s = sim::parse_scenario("workload: {tasks: [{task_key: a, duration: 1m}]}\nstrategies: [serverless]\n", "s.yaml");
    CHECK(s.world.runs_per_day == 1);
    CHECK(s.world.pricing.serverless_dbu_per_core_hour == 0.375);
    CHECK(s.world.pricing.serverless_standard_dbu_factor == 0.6);
    const auto& c = s.strategies[0].cluster;
    CHECK(c.performance_target == models::PerformanceTarget::kPerformanceOptimized);
    CHECK(c.attribution == models::Attribution::kShared);
    CHECK(c.serverless_startup.quantile(0.5) == doctest::Approx(30));
  }

  TEST_CASE("values are read; a target sets its start unless serverless_startup is given") {
    const auto s = sim::parse_scenario(R"(
runs_per_day: 4
pricing: {serverless_dbu_per_core_hour: 0.5, serverless_standard_dbu_factor: 0.7}
cluster: {performance_target: standard, attribution: dedicated}
workload: {tasks: [{task_key: a, duration: 1m}]}
strategies:
  - serverless
  - {name: fast, kind: serverless, cluster: {performance_target: performance_optimized}}
  - {name: slow, kind: serverless, cluster: {performance_target: standard, serverless_startup: 2m}}
)", "s.yaml");
    CHECK(s.world.runs_per_day == 4);
    CHECK(s.world.pricing.serverless_dbu_per_core_hour == 0.5);
    CHECK(s.world.pricing.serverless_standard_dbu_factor == 0.7);
    const auto& standard = s.strategies[0].cluster;
    CHECK(standard.performance_target == models::PerformanceTarget::kStandard);
    CHECK(standard.attribution == models::Attribution::kDedicated);
    CHECK(standard.serverless_startup.quantile(0.5) == doctest::Approx(300));  // "4 to 6 minutes"
    CHECK(s.strategies[1].cluster.serverless_startup.quantile(0.5) == doctest::Approx(30));
    CHECK(s.strategies[2].cluster.serverless_startup.quantile(0.5) == doctest::Approx(120));
  }

  TEST_CASE("bad values are reported where they are written") {
    const auto errors = testing::errors_of(R"(runs_per_day: 0
cluster: {performance_target: fast, attribution: mine}
workload: {tasks: [{task_key: a, duration: 1m}]}
strategies: [serverless]
)");
    REQUIRE(errors.size() == 3);
    CHECK(errors[0] == "s.yaml:1:15: runs_per_day must be positive (runs sharing a day)");
    CHECK(errors[1] == "s.yaml:2:31: unknown performance_target 'fast' (expected standard or performance_optimized)");
    CHECK(errors[2] == "s.yaml:2:50: unknown attribution 'mine' (expected shared or dedicated)");
  }
}
