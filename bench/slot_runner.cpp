#include "bench/slot_runner.h"

#include <algorithm>

#include "engine/check.h"

namespace orchsim::bench {

SlotRunner::SlotRunner(Runtime& runtime, const W2Workload& workload)
    : runtime_(runtime), workload_(workload), slots_(workload.slots) {
  free_.reserve(workload.slots);
  // Highest index on top, so slot 0 is taken first (cosmetic: slots are identical).
  for (std::uint32_t s = workload.slots; s-- > 0;) free_.push_back(s);
}

void SlotRunner::start(const AttemptRequest& request, AttemptObserver& observer) {
  const Waiting w{request.attempt, request.task, request.number, &observer};
  if (free_.empty()) {
    queue_.push_back(w);
    return;
  }
  const std::uint32_t s = free_.back();
  free_.pop_back();
  occupy(s, w);
  // The contract forbids callbacks from inside start(): running is reported through the runtime.
  slots_[s].running = runtime_.post(*this, encode(Notice::kRunning, s));
}

void SlotRunner::occupy(std::uint32_t s, const Waiting& w) {
  const std::uint32_t task = w.task.value();
  const bool fails = w.number <= workload_.failed_attempts(task);
  const Duration length =
      fails ? workload_.fail_offset[workload_.fail_begin[task] + w.number - 1] : workload_.duration[task];
  Slot& slot = slots_[s];
  slot.attempt = w.attempt;
  slot.observer = w.observer;
  slot.fails = fails;
  slot.end = runtime_.schedule_after(length, *this, encode(Notice::kEnd, s));
  ++attempts_started_;
}

// A queued attempt's task was last seen a DAG layer ago; fetching its workload entries and the
// observer's state a few hand-overs early keeps a large DAG from missing the cache on each.
void SlotRunner::announce(const Waiting& w) const {
  const std::uint32_t task = w.task.value();
  __builtin_prefetch(&workload_.duration[task]);
  __builtin_prefetch(&workload_.fail_begin[task]);
  w.observer->attempt_due(w.attempt);
}

void SlotRunner::hand_over(std::uint32_t s, bool notify_now) {
  if (queue_.empty()) {
    free_.push_back(s);
    return;
  }
  const Waiting w = queue_.front();
  queue_.pop_front();
  if (queue_.size() > kLookahead) announce(queue_[kLookahead]);
  occupy(s, w);
  if (notify_now) w.observer->attempt_running(w.attempt);
  else slots_[s].running = runtime_.post(*this, encode(Notice::kRunning, s));
}

void SlotRunner::on_timer(std::uint64_t payload) {
  const auto notice = static_cast<Notice>(payload >> 32);
  const auto s = static_cast<std::uint32_t>(payload & 0xFFFFFFFFu);
  Slot& slot = slots_[s];
  if (notice == Notice::kRunning) {
    slot.running = TimerId{};
    slot.observer->attempt_running(slot.attempt);
    return;
  }
  const AttemptId attempt = slot.attempt;
  AttemptObserver* observer = slot.observer;
  const AttemptResult result =
      slot.fails ? AttemptResult::failed(FailureKind::kTaskError) : AttemptResult::success();
  ORCHSIM_CHECK(!slot.running.valid(), "attempt {} ended before it reported running", attempt);
  slot = Slot{};
  hand_over(s, /*notify_now=*/true);
  observer->attempt_finished(attempt, result);
}

void SlotRunner::kill(AttemptId attempt) {
  for (std::uint32_t s = 0; s < slots_.size(); ++s) {
    Slot& slot = slots_[s];
    if (slot.attempt != attempt) continue;
    runtime_.cancel(slot.end);
    if (slot.running.valid()) runtime_.cancel(slot.running);
    slot = Slot{};
    hand_over(s, /*notify_now=*/false);
    return;
  }
  // Kills are rare (timeouts, cancellation): a linear search of the queue is fine.
  auto it = std::find_if(queue_.begin(), queue_.end(), [&](const Waiting& w) { return w.attempt == attempt; });
  if (it != queue_.end()) queue_.erase(it);
}

}  // namespace orchsim::bench
