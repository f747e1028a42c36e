// The Engine releases a run_job child's per-task state once its parent task has taken the child's
// outcome (engine/engine.h, Engine::run; engine/run.h, RunState::released): the child's header
// stays readable, a top-level run keeps its tasks, and a released child left behind in a queue
// (an execution-context slot's waiters) is passed over. Expected values are worked out in each test.
#include <doctest/doctest.h>

#include "engine/memory_table_store.h"
#include "tests/engine/harness.h"

using namespace orchsim;
using namespace orchsim::testing;

namespace {

const Duration k10s = Duration::seconds(10);
const Duration k15s = Duration::seconds(15);

}  // namespace

TEST_SUITE("engine.run_release") {
  TEST_CASE("a finished run_job child is released; its result, parent and times stay; the parent keeps its tasks") {
    // The child starts after the 15 s trigger latency and its one task takes 10 s: it finishes at 25 s.
    TaskSpec call{.kind = TaskKind::kRunJob, .trigger_latency = k15s};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call", {}, call, {}, JobId(1)}}, "parent"));
    jobs.push_back(job_of({{"child_task"}}, "child"));
    Harness h(std::move(jobs));
    h.runner.script("child_task", {{k10s, kOk}});
    const RunId run = h.run_to_end();
    const RunState& child = h.engine.run(RunId(1));
    CHECK(child.released());
    CHECK(child.done());
    CHECK(child.result() == JobResult::kSuccess);
    CHECK(child.parent() == run);
    CHECK(child.parent_task() == h.id("call"));
    CHECK(child.started() == at(k15s));
    CHECK(child.finished() == at(k15s + k10s));
    CHECK(child.timing().run_duration == k10s);
    CHECK(!h.engine.run(run).released());
    CHECK(h.result("call") == TaskResult::kSuccess);
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
  }

  TEST_CASE("a child is released when its parent task takes its outcome, not when the parent finishes") {
    // fast's child ends at 10 s, slow's at 60 s (no trigger latency): at 30 s the first child is
    // released while the second is still under way.
    TaskSpec fast{.kind = TaskKind::kRunJob, .trigger_latency = Duration::zero()};
    TaskSpec slow{.kind = TaskKind::kRunJob, .trigger_latency = Duration::zero()};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"fast", {}, fast, {}, JobId(1)}, {"slow", {}, slow, {}, JobId(2)}}, "parent"));
    jobs.push_back(job_of({{"fast_task"}}, "fast_child"));
    jobs.push_back(job_of({{"slow_task"}}, "slow_child"));
    Harness h(std::move(jobs));
    h.runner.script("fast_task", {{k10s, kOk}});
    h.runner.script("slow_task", {{Duration::seconds(60), kOk}});
    const RunId run = h.engine.start_run(JobId(0));
    h.runtime.run_until(at(Duration::seconds(30)));
    REQUIRE(h.engine.run_count() == 3);
    CHECK(h.engine.run(RunId(1)).released());
    CHECK(!h.engine.run(RunId(2)).released());
    CHECK(h.engine.run(RunId(2)).task(TaskId(0)).lifecycle == Lifecycle::kRunning);
    h.runtime.run();
    CHECK(h.engine.run(RunId(2)).released());
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    CHECK(h.engine.run(run).finished() == at(Duration::seconds(60)));
  }

  TEST_CASE("a child skipped for concurrency is released at once") {
    TaskSpec call{.kind = TaskKind::kRunJob};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call", {}, call, {}, JobId(1)}}, "parent"));
    jobs.push_back(job_of({{"child_task"}}, "child"));
    jobs[1].max_concurrent_runs = 0;
    Harness h(std::move(jobs));
    h.run_to_end();
    CHECK(h.engine.run(RunId(1)).released());
    CHECK(h.engine.run(RunId(1)).result() == JobResult::kSkipped);
    CHECK(h.result("call") == TaskResult::kFailed);
  }

  TEST_CASE("a released child's task still waiting for an execution-context slot is passed over") {
    // Compute 0 runs one task at a time. Child A's task takes the slot at 0 s for 60 s; child B's
    // task waits for it. call_b times out at 5 s: child B is canceled (its waiting task CANCELED)
    // and released. At 60 s the slot frees, finds only B's stale waiter and goes back unused.
    TaskSpec call_a{.kind = TaskKind::kRunJob, .trigger_latency = Duration::zero()};
    TaskSpec call_b{.kind = TaskKind::kRunJob, .timeout = Duration::seconds(5), .trigger_latency = Duration::zero()};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call_a", {}, call_a, {}, JobId(1)}, {"call_b", {}, call_b, {}, JobId(2)}}, "parent"));
    jobs.push_back(job_of({{"task_a"}}, "child_a"));
    jobs.push_back(job_of({{"task_b"}}, "child_b"));
    Harness h(std::move(jobs), EngineOptions{.max_tasks_per_compute = {1}});
    h.runner.script("task_a", {{Duration::seconds(60), kOk}});
    h.runner.script("task_b", {{k10s, kOk}});
    const RunId run = h.run_to_end();
    CHECK(h.engine.run(RunId(2)).released());
    CHECK(h.engine.run(RunId(2)).result() == JobResult::kCanceled);
    CHECK(h.engine.run(RunId(2)).finished() == at(Duration::seconds(5)));
    CHECK(h.starts_of("task_b").empty());
    CHECK(h.result("call_a") == TaskResult::kSuccess);
    CHECK(h.result("call_b") == TaskResult::kTimedOut);
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
    CHECK(h.engine.run(run).finished() == at(Duration::seconds(60)));
    CHECK(h.engine.idle());
  }
}

TEST_SUITE("engine.run_release") {
  TEST_CASE("a grandchild still rolling back when its parent run was released finishes alone") {
    // P's call_c runs C at 0 s, whose call_g runs G at 0 s (no trigger latency). G's w1 commits
    // bronze at 1 s, w2 runs from 1 s. call_c times out at 5 s: C is canceled, so G is, whose w2
    // is killed; C (no rollback) finishes at 5 s and is released; G (job scope) restores bronze's
    // one version, 2 minutes, and finishes CANCELED at 5 s + 2 min, after C is gone.
    struct TwoMinutes final : RestoreTiming {
      Duration restore_duration(TableId, std::uint64_t, std::uint64_t) override { return Duration::minutes(2); }
    };
    MemoryTableStore store;
    const TableId bronze = store.add_table("bronze", 11);
    TaskSpec call_c{.kind = TaskKind::kRunJob, .timeout = Duration::seconds(5), .trigger_latency = Duration::zero()};
    TaskSpec call_g{.kind = TaskKind::kRunJob, .trigger_latency = Duration::zero()};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call_c", {}, call_c, {}, JobId(1)}}, "p"));
    jobs.push_back(job_of({{"call_g", {}, call_g, {}, JobId(2)}}, "c"));
    jobs.push_back(job_of({{"w1", {}, {.writes = {bronze}}}, {"w2", {"w1"}}}, "g"));
    jobs[2].rollback = RollbackScope::kJob;
    TwoMinutes timing;
    Harness h(std::move(jobs), EngineOptions{.tables = &store, .restore_timing = &timing});
    h.runner.script("w1", {{Duration::seconds(1), kOk}});
    h.runner.script("w2", {{Duration::seconds(60), kOk}});
    const RunId run = h.run_to_end();
    CHECK(h.engine.idle());
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
    CHECK(h.engine.run(run).finished() == at(Duration::seconds(5)));
    CHECK(store.current(bronze).content == 11);
    const auto finished = h.events<RunFinished>();
    REQUIRE(finished.size() == 3);
    CHECK(finished.back().run == RunId(2));  // G, last
    CHECK(finished.back().result == JobResult::kCanceled);
    CHECK(finished.back().timing.cleanup == Duration::minutes(2));
    CHECK(h.events<TableRestored>().size() == 1);
  }
}
