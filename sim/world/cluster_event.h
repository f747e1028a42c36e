// ClusterEvent: one step of a cluster instance's life (requested, up, resized, terminated), as the
// ClusterWorld records it for timelines, metrics and the world trace. Plain data; any thread.
#pragma once

#include <cstdint>

#include "engine/ids.h"
#include "engine/time.h"

namespace orchsim::sim {

struct ClusterEvent {
  enum class Kind : std::uint8_t { kRequested, kUp, kTerminated, kResized };
  SimTime time;
  std::uint32_t instance;
  ComputeId compute;
  Kind kind;
  int workers = 0;  // usable workers after the event
};

}  // namespace orchsim::sim
