// Engine semantics end to end on the scripted runner: job outcome from leaves, condition branching
// and joins, eager evaluation, disabled tasks, cancellation, timeouts, run concurrency, execution
// contexts, for_each, run_job, repair and timing. Expected values are worked out in each test.
#include <doctest/doctest.h>

#include "tests/engine/harness.h"

using namespace orchsim;
using namespace orchsim::testing;

namespace {

const Duration k1s = Duration::seconds(1);
const Duration k10s = Duration::seconds(10);

TaskSpec condition(ConditionOp op, std::string left, std::string right) {
  return {.kind = TaskKind::kCondition, .condition = {op, std::move(left), std::move(right)}};
}

}  // namespace

TEST_SUITE("engine.outcome") {
  TEST_CASE("job outcome from the leaves: every case of docs/model.md §6–8") {
    struct Case {
      const char* name;
      bool a_fails;
      RunIf c_rule;  // c depends on a and is the only leaf besides b
      JobResult expected;
    };
    // Job: a → c, b (independent leaf, always succeeds).
    const Case cases[] = {
        // Every task succeeded.
        {"all succeed", false, RunIf::kAllSuccess, JobResult::kSuccess},
        // a failed but every leaf (b, the ALL_DONE cleanup c) succeeded.
        {"cleanup leaf", true, RunIf::kAllDone, JobResult::kSuccessWithFailures},
        // a failed, so c is UPSTREAM_FAILED: a leaf failed.
        {"failed leaf", true, RunIf::kAllSuccess, JobResult::kFailed},
        // A failure handler that is EXCLUDED (nothing failed) counts as success.
        {"excluded handler", false, RunIf::kAtLeastOneFailed, JobResult::kSuccess},
        // The handler ran after a's failure and succeeded.
        {"handler ran", true, RunIf::kAtLeastOneFailed, JobResult::kSuccessWithFailures},
    };
    for (const Case& c : cases) {
      CAPTURE(c.name);
      Harness h(job_of({{"a"}, {"b"}, {"c", {"a"}, spec_with(c.c_rule)}}));
      if (c.a_fails) h.runner.script("a", {{k1s, kFail}});
      const RunId run = h.run_to_end();
      CHECK(h.engine.run(run).result() == c.expected);
    }
  }

  TEST_CASE("a failed leaf fails the job even when another leaf succeeded") {
    Harness h(job_of({{"a"}, {"b"}}));
    h.runner.script("b", {{k1s, kFail}});
    CHECK(h.engine.run(h.run_to_end()).result() == JobResult::kFailed);
  }
}

TEST_SUITE("engine.condition_tasks") {
  // check → yes (outcome true), no (outcome false); join depends on both.
  JobSpec branching(ConditionOp op, std::string left, std::string right, RunIf join_rule) {
    return job_of({{"check", {}, condition(op, std::move(left), std::move(right))},
                   {"yes", {"check"}, {}, {EdgeGate::kTrue}},
                   {"no", {"check"}, {}, {EdgeGate::kFalse}},
                   {"join", {"yes", "no"}, spec_with(join_rule)}});
  }

  TEST_CASE("the branch not taken is excluded and a join after it runs") {
    for (RunIf join : {RunIf::kAtLeastOneSuccess, RunIf::kNoneFailed, RunIf::kAllSuccess}) {
      CAPTURE(to_string(join));
      Harness h(branching(ConditionOp::kGreaterThan, "12", "3", join));  // 12 > 3 numerically: true
      const RunId run = h.run_to_end();
      CHECK(h.result("check") == TaskResult::kSuccess);
      CHECK(h.result("yes") == TaskResult::kSuccess);
      CHECK(h.result("no") == TaskResult::kExcluded);
      CHECK(h.result("join") == TaskResult::kSuccess);
      CHECK(h.engine.run(run).result() == JobResult::kSuccess);
      CHECK(h.starts_of("no").empty());
    }
  }

  TEST_CASE("the false branch runs when the string comparison is false") {
    Harness h(branching(ConditionOp::kEqualTo, "12.0", "12", RunIf::kAtLeastOneSuccess));  // strings differ
    h.run_to_end();
    CHECK(h.result("yes") == TaskResult::kExcluded);
    CHECK(h.result("no") == TaskResult::kSuccess);
    CHECK(h.result("join") == TaskResult::kSuccess);
    const auto evals = h.events<ConditionEvaluated>();
    REQUIRE(evals.size() == 1);
    CHECK(evals[0].evaluable);
    CHECK_FALSE(evals[0].outcome);
  }

  // "Excluded tasks are skipped and are treated as successful" (docs.databricks.com/en/workflows/
  // jobs/conditional-tasks.html): AT_LEAST_ONE_SUCCESS over {FAILED, EXCLUDED} runs.
  TEST_CASE("a join after a taken branch that failed runs by AT_LEAST_ONE_SUCCESS, not by ALL_SUCCESS") {
    Harness h(branching(ConditionOp::kEqualTo, "x", "x", RunIf::kAtLeastOneSuccess));
    h.runner.script("yes", {{k1s, kFail}});
    const RunId run = h.run_to_end();
    CHECK(h.result("no") == TaskResult::kExcluded);
    CHECK(h.result("join") == TaskResult::kSuccess);
    CHECK(h.engine.run(run).result() == JobResult::kSuccessWithFailures);  // the leaf succeeded
    Harness strict(branching(ConditionOp::kEqualTo, "x", "x", RunIf::kAllSuccess));
    strict.runner.script("yes", {{k1s, kFail}});
    const RunId strict_run = strict.run_to_end();
    CHECK(strict.result("join") == TaskResult::kUpstreamFailed);
    CHECK(strict.engine.run(strict_run).result() == JobResult::kFailed);
  }

  TEST_CASE("a numeric comparison with a non-number fails the condition task") {
    Harness h(branching(ConditionOp::kLessThan, "many", "3", RunIf::kAtLeastOneSuccess));
    h.run_to_end();
    CHECK(h.result("check") == TaskResult::kFailed);
    CHECK(h.result("yes") == TaskResult::kUpstreamFailed);
    CHECK(h.result("no") == TaskResult::kUpstreamFailed);
  }

  TEST_CASE("references are resolved through the ValueResolver; unresolvable ones fail the task") {
    struct Values final : ValueResolver {
      std::optional<std::string> resolve(RunId, std::string_view ref) override {
        if (ref == "{{tasks.ingest.values.rows}}") return "0";
        return std::nullopt;
      }
    } values;
    Harness h(branching(ConditionOp::kGreaterThan, "{{tasks.ingest.values.rows}}", "0", RunIf::kAtLeastOneSuccess),
              EngineOptions{.values = &values});
    h.run_to_end();
    CHECK(h.result("yes") == TaskResult::kExcluded);  // 0 > 0 is false
    CHECK(h.result("no") == TaskResult::kSuccess);

    Harness unresolved(branching(ConditionOp::kEqualTo, "{{job.parameters.mode}}", "full", RunIf::kAtLeastOneSuccess),
                       EngineOptions{.values = &values});
    unresolved.run_to_end();
    CHECK(unresolved.result("check") == TaskResult::kFailed);
  }
}

TEST_SUITE("engine.evaluation") {
  TEST_CASE("eager mode starts a one_success task at the first success; all-done mode waits") {
    for (EvaluationMode mode : {EvaluationMode::kEager, EvaluationMode::kAllDone}) {
      JobSpec job = job_of({{"fast"}, {"slow"}, {"any", {"fast", "slow"}, spec_with(RunIf::kAirflowOneSuccess)}});
      job.evaluation = mode;
      Harness h(std::move(job));
      h.runner.script("fast", {{Duration::seconds(5), kOk}});
      h.runner.script("slow", {{Duration::seconds(50), kOk}});
      h.run_to_end();
      const SimTime expected = at(Duration::seconds(mode == EvaluationMode::kEager ? 5 : 50));
      CHECK(h.starts_of("any") == std::vector<SimTime>{expected});
      CHECK(h.result("any") == TaskResult::kSuccess);
    }
  }

  TEST_CASE("eager all_success fails at the first failed upstream") {
    JobSpec job = job_of({{"bad"}, {"slow"}, {"all", {"bad", "slow"}, spec_with(RunIf::kAirflowAllSuccess)}});
    job.evaluation = EvaluationMode::kEager;
    Harness h(std::move(job));
    h.runner.script("bad", {{Duration::seconds(2), kFail}});
    h.runner.script("slow", {{Duration::seconds(60), kOk}});
    h.run_to_end();
    const auto finished = h.events<TaskFinished>();
    const TaskId all = h.id("all");
    bool seen = false;
    for (const auto& e : h.trace.events()) {
      if (const auto* f = std::get_if<TaskFinished>(&e.body); f && f->task == all) {
        CHECK(e.time == at(Duration::seconds(2)));
        CHECK(f->result == TaskResult::kUpstreamFailed);
        seen = true;
      }
    }
    CHECK(seen);
  }

  // docs.databricks.com/gcp/en/jobs/disabled-tasks: "A (disabled) → B: B does not run", and B is
  // marked disabled for that run; disabled tasks do not fail the job.
  TEST_CASE("a disabled task is DISABLED, and so is a child that cannot run because of it") {
    TaskSpec off{.disabled = true};
    Harness h(job_of({{"a"}, {"off", {"a"}, off}, {"b", {"off"}}, {"done", {"off"}, spec_with(RunIf::kAllDone)}}));
    const RunId run = h.run_to_end();
    CHECK(h.result("off") == TaskResult::kDisabled);
    CHECK(h.starts_of("off").empty());
    CHECK(h.result("b") == TaskResult::kDisabled);
    CHECK(h.starts_of("b").empty());
    CHECK(h.result("done") == TaskResult::kSuccess);  // "A disabled parent task is treated as done"
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
  }
}

TEST_SUITE("engine.cancel_timeout") {
  TEST_CASE("cancel: running tasks CANCELED, cancellation spreads, failure handlers still run") {
    Harness h(job_of({{"a"}, {"b", {"a"}}, {"cleanup", {"b"}, spec_with(RunIf::kAllDone)}}));
    h.runner.script("a", {{Duration::seconds(100), kOk}});
    const RunId run = h.engine.start_run(JobId(0));
    h.runtime.run_until(at(Duration::seconds(40)));
    h.engine.cancel_run(run);
    h.runtime.run();
    CHECK(h.result("a") == TaskResult::kCanceled);
    CHECK(h.result("b") == TaskResult::kUpstreamCanceled);
    CHECK(h.result("cleanup") == TaskResult::kSuccess);
    CHECK(h.starts_of("cleanup") == std::vector<SimTime>{at(Duration::seconds(40))});
    REQUIRE(h.runner.kills.size() == 1);
    CHECK(h.runner.kills[0].at == at(Duration::seconds(40)));
    CHECK(h.engine.run(run).result() == JobResult::kCanceled);
    CHECK(h.engine.idle());
  }

  TEST_CASE("the per-attempt timeout counts setup (cluster start)") {
    TaskSpec t{.timeout = Duration::seconds(60)};
    Harness h(job_of({{"a", {}, t}}));
    // 30 s setup + 40 s run = 70 s > 60 s: killed at 60 s, during its run.
    h.runner.script("a", {{Duration::seconds(40), kOk, Duration::seconds(30)}});
    h.run_to_end();
    REQUIRE(h.runner.kills.size() == 1);
    CHECK(h.runner.kills[0].at == at(Duration::seconds(60)));
    CHECK(h.result("a") == TaskResult::kTimedOut);
  }

  TEST_CASE("a job-run timeout kills what runs, cancels the rest, runs no handler") {
    JobSpec job = job_of({{"a"}, {"b", {"a"}}, {"handler", {"b"}, spec_with(RunIf::kAllDone)}});
    job.set_timeout(Duration::minutes(5));
    Harness h(std::move(job));
    h.runner.script("a", {{Duration::minutes(10), kOk}});
    const RunId run = h.run_to_end();
    CHECK(h.result("a") == TaskResult::kTimedOut);
    CHECK(h.result("b") == TaskResult::kCanceled);
    CHECK(h.result("handler") == TaskResult::kCanceled);
    CHECK(h.starts_of("handler").empty());
    CHECK(h.engine.run(run).result() == JobResult::kTimedOut);
    CHECK(h.engine.run(run).finished() == at(Duration::minutes(5)));
    CHECK(h.runtime.now() == at(Duration::minutes(5)));  // no timer of the run left behind
  }
}

TEST_SUITE("engine.concurrency") {
  TEST_CASE("max_concurrent_runs: over the limit a run is SKIPPED") {
    Harness h(job_of({{"a"}}));
    const RunId first = h.engine.start_run(JobId(0));
    const RunId second = h.engine.start_run(JobId(0));
    h.runtime.run();
    CHECK(h.engine.run(first).result() == JobResult::kSuccess);
    CHECK(h.engine.run(second).result() == JobResult::kSkipped);
    CHECK(std::string(to_string(JobResult::kSkipped)) == "MAXIMUM_CONCURRENT_RUNS_REACHED");
    CHECK(h.runner.starts.size() == 1);
  }

  TEST_CASE("with queueing a run waits QUEUED and its queue time is reported") {
    JobSpec job = job_of({{"a"}});
    job.queue = true;
    Harness h(std::move(job));
    h.runner.script("a", {{Duration::seconds(30), kOk}, {Duration::seconds(30), kOk}});
    const RunId first = h.engine.start_run(JobId(0));
    const RunId second = h.engine.start_run(JobId(0));
    CHECK(h.engine.run(second).lifecycle() == Lifecycle::kQueued);
    h.runtime.run();
    CHECK(h.engine.run(first).result() == JobResult::kSuccess);
    CHECK(h.engine.run(second).result() == JobResult::kSuccess);
    // The second waits for the first (30 s), then runs 30 s.
    CHECK(h.engine.run(second).timing().queue == Duration::seconds(30));
    CHECK(h.engine.run(second).finished() == at(Duration::seconds(60)));
  }

  TEST_CASE("a queued run is skipped after max_queue_wait") {
    JobSpec job = job_of({{"a"}});
    job.queue = true;
    job.max_queue_wait = Duration::seconds(10);
    Harness h(std::move(job));
    h.runner.script("a", {{Duration::seconds(30), kOk}});
    h.engine.start_run(JobId(0));
    const RunId second = h.engine.start_run(JobId(0));
    h.runtime.run();
    CHECK(h.engine.run(second).result() == JobResult::kSkipped);
    CHECK(h.engine.run(second).finished() == at(Duration::seconds(10)));
  }

  TEST_CASE("a per-compute cap on running tasks (execution contexts)") {
    std::vector<TaskDef> tasks;
    for (int i = 0; i < 5; ++i) tasks.push_back({fmt::format("t{}", i)});
    Harness h(job_of(tasks), EngineOptions{.max_tasks_per_compute = {2}});
    for (int i = 0; i < 5; ++i) h.runner.script(fmt::format("t{}", i), {{k10s, kOk}});
    const RunId run = h.run_to_end();
    CHECK(h.runner.max_in_flight == 2);
    // 5 tasks of 10 s, 2 at a time: ceil(5 / 2) = 3 waves.
    CHECK(h.engine.run(run).finished() == at(k10s * 3));
  }
}

TEST_SUITE("engine.task_types") {
  TEST_CASE("for_each runs one iteration per input, `concurrency` at a time") {
    TaskSpec each{.kind = TaskKind::kForEach, .for_each = {.inputs = 5, .concurrency = 2}};
    Harness h(job_of({{"loop", {}, each}, {"after", {"loop"}}}));
    h.runner.script("loop", {{k10s, kOk}});
    h.run_to_end();
    CHECK(h.runner.max_in_flight == 2);
    // 3 waves of 10 s, then "after".
    CHECK(h.starts_of("after") == std::vector<SimTime>{at(k10s * 3)});
    CHECK(h.result("loop") == TaskResult::kSuccess);
    CHECK(h.events<IterationFinished>().size() == 5);
  }

  TEST_CASE("a failed iteration fails the for_each task once all iterations are over") {
    TaskSpec each{.kind = TaskKind::kForEach, .retry = {.max_retries = 1},
                  .for_each = {.inputs = 3, .concurrency = 3}};
    Harness h(job_of({{"loop", {}, each}}));
    h.runner.script("loop#1", {{k10s, kFail}, {k10s, kFail}});  // fails both of its attempts
    h.runner.script("loop#2", {{k10s, kFail}, {k10s, kOk}});    // recovers on its retry
    const RunId run = h.run_to_end();
    CHECK(h.result("loop") == TaskResult::kFailed);
    CHECK(h.runner.starts.size() == 5);  // 3 first attempts + 2 retries
    CHECK(h.engine.run(run).finished() == at(k10s * 2));
  }

  TEST_CASE("run_job starts the child after its trigger latency and takes its outcome") {
    TaskSpec call{.kind = TaskKind::kRunJob, .trigger_latency = Duration::seconds(15)};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call", {}, call, {}, JobId(1)}, {"next", {"call"}}}, "parent"));
    jobs.push_back(job_of({{"child_task"}}, "child"));
    Harness h(std::move(jobs));
    h.runner.script("child_task", {{k10s, kFail}});
    const RunId run = h.run_to_end();
    CHECK(h.starts_of("child_task") == std::vector<SimTime>{at(Duration::seconds(15))});
    CHECK(h.result("call") == TaskResult::kFailed);
    CHECK(h.result("next") == TaskResult::kUpstreamFailed);
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
    REQUIRE(h.events<RunStarted>().size() == 2);
    CHECK(h.events<RunStarted>()[1].parent == run);
  }
}

TEST_SUITE("engine.run_job") {
  TEST_CASE("a run_job task retries a failed child with a new child run") {
    // Child run 1 fails at 15 + 10 s. The retry may start 60 s after the failed attempt's start
    // (15 s) = 75 s, then waits the trigger latency again: child run 2 starts at 90 s.
    TaskSpec call{.kind = TaskKind::kRunJob,
                  .retry = {.max_retries = 1, .min_retry_interval = Duration::seconds(60)},
                  .trigger_latency = Duration::seconds(15)};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call", {}, call, {}, JobId(1)}}, "parent"));
    jobs.push_back(job_of({{"child_task"}}, "child"));
    Harness h(std::move(jobs));
    h.runner.script("child_task", {{k10s, kFail}, {k10s, kOk}}, /*by_call=*/true);
    const RunId run = h.run_to_end();
    CHECK(h.starts_of("child_task") == std::vector<SimTime>{at(Duration::seconds(15)), at(Duration::seconds(90))});
    CHECK(h.engine.run_count() == 3);
    CHECK(h.finish_of(RunId(1)).second.result == JobResult::kFailed);
    CHECK(h.finish_of(RunId(2)).second.result == JobResult::kSuccess);
    CHECK(h.task("call").attempts == 2);
    CHECK(h.result("call") == TaskResult::kSuccess);
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    CHECK(h.events<RetryScheduled>().size() == 1);
  }

  TEST_CASE("a run_job task's timeout runs from the child run's start and cancels the child") {
    // Child starts at 15 s (trigger latency); timeout 20 s → at 35 s the child is canceled and the
    // task TIMEDOUT (no retry_on_timeout), although the child task alone would end at 15 + 60 s.
    TaskSpec call{.kind = TaskKind::kRunJob, .retry = {.max_retries = 1}, .timeout = Duration::seconds(20),
                  .trigger_latency = Duration::seconds(15)};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call", {}, call, {}, JobId(1)}}, "parent"));
    jobs.push_back(job_of({{"child_task"}}, "child"));
    Harness h(std::move(jobs));
    h.runner.script("child_task", {{Duration::seconds(60), kOk}});
    const RunId run = h.run_to_end();
    CHECK(h.result("call") == TaskResult::kTimedOut);
    CHECK(h.finish_of(RunId(1)).second.result == JobResult::kCanceled);
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
    CHECK(h.engine.run(run).finished() == at(Duration::seconds(35)));
    CHECK(h.engine.run_count() == 2);  // timeouts are not retried without retry_on_timeout
  }

  TEST_CASE("a child run skipped for concurrency is a failed attempt: the retry policy applies") {
    // The child job allows no run at all (max_concurrent_runs 0): each child run is skipped at
    // once. With max_retries 2 and a 30 s interval from each attempt's start, attempts start at
    // 0, 30 and 60 s; the third skip fails the task.
    TaskSpec call{.kind = TaskKind::kRunJob, .retry = {.max_retries = 2, .min_retry_interval = Duration::seconds(30)}};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call", {}, call, {}, JobId(1)}}, "parent"));
    jobs.push_back(job_of({{"child_task"}}, "child"));
    jobs[1].max_concurrent_runs = 0;
    Harness h(std::move(jobs));
    const RunId run = h.run_to_end();
    CHECK(h.engine.run_count() == 4);
    for (std::uint32_t i = 1; i <= 3; ++i) CHECK(h.finish_of(RunId(i)).second.result == JobResult::kSkipped);
    CHECK(h.task("call").attempts == 3);
    CHECK(h.result("call") == TaskResult::kFailed);
    CHECK(h.engine.run(run).finished() == at(Duration::seconds(60)));
    CHECK(h.runner.starts.empty());
  }

  TEST_CASE("without retries a failed child fails the run_job task once") {
    TaskSpec call{.kind = TaskKind::kRunJob};
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"call", {}, call, {}, JobId(1)}}, "parent"));
    jobs.push_back(job_of({{"child_task"}}, "child"));
    Harness h(std::move(jobs));
    h.runner.script("child_task", {{k10s, kFail}, {k10s, kOk}}, /*by_call=*/true);
    h.run_to_end();
    CHECK(h.engine.run_count() == 2);
    CHECK(h.result("call") == TaskResult::kFailed);
  }
}

TEST_SUITE("engine.repair") {
  TEST_CASE("repair reruns the failed tasks inside the same run and keeps the succeeded ones") {
    Harness h(job_of({{"a"}, {"b", {"a"}}, {"c"}}));
    h.runner.script("a", {{k1s, kFail}, {k1s, kOk}});
    const RunId run = h.run_to_end();
    CHECK(h.engine.run(run).result() == JobResult::kFailed);

    const RepairOutcome r = h.engine.repair_run(run, {});
    REQUIRE(r.repair_id);
    CHECK(*r.repair_id == 1);
    h.runtime.run();
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    CHECK(h.starts_of("c").size() == 1);  // kept
    CHECK(h.starts_of("a").size() == 2);
    CHECK(h.task("a").attempts == 2);  // numbering continues
    CHECK(h.result("b") == TaskResult::kSuccess);
  }

  TEST_CASE("repairs are numbered and a stale repair id is refused") {
    Harness h(job_of({{"a"}, {"b", {"a"}}}));
    h.runner.script("a", {{k1s, kFail}, {k1s, kFail}, {k1s, kOk}});
    const RunId run = h.run_to_end();
    CHECK_FALSE(h.engine.repair_run(run, {.latest_repair_id = 1}).repair_id);  // not repaired yet
    REQUIRE(h.engine.repair_run(run, {}).repair_id == 1u);
    CHECK_FALSE(h.engine.repair_run(run, {}).repair_id);  // still running
    h.runtime.run();
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
    const RepairOutcome stale = h.engine.repair_run(run, {});
    CHECK_FALSE(stale.repair_id);
    CHECK(stale.refused.find("stale") != std::string::npos);
    REQUIRE(h.engine.repair_run(run, {.latest_repair_id = 1}).repair_id == 2u);
    h.runtime.run();
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    CHECK(h.events<RepairStarted>().size() == 2);
  }

  TEST_CASE("an explicit task list also reruns the downstream tasks that never ran, never a settled one") {
    // a fails; b (after a) is UPSTREAM_FAILED; c (after a, ALL_DONE) ran. Repairing [a]: b never
    // ran, so it reruns; c succeeded and stays (its pending count must not wrap when a settles).
    Harness h(job_of({{"a"}, {"b", {"a"}}, {"c", {"a"}, spec_with(RunIf::kAllDone)}}));
    h.runner.script("a", {{k1s, kFail}, {k1s, kOk}});
    const RunId run = h.run_to_end();
    CHECK(h.result("b") == TaskResult::kUpstreamFailed);
    CHECK(h.result("c") == TaskResult::kSuccess);
    REQUIRE(h.engine.repair_run(run, {.rerun_tasks = {h.id("a")}}).repair_id);
    h.runtime.run();
    CHECK(h.result("a") == TaskResult::kSuccess);
    CHECK(h.result("b") == TaskResult::kSuccess);
    CHECK(h.starts_of("c").size() == 1);
    CHECK(h.task("c").pending == 0);
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
  }

  TEST_CASE("rerun_dependent_tasks also reruns succeeded tasks downstream") {
    Harness h(job_of({{"a"}, {"b", {"a"}}, {"c"}}));
    const RunId run = h.run_to_end();
    REQUIRE(h.engine.repair_run(run, {.rerun_tasks = {h.id("a")}, .rerun_dependent_tasks = true}).repair_id);
    h.runtime.run();
    CHECK(h.starts_of("a").size() == 2);
    CHECK(h.starts_of("b").size() == 2);
    CHECK(h.starts_of("c").size() == 1);
  }
}

TEST_SUITE("engine.retry_timing") {
  TEST_CASE("exponential backoff with a cap, anchored at attempt start") {
    TaskSpec t{.retry = {.max_retries = 4, .min_retry_interval = Duration::seconds(20), .backoff = Backoff::kExponential,
                         .shape = RetryShape{.multiplier = 2.0, .max_delay = Duration::seconds(50)}}};
    Harness h(job_of({{"a", {}, t}}));
    h.runner.script("a", {{k10s, kFail}, {k10s, kFail}, {k10s, kFail}, {k10s, kFail}, {k10s, kOk}});
    h.run_to_end();
    // Delays 20, 40, 80→50, 160→50 from each attempt's start; each attempt runs 10 s (< delay).
    std::vector<SimTime> expected{at(Duration::zero())};
    for (std::int64_t d : {20, 40, 50, 50}) expected.push_back(expected.back() + Duration::seconds(d));
    CHECK(h.starts_of("a") == expected);
  }

  TEST_CASE("a timeout is not retried unless retry_on_timeout") {
    for (bool on_timeout : {false, true}) {
      TaskSpec t{.retry = {.max_retries = 1, .retry_on_timeout = on_timeout}, .timeout = k10s};
      Harness h(job_of({{"a", {}, t}}));
      h.runner.script("a", {{Duration::seconds(20), kOk}, {Duration::seconds(5), kOk}});
      h.run_to_end();
      CHECK(h.starts_of("a").size() == (on_timeout ? 2u : 1u));
      CHECK(h.result("a") == (on_timeout ? TaskResult::kSuccess : TaskResult::kTimedOut));
    }
  }

  TEST_CASE("a permanent error is not retried") {
    TaskSpec t{.retry = {.max_retries = 5}};
    Harness h(job_of({{"a", {}, t}}));
    h.runner.script("a", {{k1s, AttemptResult::failed(FailureKind::kPermanent)}});
    h.run_to_end();
    CHECK(h.starts_of("a").size() == 1);
    CHECK(h.result("a") == TaskResult::kFailed);
  }

  TEST_CASE("max_retries -1 retries until the run's failure budget is spent") {
    TaskSpec t{.retry = {.max_retries = RetryPolicy::kForever}};
    JobSpec job = job_of({{"a", {}, t}});
    job.set_retry_budget(3);
    Harness h(std::move(job));
    h.runner.script("a", std::vector<ScriptedAttempt>(10, {k1s, kFail}));
    h.run_to_end();
    CHECK(h.starts_of("a").size() == 1 + 3);
    CHECK(h.result("a") == TaskResult::kFailed);
  }
}

TEST_SUITE("engine.timing") {
  TEST_CASE("run timing as the Jobs API reports it") {
    Harness h(job_of({{"a"}, {"b", {"a"}}}));
    h.runner.script("a", {{Duration::seconds(60), kOk, Duration::seconds(30)}});
    h.runner.script("b", {{Duration::seconds(20), kOk, Duration::seconds(5)}});
    const RunId run = h.run_to_end();
    const RunTiming t = h.engine.run(run).timing();
    CHECK(t.queue == Duration::zero());
    CHECK(t.setup == Duration::seconds(30));              // until a's code ran
    CHECK(t.execution == Duration::seconds(60 + 5 + 20));  // a's run, b's setup and run
    CHECK(t.cleanup == Duration::zero());
    CHECK(t.run_duration == t.setup + t.execution + t.cleanup);
  }
}
