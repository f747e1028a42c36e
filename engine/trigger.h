// Trigger rules: when a task may run, given the results of its upstream tasks. Pure functions,
// used by the Engine; the table below is docs/model.md §7 and tests/engine/trigger_test.cpp checks it.
//
// Databricks `run_if` (evaluated once every upstream task is terminal):
//   run_if               runs when                          if not met
//   ALL_SUCCESS          every upstream succeeded           UPSTREAM_FAILED
//   AT_LEAST_ONE_SUCCESS >= 1 upstream succeeded            UPSTREAM_FAILED
//   NONE_FAILED          no upstream failed and >= 1 ran    UPSTREAM_FAILED
//   ALL_DONE             always                             -
//   AT_LEAST_ONE_FAILED  >= 1 upstream failed               EXCLUDED
//   ALL_FAILED           every upstream failed              EXCLUDED
// "Excluded tasks are skipped and are treated as successful. If all task dependencies are excluded,
// the task is also excluded" (docs.databricks.com/en/workflows/jobs/conditional-tasks.html): an
// EXCLUDED upstream counts as a success for every rule (AT_LEAST_ONE_SUCCESS over {EXCLUDED,
// FAILED} runs), and a task whose upstream tasks are all excluded is excluded, whatever its rule.
// An edge gated on the condition outcome not taken is an excluded upstream (so an if/else whose
// branches rejoin runs the join by its rule).
// DISABLED upstream (docs.databricks.com/gcp/en/jobs/disabled-tasks) is neither a success nor a
// failure: it does not satisfy "succeeded" (ALL_SUCCESS, AT_LEAST_ONE_SUCCESS), is not a failure
// (AT_LEAST_ONE_FAILED, ALL_FAILED), counts as done (ALL_DONE), and NONE_FAILED runs when some
// other parent completed without failure. A rule not met *because of* disabled parents (it would
// be met without them, or every parent is disabled) gives DISABLED; otherwise the usual label.
// Where the cause of "not met" is a cancellation and no failure, the label is UPSTREAM_CANCELED;
// failure handlers (AT_LEAST_ONE_FAILED, ALL_FAILED, ALL_DONE) run after cancellation too
// (docs/model.md §7).
//
// Airflow trigger rules (a superset, lower-case names): all_success, all_failed, all_done,
// all_skipped, one_success, one_failed, one_done, none_failed, none_failed_min_one_success,
// none_skipped, always, with Airflow's semantics (a skipped upstream propagates SKIPPED = EXCLUDED
// through all_success; CANCELED counts as a failure for one_failed/all_failed and labels
// UPSTREAM_CANCELED where Airflow would say upstream_failed for a cancel). Airflow has no disabled
// tasks: under its rules a DISABLED upstream counts as a success.
//
// Evaluation modes (per job): kAllDone evaluates once all upstream are terminal (Databricks);
// kEager also evaluates after every upstream settles and decides as soon as what has settled
// fixes the outcome (Airflow): one_success runs at the first success, all_success fails at the
// first failure, always runs at once. The label is then that of the first deciding cause.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/run_result.h"

namespace orchsim {

enum class RunIf : std::uint8_t {
  // Databricks run_if.
  kAllSuccess,
  kAtLeastOneSuccess,
  kNoneFailed,
  kAllDone,
  kAtLeastOneFailed,
  kAllFailed,
  // Airflow trigger rules.
  kAirflowAllSuccess,
  kAirflowAllFailed,
  kAirflowAllDone,
  kAirflowAllSkipped,
  kAirflowOneSuccess,
  kAirflowOneFailed,
  kAirflowOneDone,
  kAirflowNoneFailed,
  kAirflowNoneFailedMinOneSuccess,
  kAirflowNoneSkipped,
  kAirflowAlways,
};

enum class EvaluationMode : std::uint8_t {
  kAllDone,  // Databricks: evaluate when every upstream task is terminal
  kEager,    // Airflow: decide as soon as the settled upstream tasks fix the outcome
};

// "ALL_SUCCESS" … for Databricks rules, "all_success" … for Airflow rules.
const char* to_string(RunIf rule);
// Accepts the names to_string produces.
std::optional<RunIf> parse_run_if(std::string_view text);

// Counts of settled upstream results, by class.
struct UpstreamTally {
  std::uint32_t succeeded = 0;  // SUCCESS
  std::uint32_t excluded = 0;   // EXCLUDED, or a condition upstream whose outcome is not this edge's branch
  std::uint32_t failed = 0;     // FAILED, TIMEDOUT, UPSTREAM_FAILED, INTERNAL_ERROR
  std::uint32_t canceled = 0;   // CANCELED, UPSTREAM_CANCELED
  std::uint32_t disabled = 0;   // DISABLED (neither a success nor a failure)
  std::uint32_t total() const { return succeeded + excluded + failed + canceled + disabled; }

  void add(TaskResult result) {
    if (result == TaskResult::kSuccess) {  // the common case, before the jump table
      ++succeeded;
      return;
    }
    switch (result) {
      case TaskResult::kSuccess: ++succeeded; break;
      case TaskResult::kDisabled: ++disabled; break;
      case TaskResult::kExcluded: ++excluded; break;
      case TaskResult::kCanceled:
      case TaskResult::kUpstreamCanceled: ++canceled; break;
      case TaskResult::kNone: break;
      default: ++failed; break;
    }
  }
  // Adds an upstream task's result as seen through its edge (a gate not matching `outcome`
  // counts as excluded; a gate is only meaningful when the upstream succeeded).
  void add(TaskResult result, bool gate_matches) {
    if (result == TaskResult::kSuccess && !gate_matches) ++excluded;
    else add(result);
  }
  bool operator==(const UpstreamTally&) const = default;
};

// What to do with a task.
enum class TriggerDecision : std::uint8_t { kRun, kUpstreamFailed, kExcluded, kUpstreamCanceled, kDisabled };

// The full table behind evaluate() (which handles the common case inline).
std::optional<TriggerDecision> evaluate_rule(RunIf rule, const UpstreamTally& upstream, std::uint32_t pending);

// Decides a task with at least one upstream task given the settled ones (`upstream`) and how many
// are still `pending`. With pending == 0 there is always a decision; with pending > 0 only an
// eager decision or nullopt (the Engine asks with pending > 0 only in EvaluationMode::kEager).
inline std::optional<TriggerDecision> evaluate(RunIf rule, const UpstreamTally& upstream, std::uint32_t pending) {
  // Inline fast path for the common case, which the table gives as kRun: the default rule with
  // every upstream task settled and succeeded.
  if (rule == RunIf::kAllSuccess && pending == 0 && upstream.succeeded > 0 && upstream.succeeded == upstream.total()) {
    return TriggerDecision::kRun;
  }
  return evaluate_rule(rule, upstream, pending);
}

}  // namespace orchsim
