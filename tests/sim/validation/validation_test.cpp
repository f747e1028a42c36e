// The validation session driver: top-level runs at given times and restarts of failed runs,
// through the real engine and world, against times worked out by hand.
#include <doctest/doctest.h>

#include "models/deployment.h"
#include "sim/input/scenario_loader.h"
#include "sim/input/wfcommons.h"
#include "sim/validation/validation_session.h"
#include "sim/validation/validation_traces.h"

using namespace orchsim;

namespace {

struct Planned {
  sim::ScenarioSpec spec;
  models::Deployment deployment;
};

Planned plan(const char* yaml) {
  Planned p{sim::parse_scenario(yaml, "session.yaml"), {}};
  Diagnostics d;
  const auto dag = p.spec.workload.dag(d);
  REQUIRE(dag);
  auto deployment = models::plan(p.spec.workload, *dag, p.spec.strategies[0], p.spec.catalog, p.spec.world.pricing, d);
  REQUIRE(deployment);
  p.deployment = std::move(*deployment);
  return p;
}

}  // namespace

TEST_SUITE("sim.validation") {
  TEST_CASE("a failed run is started again, at most `restarts` times") {
    const Planned p = plan(R"(
cluster: {startup: 1m, workers: 1}
workload: {tasks: [{task_key: a, duration: 10m}, {task_key: b, duration: 5m, depends_on: [a], failure_probability: 1}]}
strategies: [single_job_shared_cluster]
)");
    const sim::SessionResult r = sim::run_session(p.deployment, p.spec.workload, p.spec.world,
                                             {.starts = {{SimTime::zero(), p.deployment.entry}}, .restarts = 3}, 1, 0);
    REQUIRE(r.runs.size() == 4);
    for (const auto& run : r.runs) CHECK(run.result == JobResult::kFailed);
    // Each run: a new job cluster (1 min), a (10 min), b fails somewhere in its 5 min.
    CHECK(r.attempts.size() == 8);
    for (std::size_t i = 1; i < r.runs.size(); ++i) CHECK(r.runs[i].started == r.runs[i - 1].finished);
    const SimTime first_b_running = *r.attempts[1].running;
    CHECK(first_b_running == SimTime::zero() + Duration::minutes(11));
  }

  TEST_CASE("runs arriving over time queue FIFO for the cluster's contexts") {
    // One context: the job arriving at 2 min waits until the first ends at 10 min.
    const Planned p = plan(R"(
cluster: {startup: 0s, workers: 1, max_contexts: 1}
workload: {tasks: [{task_key: a, duration: 10m}]}
strategies: [all_purpose_shared]  # one cluster for every run: a job cluster is per run
)");
    models::Deployment two = p.deployment;
    two.jobs.push_back(two.jobs[0]);
    const std::vector<TaskId> first(two.work[0].begin(), two.work[0].end());
    two.work.add_job(first);
    const sim::SessionResult r = sim::run_session(
        two, p.spec.workload, p.spec.world,
        {.starts = {{SimTime::zero(), JobId(0)}, {SimTime::zero() + Duration::minutes(2), JobId(1)}}}, 1, 0);
    REQUIRE(r.attempts.size() == 2);
    CHECK(*r.attempts[1].running - r.attempts[1].started == Duration::minutes(8));
    REQUIRE(r.runs.size() == 2);
    CHECK(r.runs[1].finished == SimTime::zero() + Duration::minutes(20));  // the session goes on until the idle cluster ends
    CHECK(r.runs[1].result == JobResult::kSuccess);
  }

  TEST_CASE("trace replay: the engine's zero-overhead replay is the critical path; one instance predicts nothing") {
    // a (10 s) → b (20 s) → d (1 s) is the longest chain; 8 cores, recorded makespan 61 s.
    const auto trace = sim::parse_wfcommons(R"({"name": "chain", "workflow": {
      "specification": {"tasks": [{"id": "a"}, {"id": "b", "parents": ["a"]}, {"id": "c", "parents": ["a"]},
                                   {"id": "d", "parents": ["b", "c"]}]},
      "execution": {"makespanInSeconds": 61, "machines": [{"nodeName": "m", "cpu": {"coreCount": 8}}],
                    "tasks": [{"id": "a", "runtimeInSeconds": 10}, {"id": "b", "runtimeInSeconds": 20},
                              {"id": "c", "runtimeInSeconds": 5}, {"id": "d", "runtimeInSeconds": 1}]}}})",
                                            "chain.json");
    const auto rows = sim::trace_checks({trace}, {});
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].name.rfind("chain.json (4 tasks, 8 cores): engine replay", 0) == 0);
    CHECK(rows[0].simulated == 31.0);
    CHECK(rows[0].passed);
    CHECK_FALSE(rows[0].informational);
    CHECK(rows[1].name == "family chain: one instance (chain.json), nothing to predict it from");
    CHECK(rows[1].informational);
  }
}
