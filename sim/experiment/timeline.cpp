#include "sim/experiment/timeline.h"

namespace orchsim::sim {

const char* to_string(BarKind kind) {
  switch (kind) {
    case BarKind::kStartup: return "startup";
    case BarKind::kWaiting: return "waiting";
    case BarKind::kRunning: return "running";
    case BarKind::kFailed: return "failed";
    case BarKind::kRetryWait: return "retry_wait";
    case BarKind::kCrash: return "crash";
    case BarKind::kRollback: return "rollback";
  }
  return "?";
}

}  // namespace orchsim::sim
