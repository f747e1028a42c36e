// plan_of: an inline YAML scenario through the one loader, planned per one of its strategies, for
// the planner's tests (deployment_test, compute_sizing_test). The deployment is empty when plan()
// refused the layout; its diagnostics say why.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "models/deployment.h"
#include "sim/input/scenario_loader.h"

namespace orchsim::testing {

struct Planned {
  sim::ScenarioSpec spec;
  std::optional<models::Deployment> deployment;
  Diagnostics diagnostics;
};

inline Planned plan_of(const std::string& yaml, std::size_t strategy = 0) {
  Planned p;
  p.spec = sim::parse_scenario(yaml, "plan.yaml");
  const auto dag = p.spec.workload.dag(p.diagnostics);
  REQUIRE(dag);
  p.deployment = models::plan(p.spec.workload, *dag, p.spec.strategies.at(strategy), p.spec.catalog,
                              p.spec.world.pricing, p.diagnostics);
  return p;
}

}  // namespace orchsim::testing
