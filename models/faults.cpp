#include "models/faults.h"

namespace orchsim::models {

const char* to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::kTaskError: return "task_error";
    case FaultKind::kPermanentError: return "permanent_error";
    case FaultKind::kDriverCrash: return "driver_crash";
    case FaultKind::kOomCrash: return "oom_crash";
    case FaultKind::kSpotWorkerLost: return "spot_worker_lost";
    case FaultKind::kSpotDriverLost: return "spot_driver_lost";
    case FaultKind::kLaunchFailure: return "launch_failure";
    case FaultKind::kScriptedCrash: return "scripted_crash";
    case FaultKind::kScriptedWorkerLoss: return "scripted_worker_loss";
  }
  return "?";
}

}  // namespace orchsim::models
