// TimelineRecorder: an EventSink that keeps, for build_timeline (sim/experiment/timeline_builder.h),
// what the MetricsCollector's AttemptLog (sim/experiment/attempt_log.h) does not: the order in
// which the events a bar is drawn at came (an attempt running, an attempt finished, a retry's
// start, a rollback), since the bars are drawn in that order, the rollbacks' times, and the
// timeline's end. Lanes need the cluster instances of the whole run, so the picture cannot be
// drawn while it runs. The attempts' facts are recorded once, in the log: here 4 bytes an event
// (its kind and the attempt), two an attempt, in a deque that grows in blocks (issue #15). Used by
// sim::run_replication, on the replication's thread, after the collector in the sink chain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_map>

#include "engine/events.h"

namespace orchsim::sim {

class TimelineRecorder final : public EventSink {
 public:
  // What a kept event is; its attempt (or, for a rollback, its index in rollbacks()) comes with it.
  enum class Kind : std::uint8_t {
    kRetryStarted,  // an attempt of a task with a failed attempt not yet followed by another
    kRunning,
    kFinished,
    kRollback,
  };

  // `next` (optional) also receives every event, as it happens.
  explicit TimelineRecorder(EventSink* next = nullptr) : next_(next) {}
  void on_event(const EngineEvent& event) override;

  std::size_t size() const { return events_.size(); }
  // Calls `f(kind, id)` with every kept event, in the order they came.
  template <class F>
  void for_each(F&& f) const {
    for (const std::uint32_t e : events_) f(static_cast<Kind>(e >> kIdBits), e & kIdMask);
  }
  const std::deque<SimTime>& rollbacks() const { return rollbacks_; }
  // The last top-level run's start, or a later run's end: where the picture ends.
  SimTime end() const { return end_; }

 private:
  static constexpr std::uint32_t kIdBits = 30, kIdMask = (1u << kIdBits) - 1;

  void keep(Kind kind, std::size_t id);
  static std::uint64_t key(RunId run, TaskId task) { return (std::uint64_t(run.value()) << 32) | task.value(); }

  EventSink* next_;
  std::deque<std::uint32_t> events_;  // kind << kIdBits | id
  std::deque<SimTime> rollbacks_;
  SimTime end_;
  // Failed attempts, by (run, task), that no later attempt of the task has followed yet: only the
  // starts they await are kept (build_timeline draws their wait), not every start.
  std::unordered_map<std::uint64_t, std::uint32_t> awaiting_retry_;
};

}  // namespace orchsim::sim
