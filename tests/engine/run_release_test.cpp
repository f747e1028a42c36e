// The Engine releases a run_job child run, its whole RunState, once its parent task has taken the
// child's outcome (engine/engine.h, Engine::find_run): a top-level run keeps its state, a child
// leaves only its RunStarted and RunFinished events, and the runs held follow the runs under way.
// Released children left behind (an execution-context slot's waiters, a run_job task waiting to
// retry, a grandchild still rolling back) are passed over. Expected values are worked out in each
// test.
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
  TEST_CASE("a finished run_job child is released; its events keep its result and times; the parent keeps its tasks") {
    // The child starts after the 15 s trigger latency and its one task takes 10 s: it finishes at 25 s.
    TaskSpec call{.kind = TaskKind::kRunJob, .trigger_latency = k15s};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call", {}, call, {}, JobId(1)}}, "parent"));
    jobs.push_back(job_of({{"child_task"}}, "child"));
    Harness h(std::move(jobs));
    h.runner.script("child_task", {{k10s, kOk}});
    const RunId run = h.run_to_end();
    CHECK(h.engine.run_count() == 2);
    CHECK(h.engine.held_run_count() == 1);
    CHECK(h.engine.find_run(RunId(1)) == nullptr);
    CHECK(h.engine.find_run(run) == &h.engine.run(run));
    const auto started = h.events<RunStarted>();
    REQUIRE(started.size() == 2);
    CHECK(started[1].run == RunId(1));
    CHECK(started[1].parent == run);
    const auto [finished_at, finished] = h.finish_of(RunId(1));
    CHECK(finished_at == at(k15s + k10s));
    CHECK(finished.result == JobResult::kSuccess);
    CHECK(finished.timing.run_duration == k10s);
    CHECK(h.result("call") == TaskResult::kSuccess);
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    const RepairOutcome repair = h.engine.repair_run(RunId(1), {});
    CHECK(!repair.repair_id);
    CHECK(repair.refused == "run 1 was started by a run_job task: repair its top-level run");
  }

  TEST_CASE("the runs held follow the child runs under way in a multi-job diamond") {
    // One-task children, 10 s each, no trigger latency: a runs 0-10 s, b and c 10-20 s, d 20-30 s.
    // Held: the parent plus the children under way: 2 at 5 s, 3 at 15 s, 2 at 25 s, 1 at the end;
    // every child released, five runs opened.
    const TaskSpec call{.kind = TaskKind::kRunJob, .trigger_latency = Duration::zero()};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"a", {}, call, {}, JobId(1)},
                           {"b", {"a"}, call, {}, JobId(2)},
                           {"c", {"a"}, call, {}, JobId(3)},
                           {"d", {"b", "c"}, call, {}, JobId(4)}},
                          "parent"));
    for (const char* key : {"a_task", "b_task", "c_task", "d_task"}) jobs.push_back(job_of({{key}}, key));
    Harness h(std::move(jobs));
    for (const char* key : {"a_task", "b_task", "c_task", "d_task"}) h.runner.script(key, {{k10s, kOk}});
    const RunId run = h.engine.start_run(JobId(0));
    h.runtime.run_until(at(Duration::seconds(5)));
    CHECK(h.engine.held_run_count() == 2);
    h.runtime.run_until(at(Duration::seconds(15)));
    CHECK(h.engine.held_run_count() == 3);
    CHECK(h.engine.find_run(RunId(1)) == nullptr);  // a's
    h.runtime.run_until(at(Duration::seconds(25)));
    CHECK(h.engine.held_run_count() == 2);
    h.runtime.run();
    CHECK(h.engine.run_count() == 5);
    CHECK(h.engine.held_run_count() == 1);
    for (std::uint32_t child = 1; child <= 4; ++child) CHECK(h.engine.find_run(RunId(child)) == nullptr);
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    CHECK(h.engine.run(run).finished() == at(Duration::seconds(30)));
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
    CHECK(h.engine.held_run_count() == 2);
    CHECK(h.engine.find_run(RunId(1)) == nullptr);
    REQUIRE(h.engine.find_run(RunId(2)) != nullptr);
    CHECK(h.engine.run(RunId(2)).task(TaskId(0)).lifecycle == Lifecycle::kRunning);
    h.runtime.run();
    CHECK(h.engine.find_run(RunId(2)) == nullptr);
    CHECK(h.engine.held_run_count() == 1);
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
    CHECK(h.engine.find_run(RunId(1)) == nullptr);
    CHECK(h.engine.held_run_count() == 1);
    CHECK(h.finish_of(RunId(1)).second.result == JobResult::kSkipped);
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
    CHECK(h.engine.find_run(RunId(2)) == nullptr);
    const auto [b_finished_at, b_finished] = h.finish_of(RunId(2));
    CHECK(b_finished.result == JobResult::kCanceled);
    CHECK(b_finished_at == at(Duration::seconds(5)));
    CHECK(h.starts_of("task_b").empty());
    CHECK(h.result("call_a") == TaskResult::kSuccess);
    CHECK(h.result("call_b") == TaskResult::kTimedOut);
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
    CHECK(h.engine.run(run).finished() == at(Duration::seconds(60)));
    CHECK(h.engine.idle());
  }

  TEST_CASE("a run_job task waiting to retry after its released child is canceled alone") {
    // The child's task fails at 10 s: the child FAILED, released; call retries 60 s after its
    // attempt's start, at 60 s. The parent is canceled at 30 s: call, its child already gone, is
    // CANCELED then, and so is the parent; no second child run.
    TaskSpec call{.kind = TaskKind::kRunJob,
                  .retry = {.max_retries = 1, .min_retry_interval = Duration::seconds(60)},
                  .trigger_latency = Duration::zero()};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call", {}, call, {}, JobId(1)}}, "parent"));
    jobs.push_back(job_of({{"child_task"}}, "child"));
    Harness h(std::move(jobs));
    h.runner.script("child_task", {{k10s, kFail}});
    const RunId run = h.engine.start_run(JobId(0));
    h.runtime.run_until(at(Duration::seconds(30)));
    CHECK(h.engine.find_run(RunId(1)) == nullptr);
    CHECK(h.task("call").lifecycle == Lifecycle::kWaitingForRetry);
    h.engine.cancel_run(run);
    h.runtime.run();
    CHECK(h.result("call") == TaskResult::kCanceled);
    CHECK(h.engine.run(run).result() == JobResult::kCanceled);
    CHECK(h.engine.run(run).finished() == at(Duration::seconds(30)));
    CHECK(h.engine.run_count() == 2);
    CHECK(h.starts_of("child_task").size() == 1);
    CHECK(h.engine.idle());
  }

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
