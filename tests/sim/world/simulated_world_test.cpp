// The one wiring of the simulated world (sim/world/simulated_world.h): the pipeline's tables exist
// at version 0 before the run, engine events reach the caller's sink through the rollback audit,
// and the engine runs on the world's clusters. Expected values are derived here from the
// scenario's numbers.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "engine/rng.h"
#include "models/deployment.h"
#include "sim/input/scenario_loader.h"
#include "sim/world/simulated_world.h"

using namespace orchsim;

namespace {

// Counts the events the sink receives.
struct CountingSink final : EventSink {
  int runs_finished = 0;
  int commits = 0;
  void on_event(const EngineEvent& e) override {
    runs_finished += std::holds_alternative<RunFinished>(e.body);
    commits += std::holds_alternative<TableCommitted>(e.body);
  }
};

}  // namespace

TEST_SUITE("sim.world") {
  TEST_CASE("simulated world: tables at version 0, events through the audit, the engine on the clusters") {
    // Two chained 10-minute tasks on one job cluster with a fixed 60 s startup, each writing a table.
    const auto spec = sim::parse_scenario(R"(
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 60s}
workload:
  tasks:
    - {task_key: a, duration: 10m, tables: [raw]}
    - {task_key: b, duration: 10m, depends_on: [a], tables: [clean]}
strategies: [single_job_shared_cluster]
)",
                                          "world.yaml");
    Diagnostics d;
    const auto dag = spec.workload.dag(d);
    REQUIRE(dag);
    const auto deployment = models::plan(spec.workload, *dag, spec.strategies[0], spec.catalog, spec.world.pricing, d);
    REQUIRE(deployment);
    CountingSink sink;
    sim::SimulatedWorld w(*deployment, spec.workload, spec.world, 42, 0, sink);
    REQUIRE(w.tables.table_count() == 2);
    CHECK(w.tables.name(TableId(0)) == "raw");
    CHECK(w.tables.current(TableId(0)).version == 0);
    CHECK(w.tables.current(TableId(0)).content == stable_hash("raw"));

    const RunId run = w.engine.start_run(deployment->entry);
    w.runtime.run();
    CHECK(w.engine.idle());
    w.check_all_terminated();
    const RunState& state = w.engine.run(run);
    CHECK(state.result() == JobResult::kSuccess);
    // Startup, then the two tasks one after the other: 60 + 600 + 600 s.
    CHECK((state.finished() - state.started()).to_seconds() == doctest::Approx(1260).epsilon(1e-6));
    CHECK(sink.runs_finished == 1);
    CHECK(sink.commits == 2);
    CHECK(w.tables.current(TableId(1)).version == 1);
    CHECK(w.audit.rollbacks() == 0);
    CHECK(w.world.instances().size() == 1);
  }
}
