// The scenario keys that reach the engine's semantics (run_if, conditions, for_each, tables, the
// retry superset, job-level settings, alerts, table_restore): their values arrive in the
// Workload and, through models::plan, in the JobSpec/TaskSpec the engine runs; every mistake is
// reported at its own line:col.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "models/deployment.h"
#include "sim/input/scenario_loader.h"
#include "tests/sim/input/scenario_errors.h"

using namespace orchsim;
using orchsim::testing::errors_of;

namespace {

const std::string kFull = R"(name: full
table_restore: {uniform: [10s, 50s]}
workload:
  evaluation: eager
  max_concurrent_runs: 3
  queue: true
  max_queue_wait: 2h
  timeout: 3h
  retry_budget: 4
  rollback: job
  alerts:
    events: [on_failure, on_success]
    duration_warning: 2h
    no_alert_for_skipped_runs: true
    dedup_window: 15m
    rate_limit: {max: 5, window: 1h}
    tasks: {events: [on_failure, on_retry], alert_on_last_attempt: true}
  tasks:
    - task_key: check
      condition: {op: GREATER_THAN, left: "12", right: "10"}
    - task_key: publish
      duration: 5m
      depends_on: [{task_key: check, outcome: "true"}]
      tables: [gold, audit]
      max_retries: 3
      min_retry_interval: 1m
      retry_backoff: exponential
      retry_multiplier: 3
      retry_max_delay: 10m
      retry_jitter: plus_minus
      retry_jitter_fraction: 0.2
      retry_anchor: attempt_end
      retry_on: [task_error, timeout]
      timeout: 20m
      run_if: none_failed_min_one_success
    - task_key: fan
      duration: 1m
      depends_on: [{task_key: check, outcome: "false"}]
      for_each: {inputs: [a, b, c], concurrency: 2}
      tables: [gold]
      retry_delays: [10s, 1m]
      alerts: {events: [on_start]}
    - task_key: off
      duration: 1m
      disabled: true
      depends_on: [publish, fan]
      run_if: ALL_DONE
strategies: [single_job_shared_cluster, multi_job]
)";

}  // namespace

TEST_SUITE("sim.scenario.engine") {
  TEST_CASE("every engine key arrives in the workload") {
    const auto s = sim::parse_scenario(kFull, "s.yaml");
    const auto& job = s.workload.job;
    CHECK(job.evaluation == EvaluationMode::kEager);
    CHECK(job.max_concurrent_runs == 3);
    CHECK(job.queue);
    CHECK(job.max_queue_wait == Duration::hours(2));
    CHECK(job.timeout == Duration::hours(3));
    CHECK(job.retry_budget == 4u);
    CHECK(job.rollback == RollbackScope::kJob);
    CHECK(job.alerts.on_failure);
    CHECK(job.alerts.on_success);
    CHECK(!job.alerts.on_start);
    CHECK(job.alerts.duration_warning == Duration::hours(2));
    CHECK(job.alerts.no_alert_for_skipped_runs);
    CHECK(job.alert_policy.dedup_window == Duration::minutes(15));
    CHECK(job.alert_policy.max_per_window == 5u);
    CHECK(job.alert_policy.rate_window == Duration::hours(1));
    CHECK(s.world.table_restore.kind() == models::Distribution::Kind::kUniform);
    CHECK(s.world.table_restore.mean() == doctest::Approx(30));

    REQUIRE(s.workload.tasks.size() == 4);
    const auto& check = s.workload.tasks[0];
    REQUIRE(check.orchestration->condition);
    CHECK(check.orchestration->condition->op == ConditionOp::kGreaterThan);
    CHECK(check.orchestration->condition->left == "12");
    CHECK(check.alerts->on_failure);  // the job's task defaults
    CHECK(check.alerts->alert_on_last_attempt);

    const auto& publish = s.workload.tasks[1];
    REQUIRE(publish.depends_on.size() == 1);
    CHECK(publish.depends_on[0].gate == EdgeGate::kTrue);
    CHECK(publish.writes->tables == std::vector<std::string>{"gold", "audit"});
    CHECK(publish.retry.max_retries == 3);
    CHECK(publish.retry.backoff == Backoff::kExponential);
    CHECK(publish.retry.shape->multiplier == 3.0);
    CHECK(publish.retry.shape->max_delay == Duration::minutes(10));
    CHECK(publish.retry.jitter == Jitter::kPlusMinus);
    CHECK(publish.retry.shape->jitter_fraction == 0.2);
    CHECK(publish.retry.anchor == RetryAnchor::kAttemptEnd);
    CHECK(publish.retry.retry_on.task_error);
    CHECK(!publish.retry.retry_on.infrastructure);
    CHECK(publish.retry.retry_on_timeout);
    CHECK(publish.rare->timeout == Duration::minutes(20));
    CHECK(publish.run_if == RunIf::kAirflowNoneFailedMinOneSuccess);
    CHECK(publish.alerts->on_retry);

    const auto& fan = s.workload.tasks[2];
    REQUIRE(fan.orchestration->for_each);
    CHECK(fan.orchestration->for_each->inputs == 3);
    CHECK(fan.orchestration->for_each->concurrency == 2);
    CHECK(fan.retry.shape->delays == std::vector<Duration>{Duration::seconds(10), Duration::minutes(1)});
    CHECK(fan.alerts->on_start);
    CHECK(!fan.alerts->on_failure);  // its own alerts replace the defaults
    CHECK(s.workload.tasks[3].disabled);
    CHECK(s.workload.tables() == std::vector<std::string>{"gold", "audit"});
  }

  TEST_CASE("plan passes the settings to the engine's JobSpec and TaskSpec") {
    const auto s = sim::parse_scenario(kFull, "s.yaml");
    Diagnostics d;
    const auto dag = s.workload.dag(d);
    REQUIRE(dag);
    const auto single = models::plan(s.workload, *dag, s.strategies[0], s.catalog, s.world.pricing, d);
    REQUIRE(single);
    CHECK(single->tables == std::vector<std::string>{"gold", "audit"});
    REQUIRE(single->jobs.size() == 1);
    const JobSpec& job = single->jobs[0];
    CHECK(job.evaluation == EvaluationMode::kEager);
    CHECK(job.timeout() == Duration::hours(3));
    CHECK(job.rollback == RollbackScope::kJob);
    CHECK(job.retry_budget() == 4u);
    CHECK(job.notifications().on_failure);
    CHECK(job.tasks[0].kind == TaskKind::kCondition);
    CHECK(!job.tasks.compute(0).valid());
    CHECK(!single->work[0][0].valid());  // no workload work behind a condition
    CHECK(job.tasks[1].kind == TaskKind::kWork);
    CHECK(job.tasks[1].writes == std::vector<TableId>{TableId(0), TableId(1)});
    CHECK(job.tasks[1].retry.backoff == Backoff::kExponential);
    CHECK(job.tasks[1].notifications.alert_on_last_attempt);
    CHECK(job.tasks[2].kind == TaskKind::kForEach);
    CHECK(job.tasks[2].for_each.inputs == 3);
    CHECK(job.tasks[2].writes == std::vector<TableId>{TableId(0)});
    CHECK(job.tasks[3].disabled);
    CHECK(job.dag.upstream_gates(TaskId(1))[0] == EdgeGate::kTrue);
    Diagnostics v;
    validate(job, single->jobs.size(), v);
    CHECK(v.empty());

    // multi_job: the condition sits in the parent with its gated edges; one job per other task;
    // only the parent has the job timeout; job scope rollback in every job.
    const auto multi = models::plan(s.workload, *dag, s.strategies[1], s.catalog, s.world.pricing, d);
    REQUIRE(multi);
    REQUIRE(multi->jobs.size() == 4);
    const JobSpec& parent = multi->jobs[0];
    CHECK(parent.tasks[0].kind == TaskKind::kCondition);
    CHECK(parent.tasks[1].kind == TaskKind::kRunJob);
    CHECK(parent.dag.upstream_gates(TaskId(1))[0] == EdgeGate::kTrue);
    CHECK(parent.dag.upstream_gates(TaskId(2))[0] == EdgeGate::kFalse);
    CHECK(parent.tasks[3].disabled);  // a job whose only task is disabled is never triggered
    CHECK(parent.timeout() == Duration::hours(3));
    for (std::size_t j = 1; j < multi->jobs.size(); ++j) {
      CHECK(!multi->jobs[j].timeout());
      CHECK(multi->jobs[j].rollback == RollbackScope::kJob);
      CHECK(multi->jobs[j].notifications().on_failure);
      validate(multi->jobs[j], multi->jobs.size(), v);
    }
    validate(parent, multi->jobs.size(), v);
    CHECK(v.empty());
    CHECK(multi->computes.size() == 3);  // no cluster for the condition
  }

  TEST_CASE("max_retries: -1 is Databricks' retry forever, 0 and the default never retry") {
    // Jobs API: max_retries -1 retries indefinitely, 0 never retries (the default).
    const auto s = sim::parse_scenario(R"(
workload: {tasks: [{task_key: a, duration: 1m, max_retries: -1}, {task_key: b, duration: 1m, max_retries: 0},
                   {task_key: c, duration: 1m}]}
strategies: [single_job_shared_cluster]
)", "s.yaml");
    REQUIRE(s.workload.tasks.size() == 3);
    CHECK(s.workload.tasks[0].retry.retries_forever());
    CHECK(s.workload.tasks[0].retry.max_retries == RetryPolicy::kForever);
    CHECK(s.workload.tasks[1].retry.max_attempts() == 1u);
    CHECK(s.workload.tasks[2].retry.max_attempts() == 1u);
  }

  TEST_CASE("pipeline rollback is the entry job's alone") {
    std::string yaml = kFull;
    yaml.replace(yaml.find("rollback: job"), 13, "rollback: pipeline");
    const auto s = sim::parse_scenario(yaml, "s.yaml");
    Diagnostics d;
    const auto dag = s.workload.dag(d);
    const auto multi = models::plan(s.workload, *dag, s.strategies[1], s.catalog, s.world.pricing, d);
    REQUIRE(multi);
    CHECK(multi->jobs[0].rollback == RollbackScope::kPipeline);
    for (std::size_t j = 1; j < multi->jobs.size(); ++j) CHECK(multi->jobs[j].rollback == RollbackScope::kNone);
  }

  TEST_CASE("mistakes in engine keys are reported at their line and column") {
    const auto errors = errors_of(R"(workload:
  evaluation: lazy
  rollback: everything
  alerts:
    events: [on_retry]
    rate_limit: {window: 0s}
  tasks:
    - task_key: a
      duration: 1m
      retry_multiplier: 2
      retry_on: [task_error, oom]
      retry_on_timeout: true
      tables: [t, t]
    - task_key: b
      duration: 1m
      depends_on: [{task_key: a, outcome: "true"}]
      for_each: {inputs: 3, concurrency: 500}
      retry_jitter: sometimes
    - task_key: c
      duration: 1m
      condition: {op: EQUALS, left: "{{job.parameters.x}}", right: "1"}
      alerts: {events: [on_fire]}
strategies: [multi_job]
)");
    CHECK(errors == std::vector<std::string>{
                        "s.yaml:2:15: unknown evaluation 'lazy' (expected databricks or eager)",
                        "s.yaml:3:13: unknown rollback 'everything' (expected one of: none, task, job, pipeline)",
                        "s.yaml:5:14: unknown job alert event 'on_retry' (expected on_start, on_success or on_failure; "
                        "a duration warning is 'duration_warning: <threshold>')",
                        "s.yaml:6:17: missing 'max' (alerts admitted per window)",
                        "s.yaml:6:26: rate_limit.window must be > 0",
                        "s.yaml:10:25: retry_multiplier applies only with retry_backoff: exponential",
                        "s.yaml:11:17: give either retry_on or retry_on_timeout, not both",
                        "s.yaml:11:30: unknown failure kind 'oom' (expected task_error, timeout or infrastructure; "
                        "permanent errors are never retried)",
                        "s.yaml:13:19: table 't' is listed twice",
                        "s.yaml:18:21: unknown retry_jitter 'sometimes' (expected one of: none, full, plus_minus)",
                        "s.yaml:17:42: 'concurrency' must be between 1 and 100, got 500",
                        "s.yaml:20:7: 'duration' does not apply to a condition task (it runs no compute, is never "
                        "retried and writes no table)",
                        "s.yaml:21:23: unknown condition op 'EQUALS' (expected EQUAL_TO, NOT_EQUAL, GREATER_THAN, "
                        "GREATER_THAN_OR_EQUAL, LESS_THAN or LESS_THAN_OR_EQUAL)",
                        "s.yaml:21:37: '{{job.parameters.x}}' is a run-time reference; a simulated condition needs "
                        "the value it would have",
                        "s.yaml:22:25: unknown task alert event 'on_fire' (expected on_start, on_success, on_failure "
                        "or on_retry; a duration warning is 'duration_warning: <threshold>')",
                        "s.yaml:16:31: task 'b': 'outcome' applies only to a dependency on a condition task, and 'a' "
                        "is not one",
                    });
  }

  TEST_CASE("a bad outcome value and an unknown key in a dependency") {
    const auto errors = errors_of(R"(workload:
  tasks:
    - task_key: c
      condition: {op: EQUAL_TO, left: a, right: a}
    - task_key: d
      duration: 1m
      depends_on: [{task_key: c, outcome: maybe, when: now}]
table_restore: {lognormal: {median: 1m, p95: 10s}}
strategies: [multi_job]
)");
    CHECK(errors == std::vector<std::string>{
                        "s.yaml:8:28: lognormal: needs 0 < median <= p95",
                        "s.yaml:7:50: unknown key 'when'",
                        "s.yaml:7:43: outcome must be \"true\" or \"false\", got 'maybe'",
                    });
  }
}
