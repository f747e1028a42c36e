#include <doctest/doctest.h>

#include "engine/engine.h"
#include "sim/kernel/simulated_runtime.h"
#include "tests/engine/scripted_runner.h"

using namespace orchsim;
using orchsim::testing::ScriptedAttempt;
using orchsim::testing::ScriptedRunner;

namespace {

// One job from (key, deps) pairs; every task is work on compute 0 with the given retry policy.
JobSpec make_job(std::vector<std::pair<std::string, std::vector<std::string>>> tasks, RetryPolicy retry = {}) {
  std::vector<TaskDecl> decls;
  for (auto& [key, deps] : tasks) decls.push_back({key, deps, {}, {}});
  Diagnostics d;
  auto dag = Dag::build(decls, d);
  REQUIRE(dag);
  JobSpec job{.name = "job", .dag = std::move(*dag), .tasks = {}};
  job.tasks.assign(job.dag.size(), TaskSpec{.kind = TaskKind::kWork, .retry = retry}, {.compute = ComputeId(0)});
  return job;
}

SimTime at(Duration d) { return SimTime::zero() + d; }

struct Harness {
  explicit Harness(JobSpec job) : jobs{std::move(job)}, runner(runtime, jobs[0].dag), engine(runtime, runner, trace, jobs) {}
  std::vector<JobSpec> jobs;
  sim::SimulatedRuntime runtime;
  ScriptedRunner runner;
  Trace trace;
  Engine engine;
  TaskResult result(const std::string& key, RunId run = RunId(0)) const {
    return engine.run(run).task(*jobs[0].dag.find(key)).result;
  }
};

const AttemptResult kFail = AttemptResult::failed(FailureKind::kTaskError);

}  // namespace

TEST_SUITE("engine.engine") {
  TEST_CASE("tasks start when all their upstream tasks succeed") {
    Harness h(make_job({{"a", {}}, {"b", {}}, {"c", {"a", "b"}}}));
    h.runner.script("a", {{Duration::seconds(10), AttemptResult::success()}});
    h.runner.script("b", {{Duration::seconds(30), AttemptResult::success()}});
    const RunId run = h.engine.start_run(JobId(0));
    h.runtime.run();
    REQUIRE(h.runner.starts.size() == 3);
    CHECK(h.runner.starts[2].key == "c");
    CHECK(h.runner.starts[2].at == at(Duration::seconds(30)));
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    CHECK(h.engine.run(run).finished() == at(Duration::seconds(31)));
    CHECK(h.engine.idle());
  }

  TEST_CASE("a retry starts min_retry_interval after the START of the failed attempt") {
    // Attempt 1 runs 100 s and fails; interval 60 s: the retry may start at 60 s, but not before
    // the failure is known at 100 s, so it starts at 100 s. Attempt 2 runs 10 s and fails at 110 s;
    // 110 < 100 + 60, so attempt 3 starts at 160 s.
    Harness h(make_job({{"a", {}}}, RetryPolicy{.max_retries = 2, .min_retry_interval = Duration::seconds(60)}));
    h.runner.script("a", {{Duration::seconds(100), kFail}, {Duration::seconds(10), kFail}, {Duration::seconds(5), AttemptResult::success()}});
    h.engine.start_run(JobId(0));
    h.runtime.run();
    REQUIRE(h.runner.starts.size() == 3);
    CHECK(h.runner.starts[1].at == at(Duration::seconds(100)));
    CHECK(h.runner.starts[2].at == at(Duration::seconds(160)));
    CHECK(h.runner.starts[2].number == 3);
    CHECK(h.result("a") == TaskResult::kSuccess);
  }

  TEST_CASE("max_retries bounds the attempts, then the task and the job fail") {
    Harness h(make_job({{"a", {}}, {"b", {"a"}}}, RetryPolicy{.max_retries = 2}));
    h.runner.script("a", {{Duration::seconds(1), kFail}, {Duration::seconds(1), kFail}, {Duration::seconds(1), kFail},
                          {Duration::seconds(1), AttemptResult::success()}});
    const RunId run = h.engine.start_run(JobId(0));
    h.runtime.run();
    CHECK(h.runner.starts.size() == 3);
    CHECK(h.result("a") == TaskResult::kFailed);
    CHECK(h.result("b") == TaskResult::kUpstreamFailed);
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
  }

  TEST_CASE("a per-attempt timeout kills the attempt through the runner") {
    JobSpec job = make_job({{"a", {}}});
    TaskSpec a = job.tasks[0];
    a.timeout = Duration::seconds(50);
    job.tasks.set(0, a);
    Harness h(std::move(job));
    h.runner.script("a", {{Duration::seconds(80), AttemptResult::success()}});
    h.engine.start_run(JobId(0));
    h.runtime.run();
    REQUIRE(h.runner.kills.size() == 1);
    CHECK(h.runner.kills[0].at == at(Duration::seconds(50)));
    CHECK(h.result("a") == TaskResult::kTimedOut);
  }

  TEST_CASE("the compute is released when its last task settles") {
    Harness h(make_job({{"a", {}}, {"b", {"a"}}}));
    h.engine.start_run(JobId(0));
    h.runtime.run();
    REQUIRE(h.runner.releases.size() == 1);
    CHECK(h.runner.releases[0].at == at(Duration::seconds(2)));
  }

  TEST_CASE("a failure cascades down a long chain without recursion") {
    std::vector<std::pair<std::string, std::vector<std::string>>> chain{{"t0", {}}};
    for (int i = 1; i < 200'000; ++i) chain.push_back({fmt::format("t{}", i), {fmt::format("t{}", i - 1)}});
    Harness h(make_job(chain));
    h.runner.script("t0", {{Duration::seconds(1), kFail}});
    const RunId run = h.engine.start_run(JobId(0));
    h.runtime.run();
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
    CHECK(h.result("t199999") == TaskResult::kUpstreamFailed);
  }
}
