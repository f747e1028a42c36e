// FaultModel: the failure processes of the world (docs/model.md §5), as parameters. Task-level failures
// live on each WorkloadTask; these are the infrastructure faults that hit clusters: driver crashes
// (Poisson per cluster-hour while up), memory-driven OOM crashes (models/contention.h), spot node
// loss with a notice period, launch failures, and scripted faults at given times. The cluster world
// draws each process from its own named Rng stream. Plain data, filled by the scenario loader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/time.h"

namespace orchsim::models {

struct ScriptedFault {
  enum class Action : std::uint8_t { kCrash, kLoseWorker };
  Duration at;          // since the start of the simulation
  Action action = Action::kCrash;
  std::string target;   // a compute name of the deployment (e.g. "shared_cluster"); absent → no-op
  SourceLocation where;
};

struct FaultModel {
  double driver_crashes_per_hour = 0;    // per cluster-hour of up time
  double spot_losses_per_hour = 0;       // per spot node-hour
  Duration spot_notice = Duration::seconds(120);  // AWS's notice before the node goes
  double launch_failure_probability = 0;  // per cluster start; fails at the end of its startup
  std::vector<ScriptedFault> scripted;
};

// What an injected fault was, for traces and blast-radius metrics.
enum class FaultKind : std::uint8_t {
  kTaskError,       // an attempt's own transient failure
  kPermanentError,  // an attempt's own permanent failure
  kGateFailed,      // its quality gate rejected work that succeeded
  kDriverCrash,     // Poisson driver crash: every attempt on the cluster fails
  kOomCrash,        // driver OOM under memory pressure: every attempt on the cluster fails
  kSpotWorkerLost,  // a spot worker went after its notice: attempts slow down
  kSpotDriverLost,  // the spot driver went: the cluster dies
  kLaunchFailure,   // the cluster could not be provisioned
  kScriptedCrash,   // a scenario's `crash:` fault
  kScriptedWorkerLoss,
};

}  // namespace orchsim::models
