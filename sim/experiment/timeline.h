// Timeline: the picture of one replication for a Gantt chart: one lane per cluster instance and a
// bar for each thing that happened on it (startup, an attempt waiting for cores, running, failing,
// a task waiting to retry, a crash). Built after the run by build_timeline
// (sim/experiment/timeline_builder.h); the reports draw it. Plain data, no thread affinity.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/time.h"

namespace orchsim::sim {

enum class BarKind : std::uint8_t {
  kStartup,    // the cluster instance starting
  kWaiting,    // an attempt submitted, waiting for its cluster or for cores
  kRunning,    // an attempt executing, that then succeeded
  kFailed,     // an attempt executing, that then failed (task error, timeout…)
  kRetryWait,  // a task waiting for its next attempt (drawn where its failed attempt ran)
  kCrash,      // an instant: the cluster lost, failing what ran on it
  kRollback,   // an instant: the run restored its tables to their last known good versions
};

struct TimelineBar {
  std::uint32_t lane = 0;
  SimTime start;
  SimTime end;
  BarKind kind = BarKind::kRunning;
  std::string label;  // the workload task, with its attempt number when retried
};

struct Timeline {
  std::size_t replication = 0;
  SimTime end;                     // the run's end
  std::vector<std::string> lanes;  // cluster instance names, in request order
  std::vector<TimelineBar> bars;
};

}  // namespace orchsim::sim
