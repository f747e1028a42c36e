// Life-cycle and result states of task runs and job runs, as the Databricks Jobs API names them
// (docs/model.md §8). Life-cycle says where a run is; result says how a terminal run ended. Kept apart
// on purpose: a task can be TERMINATED with result FAILED, or SKIPPED with result EXCLUDED.
#pragma once

#include <cstdint>

namespace orchsim {

enum class Lifecycle : std::uint8_t {
  kBlocked,          // waiting on upstream tasks
  kQueued,           // waiting for a concurrency slot
  kPending,          // compute starting / setup
  kRunning,
  kWaitingForRetry,
  kTerminating,
  kTerminated,
  kSkipped,
  kInternalError,
};

enum class TaskResult : std::uint8_t {
  kNone,  // not terminal yet
  kSuccess,
  kFailed,
  kTimedOut,
  kCanceled,
  kExcluded,
  kUpstreamFailed,
  kUpstreamCanceled,
  kDisabled,
  kInternalError,
};

enum class JobResult : std::uint8_t {
  kNone,
  kSuccess,
  kSuccessWithFailures,
  kFailed,
  kTimedOut,
  kCanceled,
  kSkipped,  // MAXIMUM_CONCURRENT_RUNS_REACHED
};

const char* to_string(TaskResult result);
const char* to_string(JobResult result);

// Success as seen by a leaf rule and by downstream tasks (EXCLUDED and DISABLED count as success).
inline bool counts_as_success(TaskResult r) {
  return r == TaskResult::kSuccess || r == TaskResult::kExcluded || r == TaskResult::kDisabled;
}

}  // namespace orchsim
