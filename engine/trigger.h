// Trigger rules: when a task may run, given the terminal results of its upstream tasks.
// Pure functions, used by the Engine. Databricks `run_if` is evaluated only once every upstream
// task is terminal (DOMAIN.md §1):
//
//   run_if               runs when                          if not met
//   ALL_SUCCESS          every upstream succeeded           UPSTREAM_FAILED
//   AT_LEAST_ONE_SUCCESS >= 1 upstream succeeded            UPSTREAM_FAILED
//   NONE_FAILED          no upstream failed and >= 1 ran    UPSTREAM_FAILED
//   ALL_DONE             always                             -
//   AT_LEAST_ONE_FAILED  >= 1 upstream failed               EXCLUDED
//   ALL_FAILED           every upstream failed              EXCLUDED
//
// EXCLUDED upstream counts as skipped-and-successful; a task whose upstream tasks are all excluded
// is excluded too (whatever its rule).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/run_result.h"

namespace orchsim {

enum class RunIf : std::uint8_t {
  kAllSuccess,
  kAtLeastOneSuccess,
  kNoneFailed,
  kAllDone,
  kAtLeastOneFailed,
  kAllFailed,
};

const char* to_string(RunIf rule);
std::optional<RunIf> parse_run_if(std::string_view text);

// Counts of upstream results, by class.
struct UpstreamTally {
  std::uint32_t succeeded = 0;  // SUCCESS, SUCCESS_WITH_FAILURES
  std::uint32_t excluded = 0;   // EXCLUDED, DISABLED (skipped, counts as success downstream)
  std::uint32_t failed = 0;     // FAILED, TIMEDOUT, UPSTREAM_FAILED, INTERNAL_ERROR
  std::uint32_t canceled = 0;   // CANCELED, UPSTREAM_CANCELED
  std::uint32_t total() const { return succeeded + excluded + failed + canceled; }

  void add(TaskResult result);
};

// What to do with a task whose upstream tasks are all terminal.
enum class TriggerDecision : std::uint8_t { kRun, kUpstreamFailed, kExcluded, kUpstreamCanceled };

// Decides a task with at least one upstream task, all of them terminal.
TriggerDecision decide(RunIf rule, const UpstreamTally& upstream);

}  // namespace orchsim
