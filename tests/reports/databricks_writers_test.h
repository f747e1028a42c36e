// Plans a strategy of an inline scenario, for the Databricks writer tests. The deployment points
// into the scenario's catalog (ComputeSpec::shape.node), so both are kept together.
#pragma once

#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "models/deployment.h"
#include "sim/input/scenario_loader.h"

namespace orchsim::testing {

struct Planned {
  std::unique_ptr<sim::ScenarioSpec> scenario;
  models::Deployment deployment;
};

inline Planned plan_strategy(const std::string& yaml, const std::string& strategy) {
  Planned p{std::make_unique<sim::ScenarioSpec>(sim::parse_scenario(yaml, "test.yaml")), {}};
  const sim::ScenarioSpec& s = *p.scenario;
  Diagnostics d;
  const auto dag = s.workload.dag(d);
  for (const auto& st : s.strategies) {
    if (st.name != strategy) continue;
    auto deployment = models::plan(s.workload, *dag, st, s.catalog, s.world.pricing, d);
    REQUIRE(deployment.has_value());
    p.deployment = std::move(*deployment);
    return p;
  }
  FAIL("no strategy ", strategy);
  return p;
}

}  // namespace orchsim::testing
