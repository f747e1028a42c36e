#include "sim/experiment/timeline_recorder.h"

#include <type_traits>

namespace orchsim::sim {

std::optional<TimelineEvent> TimelineEvent::of(const EngineEvent& e) {
  using K = TimelineEvent::Kind;
  return std::visit(
      [&e](const auto& b) -> std::optional<TimelineEvent> {
        using T = std::decay_t<decltype(b)>;
        TimelineEvent t;
        t.time = e.time;
        if constexpr (std::is_same_v<T, RunStarted>) {
          t.kind = K::kRunStarted;
          t.run = static_cast<std::uint32_t>(b.run.index());
          t.task = static_cast<std::uint32_t>(b.job.index());
          t.flag = b.parent.valid();
        } else if constexpr (std::is_same_v<T, RunFinished>) {
          t.kind = K::kRunFinished;
          t.run = static_cast<std::uint32_t>(b.run.index());
        } else if constexpr (std::is_same_v<T, RollbackStarted>) {
          t.kind = K::kRollback;
          t.run = static_cast<std::uint32_t>(b.run.index());
        } else if constexpr (std::is_same_v<T, AttemptStarted>) {
          t.kind = K::kAttemptStarted;
          t.run = static_cast<std::uint32_t>(b.run.index());
          t.attempt = static_cast<std::uint32_t>(b.attempt.index());
          t.task = static_cast<std::uint32_t>(b.task.index());
          t.number = b.number;
          t.compute = static_cast<std::uint32_t>(b.compute.index());
        } else if constexpr (std::is_same_v<T, AttemptRunning>) {
          t.kind = K::kAttemptRunning;
          t.run = static_cast<std::uint32_t>(b.run.index());
          t.attempt = static_cast<std::uint32_t>(b.attempt.index());
          t.task = static_cast<std::uint32_t>(b.task.index());
        } else if constexpr (std::is_same_v<T, AttemptFinished>) {
          t.kind = K::kAttemptFinished;
          t.run = static_cast<std::uint32_t>(b.run.index());
          t.attempt = static_cast<std::uint32_t>(b.attempt.index());
          t.task = static_cast<std::uint32_t>(b.task.index());
          t.flag = b.result.succeeded;
          t.cluster_lost = !b.result.succeeded && b.result.failure == FailureKind::kClusterLost;
        } else {
          return std::nullopt;
        }
        return t;
      },
      e.body);
}

void TimelineRecorder::on_event(const EngineEvent& event) {
  if (const auto t = TimelineEvent::of(event)) add(*t);
  if (next_ != nullptr) next_->on_event(event);
}

void TimelineRecorder::add(const TimelineEvent& e) {
  using K = TimelineEvent::Kind;
  const std::int64_t gap = (e.time - last_).micros();
  if (gap >= 0 && gap < kLongGap) {
    gaps_.push_back(static_cast<std::uint32_t>(gap));
  } else {
    gaps_.push_back(kLongGap);
    long_times_.push_back(e.time);
  }
  last_ = e.time;
  kinds_.push_back(static_cast<std::uint8_t>(static_cast<std::uint8_t>(e.kind) | (e.flag ? kFlag : 0) |
                                             (e.cluster_lost ? kClusterLost : 0)));
  const bool run_event = e.kind == K::kRunStarted || e.kind == K::kRunFinished || e.kind == K::kRollback;
  ids_.push_back(run_event ? e.run : e.attempt);
  if (e.kind == K::kRunStarted) jobs_.push_back(e.task);
  if (e.kind == K::kAttemptStarted) starts_.push_back({e.run, e.task, e.number, e.compute});
}

}  // namespace orchsim::sim
