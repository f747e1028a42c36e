// Trigger rules, table-driven: every run_if row of docs/model.md §6–8, the EXCLUDED rules, cancellation,
// outcome gates, the Airflow superset and eager evaluation.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/trigger.h"

using namespace orchsim;

namespace {

using D = TriggerDecision;
constexpr TaskResult S = TaskResult::kSuccess;
constexpr TaskResult F = TaskResult::kFailed;
constexpr TaskResult T = TaskResult::kTimedOut;
constexpr TaskResult X = TaskResult::kExcluded;
constexpr TaskResult C = TaskResult::kCanceled;
constexpr TaskResult UF = TaskResult::kUpstreamFailed;
constexpr TaskResult UC = TaskResult::kUpstreamCanceled;
constexpr TaskResult DIS = TaskResult::kDisabled;

UpstreamTally tally(std::vector<TaskResult> results) {
  UpstreamTally t;
  for (TaskResult r : results) t.add(r);
  return t;
}

struct Row {
  RunIf rule;
  std::vector<TaskResult> upstream;
  D expected;
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    CAPTURE(to_string(row.rule));
    CAPTURE(row.upstream.size());
    CHECK(evaluate(row.rule, tally(row.upstream), 0) == row.expected);
  }
}

}  // namespace

TEST_SUITE("engine.trigger") {
  TEST_CASE("every Databricks run_if row: runs when met, the documented label when not") {
    check_rows({
        // ALL_SUCCESS: every upstream succeeded, else UPSTREAM_FAILED.
        {RunIf::kAllSuccess, {S, S}, D::kRun},
        {RunIf::kAllSuccess, {S, F}, D::kUpstreamFailed},
        {RunIf::kAllSuccess, {S, T}, D::kUpstreamFailed},
        {RunIf::kAllSuccess, {S, UF}, D::kUpstreamFailed},
        {RunIf::kAllSuccess, {F, F}, D::kUpstreamFailed},
        // AT_LEAST_ONE_SUCCESS: >= 1 succeeded, else UPSTREAM_FAILED.
        {RunIf::kAtLeastOneSuccess, {S, F}, D::kRun},
        {RunIf::kAtLeastOneSuccess, {F, S, F}, D::kRun},
        {RunIf::kAtLeastOneSuccess, {F, F}, D::kUpstreamFailed},
        // "Excluded tasks are skipped and are treated as successful" (conditional-tasks.html).
        {RunIf::kAtLeastOneSuccess, {F, X}, D::kRun},
        // NONE_FAILED: none failed and >= 1 ran, else UPSTREAM_FAILED.
        {RunIf::kNoneFailed, {S, S}, D::kRun},
        {RunIf::kNoneFailed, {S, X}, D::kRun},
        {RunIf::kNoneFailed, {S, F}, D::kUpstreamFailed},
        {RunIf::kNoneFailed, {T}, D::kUpstreamFailed},
        // ALL_DONE: always, once all are done.
        {RunIf::kAllDone, {S, F}, D::kRun},
        {RunIf::kAllDone, {F, F}, D::kRun},
        {RunIf::kAllDone, {C}, D::kRun},
        {RunIf::kAllDone, {UF, S}, D::kRun},
        // AT_LEAST_ONE_FAILED: >= 1 failed, else EXCLUDED.
        {RunIf::kAtLeastOneFailed, {S, F}, D::kRun},
        {RunIf::kAtLeastOneFailed, {S, UF}, D::kRun},
        {RunIf::kAtLeastOneFailed, {S, S}, D::kExcluded},
        {RunIf::kAtLeastOneFailed, {S, X}, D::kExcluded},
        // ALL_FAILED: every upstream failed, else EXCLUDED.
        {RunIf::kAllFailed, {F, T}, D::kRun},
        {RunIf::kAllFailed, {F, UF}, D::kRun},
        {RunIf::kAllFailed, {F, S}, D::kExcluded},
        {RunIf::kAllFailed, {F, X}, D::kExcluded},
    });
  }

  TEST_CASE("EXCLUDED counts as successful downstream; all upstream excluded excludes the task") {
    check_rows({
        {RunIf::kAllSuccess, {S, X}, D::kRun},
        {RunIf::kNoneFailed, {X, S}, D::kRun},
        // All excluded: excluded whatever the rule (even ALL_DONE and the failure handlers).
        {RunIf::kAllSuccess, {X, X}, D::kExcluded},
        {RunIf::kAtLeastOneSuccess, {X}, D::kExcluded},
        {RunIf::kNoneFailed, {X, X}, D::kExcluded},
        {RunIf::kAllDone, {X, X}, D::kExcluded},
        {RunIf::kAtLeastOneFailed, {X}, D::kExcluded},
        {RunIf::kAllFailed, {X, X}, D::kExcluded},
    });
  }

  // docs.databricks.com/gcp/en/jobs/disabled-tasks, the table "Downstream task behavior when a parent
  // task is disabled", row by row; "If a downstream task's Run if condition can't be met because one
  // or more parent tasks are disabled, Lakeflow Jobs also marks the downstream task as disabled".
  TEST_CASE("a DISABLED parent is neither a success nor a failure; not met because of it gives DISABLED") {
    check_rows({
        // "A disabled parent task does not satisfy the succeeded requirement. A (disabled) → B: B does not run."
        {RunIf::kAllSuccess, {DIS}, D::kDisabled},
        {RunIf::kAllSuccess, {S, DIS}, D::kDisabled},
        {RunIf::kAllSuccess, {F, DIS}, D::kUpstreamFailed},  // the failure is why
        // "runs if at least one other parent task succeeded. If all other parent tasks failed or
        // were disabled, the downstream task does not run."
        {RunIf::kAtLeastOneSuccess, {DIS, S}, D::kRun},
        {RunIf::kAtLeastOneSuccess, {DIS, F}, D::kUpstreamFailed},
        {RunIf::kAtLeastOneSuccess, {DIS, DIS}, D::kDisabled},
        // "runs if at least one parent task completed without failure. If all parent tasks are
        // disabled, the downstream task does not run." Example: A (disabled), C (skipped) → B runs.
        {RunIf::kNoneFailed, {DIS, X}, D::kRun},
        {RunIf::kNoneFailed, {DIS, S}, D::kRun},
        {RunIf::kNoneFailed, {DIS}, D::kDisabled},
        {RunIf::kNoneFailed, {DIS, F}, D::kUpstreamFailed},
        // "The downstream task runs normally. A disabled parent task is treated as done."
        {RunIf::kAllDone, {DIS}, D::kRun},
        // "runs if at least one other parent task failed. A disabled parent task is not treated as
        // a failure. If no other parent task failed, the downstream task does not run."
        {RunIf::kAtLeastOneFailed, {DIS, F}, D::kRun},
        {RunIf::kAtLeastOneFailed, {DIS, S}, D::kExcluded},
        {RunIf::kAtLeastOneFailed, {DIS}, D::kDisabled},
        // All failed: "The downstream task does not run. A disabled parent task is not treated as a failure."
        {RunIf::kAllFailed, {DIS}, D::kDisabled},
        {RunIf::kAllFailed, {DIS, F}, D::kDisabled},
        {RunIf::kAllFailed, {DIS, S}, D::kExcluded},
        // Airflow rules know no disabled tasks: a success there.
        {RunIf::kAirflowAllSuccess, {DIS, S}, D::kRun},
    });
  }

  TEST_CASE("cancellation spreads as UPSTREAM_CANCELED; failure handlers still run") {
    check_rows({
        {RunIf::kAllSuccess, {S, C}, D::kUpstreamCanceled},
        {RunIf::kAllSuccess, {UC}, D::kUpstreamCanceled},
        {RunIf::kAllSuccess, {C, F}, D::kUpstreamFailed},  // a failure wins over a cancel
        {RunIf::kNoneFailed, {S, C}, D::kUpstreamCanceled},
        {RunIf::kAtLeastOneSuccess, {C, C}, D::kUpstreamCanceled},
        {RunIf::kAllDone, {C, S}, D::kRun},
        {RunIf::kAtLeastOneFailed, {C, S}, D::kRun},
        {RunIf::kAllFailed, {C, F}, D::kRun},
    });
  }

  TEST_CASE("a gate on the branch not taken is an excluded upstream: the task runs by its rule") {
    // An if/else whose taken branch (succeeded) and untaken outcome rejoin.
    UpstreamTally t;
    t.add(S, /*gate_matches=*/false);
    t.add(S);
    CHECK(t.excluded == 1);
    for (RunIf rule : {RunIf::kAllSuccess, RunIf::kAllDone, RunIf::kAtLeastOneSuccess, RunIf::kNoneFailed,
                       RunIf::kAirflowOneSuccess, RunIf::kAirflowNoneFailedMinOneSuccess, RunIf::kAirflowAlways}) {
      CAPTURE(to_string(rule));
      CHECK(evaluate(rule, t, 0) == D::kRun);
    }
    CHECK(evaluate(RunIf::kAllFailed, t, 0) == D::kExcluded);
    CHECK(evaluate(RunIf::kAirflowAllSuccess, t, 0) == D::kExcluded);  // Airflow: a skip propagates
    // Only the untaken outcome upstream: every dependency excluded, so the task is excluded.
    UpstreamTally only;
    only.add(S, false);
    CHECK(evaluate(RunIf::kAllDone, only, 0) == D::kExcluded);
    // A failed condition task is an ordinary failed upstream, not an excluded one.
    UpstreamTally failed;
    failed.add(F, false);
    CHECK(failed.excluded == 0);
    CHECK(evaluate(RunIf::kAllSuccess, failed, 0) == D::kUpstreamFailed);
  }

  TEST_CASE("Airflow trigger rules when every upstream is done") {
    check_rows({
        {RunIf::kAirflowAllSuccess, {S, S}, D::kRun},
        {RunIf::kAirflowAllSuccess, {S, X}, D::kExcluded},  // Airflow: a skip propagates
        {RunIf::kAirflowAllSuccess, {S, F}, D::kUpstreamFailed},
        {RunIf::kAirflowAllFailed, {F, UF}, D::kRun},
        {RunIf::kAirflowAllFailed, {F, X}, D::kExcluded},
        {RunIf::kAirflowAllDone, {F, X, S}, D::kRun},
        {RunIf::kAirflowAllSkipped, {X, X}, D::kRun},
        {RunIf::kAirflowAllSkipped, {X, S}, D::kExcluded},
        {RunIf::kAirflowOneSuccess, {F, S}, D::kRun},
        {RunIf::kAirflowOneSuccess, {F, F}, D::kUpstreamFailed},
        {RunIf::kAirflowOneSuccess, {X, X}, D::kExcluded},
        {RunIf::kAirflowOneFailed, {S, F}, D::kRun},
        {RunIf::kAirflowOneFailed, {S, S}, D::kExcluded},
        {RunIf::kAirflowOneDone, {X, F}, D::kRun},
        {RunIf::kAirflowOneDone, {X, X}, D::kExcluded},
        {RunIf::kAirflowNoneFailed, {S, X}, D::kRun},
        {RunIf::kAirflowNoneFailed, {X, X}, D::kRun},  // Airflow's none_failed needs no success
        {RunIf::kAirflowNoneFailed, {S, F}, D::kUpstreamFailed},
        {RunIf::kAirflowNoneFailedMinOneSuccess, {S, X}, D::kRun},
        {RunIf::kAirflowNoneFailedMinOneSuccess, {X, X}, D::kExcluded},
        {RunIf::kAirflowNoneFailedMinOneSuccess, {S, F}, D::kUpstreamFailed},
        {RunIf::kAirflowNoneSkipped, {S, F}, D::kRun},
        {RunIf::kAirflowNoneSkipped, {S, X}, D::kExcluded},
        {RunIf::kAirflowAlways, {F, C}, D::kRun},
    });
  }

  TEST_CASE("eager evaluation decides as soon as the settled upstream tasks fix the outcome") {
    struct EagerRow {
      RunIf rule;
      std::vector<TaskResult> settled;
      std::uint32_t pending;
      std::optional<D> expected;
    };
    const std::vector<EagerRow> rows{
        {RunIf::kAirflowOneSuccess, {S}, 3, D::kRun},
        {RunIf::kAirflowOneSuccess, {F}, 3, std::nullopt},
        {RunIf::kAirflowOneFailed, {F}, 2, D::kRun},
        {RunIf::kAirflowOneFailed, {S}, 2, std::nullopt},
        {RunIf::kAirflowAllSuccess, {F}, 2, D::kUpstreamFailed},
        {RunIf::kAirflowAllSuccess, {X}, 2, D::kExcluded},
        {RunIf::kAirflowAllSuccess, {S}, 2, std::nullopt},
        {RunIf::kAirflowAllDone, {S, F}, 1, std::nullopt},
        {RunIf::kAirflowAlways, {}, 4, D::kRun},
        {RunIf::kAirflowAllFailed, {S}, 1, D::kExcluded},
        {RunIf::kAirflowNoneSkipped, {X}, 1, D::kExcluded},
        // Databricks rules under eager evaluation.
        {RunIf::kAtLeastOneSuccess, {S}, 2, D::kRun},
        {RunIf::kAllSuccess, {F}, 2, D::kUpstreamFailed},
        {RunIf::kAllSuccess, {S}, 2, std::nullopt},
        {RunIf::kAtLeastOneFailed, {T}, 1, D::kRun},
        {RunIf::kAllFailed, {S}, 1, D::kExcluded},
        {RunIf::kAllDone, {S, S}, 1, std::nullopt},
        {RunIf::kNoneFailed, {UF}, 3, D::kUpstreamFailed},
    };
    for (const EagerRow& row : rows) {
      CAPTURE(to_string(row.rule));
      CHECK(evaluate(row.rule, tally(row.settled), row.pending) == row.expected);
    }
  }

  TEST_CASE("rule and mode names round-trip") {
    for (int i = 0; i <= static_cast<int>(RunIf::kAirflowAlways); ++i) {
      const auto rule = static_cast<RunIf>(i);
      CHECK(parse_run_if(to_string(rule)) == rule);
    }
    CHECK(parse_run_if("all_success") == RunIf::kAirflowAllSuccess);
    CHECK(parse_run_if("ALL_SUCCESS") == RunIf::kAllSuccess);
    CHECK_FALSE(parse_run_if("All_Success"));
  }
}
