#include "engine/run_result.h"

namespace orchsim {

const char* to_string(TaskResult r) {
  switch (r) {
    case TaskResult::kNone: return "NONE";
    case TaskResult::kSuccess: return "SUCCESS";
    case TaskResult::kFailed: return "FAILED";
    case TaskResult::kTimedOut: return "TIMEDOUT";
    case TaskResult::kCanceled: return "CANCELED";
    case TaskResult::kExcluded: return "EXCLUDED";
    case TaskResult::kUpstreamFailed: return "UPSTREAM_FAILED";
    case TaskResult::kUpstreamCanceled: return "UPSTREAM_CANCELED";
    case TaskResult::kDisabled: return "DISABLED";
    case TaskResult::kInternalError: return "INTERNAL_ERROR";
  }
  return "?";
}

const char* to_string(JobResult r) {
  switch (r) {
    case JobResult::kNone: return "NONE";
    case JobResult::kSuccess: return "SUCCESS";
    case JobResult::kSuccessWithFailures: return "SUCCESS_WITH_FAILURES";
    case JobResult::kFailed: return "FAILED";
    case JobResult::kTimedOut: return "TIMEDOUT";
    case JobResult::kCanceled: return "CANCELED";
    case JobResult::kSkipped: return "MAXIMUM_CONCURRENT_RUNS_REACHED";
  }
  return "?";
}

}  // namespace orchsim
