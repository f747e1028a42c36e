#include "sim/experiment/timeline_recorder.h"

#include <algorithm>

#include "engine/check.h"

namespace orchsim::sim {

void TimelineRecorder::on_event(const EngineEvent& e) {
  if (const auto* s = std::get_if<RunStarted>(&e.body)) {
    if (!s->parent.valid()) end_ = e.time;
  } else if (std::holds_alternative<RunFinished>(e.body)) {
    end_ = std::max(end_, e.time);
  } else if (std::holds_alternative<RollbackStarted>(e.body)) {
    keep(Kind::kRollback, rollbacks_.size());
    rollbacks_.push_back(e.time);
  } else if (const auto* a = std::get_if<AttemptStarted>(&e.body)) {
    const auto it = awaiting_retry_.find(key(a->run, a->task));
    if (it != awaiting_retry_.end()) {
      keep(Kind::kRetryStarted, a->attempt.index());
      if (--it->second == 0) awaiting_retry_.erase(it);
    }
  } else if (const auto* r = std::get_if<AttemptRunning>(&e.body)) {
    keep(Kind::kRunning, r->attempt.index());
  } else if (const auto* d = std::get_if<AttemptFinished>(&e.body)) {
    keep(Kind::kFinished, d->attempt.index());
    if (!d->result.succeeded) ++awaiting_retry_[key(d->run, d->task)];
  }
  if (next_ != nullptr) next_->on_event(e);
}

void TimelineRecorder::keep(Kind kind, std::size_t id) {
  ORCHSIM_CHECK(id <= kIdMask, "timeline: more than {} attempts or rollbacks", kIdMask);
  events_.push_back(static_cast<std::uint32_t>(kind) << kIdBits | static_cast<std::uint32_t>(id));
}

}  // namespace orchsim::sim
