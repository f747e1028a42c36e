// TimelineRecorder: an EventSink that keeps only the engine events a Timeline is drawn from (runs
// started and finished, rollbacks, attempts started, running and finished), each reduced to what
// build_timeline (sim/experiment/timeline_builder.h) reads, for after the run. Lanes need the
// cluster instances of the whole run, so the picture cannot be drawn while it runs. The events are
// kept in columns, each only as wide as its field: a kind byte, the time as 32-bit microseconds
// since the previous event (the full time in a side column when a gap does not fit), one 32-bit
// id, and what only some kinds carry (an attempt's run, task, number and compute; a run's job) in
// columns of their own: 13 bytes an event plus 20 an attempt, against 72 for an EngineEvent
// (issue #15). Deques, so that they grow in blocks and never copy or double. Used by
// sim::run_replication, on the replication's thread.
#pragma once

#include <cstddef>
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
  // Keeps `e`. What build_timeline does not read is not kept and reads back as 0: the run and
  // task of an attempt's later events, the number and compute but at its start, the task (job)
  // but of a run's start.
  void add(const TimelineEvent& e);

  std::size_t size() const { return kinds_.size(); }
  // Calls `f` with every kept event, in the order they came.
  template <class F>
  void for_each(F&& f) const;

 private:
  static constexpr std::uint32_t kLongGap = UINT32_MAX;  // the time is in long_times_
  static constexpr std::uint8_t kFlag = 0x10, kClusterLost = 0x20, kKindMask = 0x0F;
  struct AttemptStart {
    std::uint32_t run, task, number, compute;
  };

  EventSink* next_;
  SimTime last_;
  std::deque<std::uint8_t> kinds_;     // Kind | kFlag | kClusterLost
  std::deque<std::uint32_t> gaps_;     // microseconds since the previous event, or kLongGap
  std::deque<SimTime> long_times_;     // per kLongGap, in order
  std::deque<std::uint32_t> ids_;      // the run (run events) or the attempt (attempt events)
  std::deque<AttemptStart> starts_;    // per kAttemptStarted, in order
  std::deque<std::uint32_t> jobs_;     // per kRunStarted, in order
};

template <class F>
void TimelineRecorder::for_each(F&& f) const {
  using K = TimelineEvent::Kind;
  auto gap = gaps_.begin();
  auto id = ids_.begin();
  auto long_time = long_times_.begin();
  auto start = starts_.begin();
  auto job = jobs_.begin();
  SimTime at;
  for (const std::uint8_t bits : kinds_) {
    at = *gap == kLongGap ? *long_time++ : at + Duration::micros(*gap);
    ++gap;
    TimelineEvent e;
    e.time = at;
    e.kind = static_cast<K>(bits & kKindMask);
    e.flag = (bits & kFlag) != 0;
    e.cluster_lost = (bits & kClusterLost) != 0;
    if (e.kind == K::kRunStarted || e.kind == K::kRunFinished || e.kind == K::kRollback) {
      e.run = *id++;
      if (e.kind == K::kRunStarted) e.task = *job++;
    } else {
      e.attempt = *id++;
      if (e.kind == K::kAttemptStarted) {
        e.run = start->run;
        e.task = start->task;
        e.number = start->number;
        e.compute = start->compute;
        ++start;
      }
    }
    f(static_cast<const TimelineEvent&>(e));
  }
}

}  // namespace orchsim::sim
