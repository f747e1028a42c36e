#include "sim/experiment/planned_experiment.h"

#include <string_view>

#include "engine/error.h"
#include "sim/experiment/replication.h"

namespace orchsim::sim {

PlannedExperiment plan_experiment(const ScenarioSpec& scenario, std::optional<std::uint64_t> seed) {
  PlannedExperiment plan{.scenario = &scenario, .dag = {}, .deployments = {},
                         .seed = seed.value_or(scenario.experiment.seed)};
  Diagnostics diagnostics;
  plan.dag = scenario.workload.dag(diagnostics);
  diagnostics.throw_if_any();
  for (const auto& strategy : scenario.strategies) {
    auto d = models::plan(scenario.workload, *plan.dag, strategy, scenario.catalog, scenario.world.pricing, diagnostics);
    if (d) plan.deployments.push_back(std::move(*d));
  }
  diagnostics.throw_if_any();
  return plan;
}

ReplicationResult run_planned(const PlannedExperiment& plan, std::size_t strategy, std::uint64_t replication) {
  return run_replication(plan.deployments[strategy], plan.scenario->workload, plan.scenario->world, plan.seed,
                         replication);
}

namespace {

// FNV-1a, 64 bits: stable across processes and builds (std::hash is not).
struct Fnv {
  std::uint64_t h = 1469598103934665603ULL;
  void bytes(std::string_view s) {
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;  // a separator, so "ab","c" differs from "a","bc"
  }
  void number(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) h = (h ^ ((v >> (8 * i)) & 0xff)) * 1099511628211ULL;
  }
};

}  // namespace

std::uint64_t fingerprint(std::span<const PlannedExperiment> plans) {
  Fnv f;
  f.number(plans.size());
  for (const auto& p : plans) {
    f.bytes(p.scenario->name);
    f.number(p.seed);
    f.number(p.scenario->workload.tasks.size());
    for (const auto& t : p.scenario->workload.tasks) f.bytes(t.key);
    f.number(p.deployments.size());
    for (const auto& d : p.deployments) {
      f.number(d.computes.size());
      for (std::size_t c = 0; c < d.computes.size(); ++c) f.bytes(d.compute_names[c]);
    }
  }
  return f.h;
}

}  // namespace orchsim::sim
