// Timeline: the picture of one replication for a Gantt chart: one lane per cluster instance and a
// bar for each thing that happened on it (startup, an attempt waiting for cores, running, failing,
// a task waiting to retry, a crash). Built after the run by build_timeline
// (sim/experiment/timeline_builder.h); the reports draw it. Plain data, no thread affinity.
//
// It keeps facts, not text (issue #15: under multi_job a timeline holds three bars a task): a lane
// is a compute and an instance number (8 bytes), a bar its times, lane, kind and the attempt it
// draws (24 bytes). The chart renders the names from the ones the result holds (reports/charts.h).
#pragma once

#include <cstddef>
#include <cstdint>
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

// One cluster instance: drawn as its compute's name, then "name #2" for its first replacement.
struct TimelineLane {
  std::uint32_t compute = 0;   // ComputeId index
  std::uint32_t instance = 1;  // 1: the compute's first instance; k: its (k-1)th replacement
};

// Which attempt of which workload task a bar draws: drawn as the task's key, with " #number" when
// retried.
struct BarAttempt {
  static constexpr std::uint32_t kNoTask = UINT32_MAX;  // a deployment task with no workload task behind it: "?"
  std::uint32_t task = kNoTask;                         // index into the workload's tasks
  std::uint32_t number = 1;
};

// Made by Timeline::add. The lane and kind share a word, and the attempt is the task's index (a
// workload task's first attempt) or, retries being rare, the index of its BarAttempt in
// Timeline::retried.
class TimelineBar {
 public:
  SimTime start() const { return start_; }
  SimTime end() const { return end_; }
  std::uint32_t lane() const { return lane_kind_ >> kKindBits; }
  BarKind kind() const { return static_cast<BarKind>(lane_kind_ & kKindMask); }

 private:
  friend struct Timeline;
  static constexpr std::uint32_t kKindBits = 3, kKindMask = (1u << kKindBits) - 1;
  static constexpr std::uint32_t kRetried = 1u << 31;  // in attempt_: the rest indexes Timeline::retried

  TimelineBar(BarKind kind, std::uint32_t lane, SimTime start, SimTime end, std::uint32_t attempt)
      : start_(start), end_(end), lane_kind_(lane << kKindBits | static_cast<std::uint32_t>(kind)), attempt_(attempt) {}

  SimTime start_;
  SimTime end_;
  std::uint32_t lane_kind_;
  std::uint32_t attempt_;
};
static_assert(sizeof(TimelineBar) == 24);

struct Timeline {
  static constexpr std::uint32_t kMaxLanes = 1u << (32 - TimelineBar::kKindBits);  // the lane's bits in a bar

  std::size_t replication = 0;
  SimTime end;                        // the run's end
  std::vector<TimelineLane> lanes;    // cluster instances, in request order
  std::vector<TimelineBar> bars;      // in the order they were added
  std::vector<BarAttempt> retried;    // the attempts a bar cannot hold: retries (and kNoTask ones)

  // A bar of the lane itself or of the run: a startup, a crash, a rollback.
  void add(BarKind kind, std::uint32_t lane, SimTime from, SimTime to);
  // An attempt's bar: waiting, running, failed, or waiting for its retry.
  void add(BarKind kind, std::uint32_t lane, SimTime from, SimTime to, BarAttempt attempt);
  // The attempt an attempt's bar draws (of another bar: BarAttempt{}).
  BarAttempt attempt_of(const TimelineBar& bar) const;
};

}  // namespace orchsim::sim
