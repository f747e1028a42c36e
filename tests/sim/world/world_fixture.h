// Test helper for the cluster world: plans one strategy of an inline scenario, runs one replication
// of it, and keeps the engine trace and the world's own record, with lookups by workload task key.
// Used by tests/sim/world/cluster_world_test.cpp and the world_*_test.cpp files. Single-threaded.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "models/deployment.h"
#include "sim/experiment/replication.h"
#include "sim/input/scenario_loader.h"

namespace orchsim::testing {

struct WorldOutcome {
  sim::ReplicationResult result;
  Trace trace;
  sim::WorldTrace world;
  sim::ScenarioSpec spec;
  models::Deployment deployment;

  // When each attempt of workload task `key` finished (seconds since the start), and how.
  std::vector<std::pair<double, AttemptResult>> finishes(const std::string& key) const {
    std::vector<std::pair<double, AttemptResult>> out;
    for (const auto& e : trace.events()) {
      const auto* f = std::get_if<AttemptFinished>(&e.body);
      if (f == nullptr) continue;
      const std::string_view k = deployment.jobs[job_of(f->run).index()].dag.key(f->task);
      if (k == key) out.emplace_back(e.time.since_start().to_seconds(), f->result);
    }
    return out;
  }
  JobId job_of(RunId run) const {
    for (const auto& e : trace.events()) {
      if (const auto* s = std::get_if<RunStarted>(&e.body); s && s->run == run) return s->job;
    }
    return JobId::invalid();
  }
  // The faults of `kind` the world recorded.
  std::vector<sim::FaultEvent> faults(models::FaultKind kind) const {
    std::vector<sim::FaultEvent> out;
    for (const auto& f : world.faults) {
      if (f.kind == kind) out.push_back(f);
    }
    return out;
  }
};

inline WorldOutcome simulate_world(const std::string& yaml, std::size_t strategy = 0, std::uint64_t replication = 0,
                                   std::uint64_t seed = 42) {
  WorldOutcome o;
  o.spec = sim::parse_scenario(yaml, "world.yaml");
  Diagnostics d;
  const auto dag = o.spec.workload.dag(d);
  REQUIRE(dag);
  auto deployment = models::plan(o.spec.workload, *dag, o.spec.strategies[strategy], o.spec.catalog, o.spec.world.pricing, d);
  REQUIRE(deployment);
  o.deployment = std::move(*deployment);
  o.result = sim::run_replication(o.deployment, o.spec.workload, o.spec.world, seed, replication, &o.trace, nullptr,
                                  &o.world);
  return o;
}

// Simulated times are integer microseconds: a computed end is within a microsecond of the exact one
// per rescheduling it went through.
constexpr double kMicro = 1e-5;

}  // namespace orchsim::testing
