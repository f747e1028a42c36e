#include "engine/task_runner.h"

namespace orchsim {

const char* to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::kTaskError: return "task_error";
    case FailureKind::kTimeout: return "timeout";
    case FailureKind::kClusterLost: return "cluster_lost";
    case FailureKind::kLaunchFailure: return "launch_failure";
    case FailureKind::kPreempted: return "preempted";
    case FailureKind::kPermanent: return "permanent";
    case FailureKind::kCanceled: return "canceled";
    case FailureKind::kGateFailed: return "gate_failed";
  }
  return "?";
}

}  // namespace orchsim
