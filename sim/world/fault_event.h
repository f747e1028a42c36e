// FaultEvent: one fault the ClusterWorld injected (or a task's own failure) and what it hit, for
// the world trace, metrics and the fault tests. Plain data; any thread.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/ids.h"
#include "engine/time.h"
#include "models/faults.h"

namespace orchsim::sim {

struct FaultEvent {
  SimTime time;
  models::FaultKind kind;
  ComputeId compute;                      // invalid when it hit no cluster (scripted, nothing live)
  std::optional<std::uint32_t> instance;
  AttemptId attempt;                      // own task failures: the attempt
  std::uint32_t attempts_hit = 0;         // attempts failed (crashes) or slowed (worker loss)
};

}  // namespace orchsim::sim
