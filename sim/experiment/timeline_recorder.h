// TimelineRecorder: an EventSink that keeps, packed in 32 bytes each, only the engine events a
// Timeline is drawn from (runs started and finished, rollbacks, attempts started, running and
// finished), for build_timeline (sim/experiment/timeline_builder.h) after the run. Lanes need the
// cluster instances of the whole run, so the picture cannot be drawn while it runs; keeping every
// 72-byte event of the run instead cost some 2 kB a task at 1e5 tasks (issue #15). Used by
// sim::run_replication, on the replication's thread.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

#include "engine/events.h"

namespace orchsim::sim {

// One engine event, reduced to what build_timeline reads.
struct TimelineEvent {
  enum class Kind : std::uint8_t { kRunStarted, kRunFinished, kRollback, kAttemptStarted, kAttemptRunning, kAttemptFinished };
  SimTime time;
  std::uint32_t run = 0;      // run index (run and attempt events)
  std::uint32_t attempt = 0;  // attempt index (attempt events)
  std::uint32_t task = 0;     // task index (attempt events); job index (kRunStarted)
  std::uint32_t number = 0;   // attempt number (kAttemptStarted)
  std::uint32_t compute = 0;  // compute index (kAttemptStarted)
  Kind kind = Kind::kRunStarted;
  bool flag = false;          // kRunStarted: has a parent run; kAttemptFinished: succeeded
  bool cluster_lost = false;  // kAttemptFinished: failed because its cluster was lost

  // The reduced event, or nothing when build_timeline does not read this kind.
  static std::optional<TimelineEvent> of(const EngineEvent& e);
};

class TimelineRecorder final : public EventSink {
 public:
  // `next` (optional) also receives every event, as it happens.
  explicit TimelineRecorder(EventSink* next = nullptr) : next_(next) {}
  void on_event(const EngineEvent& event) override;
  // A deque: grows in blocks, never copies the whole record as a doubling vector would.
  const std::deque<TimelineEvent>& events() const { return events_; }

 private:
  EventSink* next_;
  std::deque<TimelineEvent> events_;
};

}  // namespace orchsim::sim
