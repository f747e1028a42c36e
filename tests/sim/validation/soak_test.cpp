// The invariant soak: the checker catches each kind of broken invariant it claims to (fed
// hand-made event streams), passes real runs, and the soak over random scenarios finds nothing and
// refuses none of its own scenarios. Also the engine bug the soak found: a job timeout stopping a
// for_each task ended the task before its iterations' attempts.
#include <doctest/doctest.h>

#include <string>

#include "engine/error.h"
#include "sim/experiment/replication.h"
#include "sim/input/scenario_loader.h"
#include "sim/validation/invariant_checker.h"
#include "sim/validation/soak.h"
#include "sim/validation/soak_scenario.h"

using namespace orchsim;

namespace {

struct Planned {
  sim::ScenarioSpec scenario;
  models::Deployment deployment;
};

Planned planned(const std::string& yaml) {
  Planned p{sim::parse_scenario(yaml, "t.yaml"), {}};
  Diagnostics d;
  const auto dag = p.scenario.workload.dag(d);
  REQUIRE(dag);
  auto deployment = models::plan(p.scenario.workload, *dag, p.scenario.strategies.front(), p.scenario.catalog, p.scenario.world.pricing, d);
  REQUIRE(deployment);
  p.deployment = std::move(*deployment);
  return p;
}

// a → b on one job; a writes table `t`.
constexpr const char* kChain = R"(
workload: {tasks: [{task_key: a, duration: 1m, tables: [t]}, {task_key: b, duration: 1m, depends_on: [a]}]}
strategies: [single_job_shared_cluster]
)";

EngineEvent at(std::int64_t s, EngineEventBody body) { return {SimTime::zero() + Duration::seconds(s), body}; }

const RunId kRun(0);
const JobId kJob(0);
const TaskId kA(0), kB(1);
const AttemptId kAttempt(0);

}  // namespace

TEST_SUITE("sim.validation.soak") {
  TEST_CASE("the checker names a task started before its upstream task finished") {
    const Planned p = planned(kChain);
    sim::InvariantChecker c(p.deployment);
    c.on_event(at(0, RunStarted{kRun, kJob, RunId::invalid()}));
    c.on_event(at(0, TaskStarted{kRun, kA}));
    c.on_event(at(1, TaskStarted{kRun, kB}));
    REQUIRE(c.violation());
    CHECK(*c.violation() == "at t+1s: task b started before its upstream task a finished");
  }

  TEST_CASE("the checker catches time going back, an attempt outliving its task, and a skipped table version") {
    const Planned p = planned(kChain);
    sim::InvariantChecker back(p.deployment);
    back.on_event(at(5, RunStarted{kRun, kJob, RunId::invalid()}));
    back.on_event(at(4, TaskStarted{kRun, kA}));
    REQUIRE(back.violation());
    CHECK(*back.violation() == "at t+5s: time went back to t+4s");

    sim::InvariantChecker open(p.deployment);
    open.on_event(at(0, RunStarted{kRun, kJob, RunId::invalid()}));
    open.on_event(at(0, TaskStarted{kRun, kA}));
    open.on_event(at(0, AttemptStarted{kRun, kA, kAttempt, 1, ComputeId(0), std::nullopt}));
    open.on_event(at(9, TaskFinished{kRun, kA, TaskResult::kTimedOut}));
    REQUIRE(open.violation());
    CHECK(*open.violation() == "at t+9s: task a finished with attempt 0 still in flight");

    sim::InvariantChecker table(p.deployment);
    table.on_event(at(0, RunStarted{kRun, kJob, RunId::invalid()}));
    table.on_event(at(0, TaskStarted{kRun, kA}));
    table.on_event(at(0, AttemptStarted{kRun, kA, kAttempt, 1, ComputeId(0), std::nullopt}));
    table.on_event(at(60, TableCommitted{kRun, kA, kAttempt, TableId(0), 2}));
    REQUIRE(table.violation());
    CHECK(*table.violation() == "at t+1m: table t went from version 0 to 2");
  }

  TEST_CASE("the checker applies the leaf rule of docs/model.md §8") {
    // a FAILED and b UPSTREAM_FAILED: the leaf b did not succeed, so the run is FAILED, not
    // SUCCESS_WITH_FAILURES.
    const Planned p = planned(kChain);
    sim::InvariantChecker c(p.deployment);
    c.on_event(at(0, RunStarted{kRun, kJob, RunId::invalid()}));
    c.on_event(at(0, TaskStarted{kRun, kA}));
    c.on_event(at(0, AttemptStarted{kRun, kA, kAttempt, 1, ComputeId(0), std::nullopt}));
    c.on_event(at(60, AttemptFinished{kRun, kA, kAttempt, AttemptResult::failed(FailureKind::kTaskError)}));
    c.on_event(at(60, TaskFinished{kRun, kA, TaskResult::kFailed}));
    c.on_event(at(60, TaskFinished{kRun, kB, TaskResult::kUpstreamFailed}));
    const Duration minute = Duration::minutes(1);
    c.on_event(at(60, RunFinished{kRun, kJob, JobResult::kSuccessWithFailures, {{}, {}, minute, {}, minute}}));
    REQUIRE(c.violation());
    CHECK(*c.violation() == "at t+1m: run 0 ended SUCCESS_WITH_FAILURES but its tasks give FAILED by the leaf rule");
  }

  TEST_CASE("a job timeout ends a for_each task's iterations' attempts before the task itself") {
    // Four 10-minute iterations two at a time on a cluster up after 1 min; the job times out at
    // 5 min, so iterations 0 and 1 are killed then (TIMEDOUT) and 2 and 3 never start.
    const Planned p = planned(R"(
cluster: {startup: 1m}
workload:
  timeout: 5m
  tasks: [{task_key: fan, duration: 10m, for_each: {inputs: 4, concurrency: 2}}]
strategies: [single_job_shared_cluster]
)");
    Trace trace;
    sim::InvariantChecker checker(p.deployment);
    const auto result = sim::run_replication(p.deployment, p.scenario.workload, p.scenario.world, 1, 0, &trace);
    std::size_t attempts_ended = 0, task_end = 0;
    for (std::size_t i = 0; i < trace.events().size(); ++i) {
      checker.on_event(trace.events()[i]);
      if (std::holds_alternative<AttemptFinished>(trace.events()[i].body)) {
        ++attempts_ended;
        CHECK(task_end == 0);
        CHECK(trace.events()[i].time == SimTime::zero() + Duration::minutes(5));
      }
      if (std::holds_alternative<TaskFinished>(trace.events()[i].body)) task_end = i;
    }
    checker.finish(result);
    CHECK(attempts_ended == 2);
    CHECK(task_end > 0);
    CHECK(result.outcome == JobResult::kTimedOut);
    CHECK_FALSE(checker.violation());
  }

  TEST_CASE("the soak over random scenarios: every scenario loads, no invariant breaks, same at any thread count") {
    const sim::SoakReport one = sim::run_soak({.runs = 300, .seed = 1, .replications = 2, .threads = 1});
    for (const auto& r : one.refusals) MESSAGE(r);
    for (const auto& v : one.violations) MESSAGE(v.seed, ": ", v.message);
    CHECK(one.runs == 300);
    CHECK(one.simulated == 600);
    CHECK(one.refused == 0);
    CHECK(one.violations.empty());
    CHECK(one.events > 0);
    const sim::SoakReport two = sim::run_soak({.runs = 300, .seed = 1, .replications = 2, .threads = 2});
    CHECK(two.events == one.events);
    CHECK(two.unbounded == one.unbounded);
  }

  TEST_CASE("a soak scenario is a function of its seed") {
    CHECK(sim::soak_scenario_yaml(7) == sim::soak_scenario_yaml(7));
    CHECK(sim::soak_scenario_yaml(7) != sim::soak_scenario_yaml(8));
  }
}
