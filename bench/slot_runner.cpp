#include "bench/slot_runner.h"

#include "engine/cache_hints.h"
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
  // Usually every slot is busy and the attempt just queues.
  if (free_.empty()) enqueue(w);
  else start_on_free_slot(w);
}

void SlotRunner::start_on_free_slot(const Waiting& w) {
  const std::uint32_t s = free_.back();
  free_.pop_back();
  const SimTime now = runtime_.now();
  occupy(s, w, now);
  // The contract forbids callbacks from inside start(): running is reported through the runtime.
  slots_[s].running = runtime_.schedule_at(now, *this, encode(Notice::kRunning, s));
}

void SlotRunner::occupy(std::uint32_t s, const Waiting& w, SimTime now) {
  const std::uint32_t task = w.task.value();
  const std::uint32_t fail_begin = workload_.fail_begin[task];
  const bool fails = w.number <= workload_.fail_begin[task + 1] - fail_begin;
  const Duration length = fails ? workload_.fail_offset[fail_begin + w.number - 1] : workload_.duration[task];
  Slot& slot = slots_[s];
  slot.attempt = w.attempt;
  slot.fails = fails;
  slot.observer = w.observer;
  slot.ends_at = now + length;
  slot.end = runtime_.schedule_at(slot.ends_at, *this, encode(Notice::kEnd, s));
  ++attempts_started_;
}

void SlotRunner::grow_queue() {
  std::vector<Waiting> grown(2 * queue_.size());
  for (std::size_t i = 0; i < queued_; ++i) grown[i] = queued(i);
  queue_.swap(grown);
  queue_head_ = 0;
}

// A queued attempt's task was last seen a DAG layer ago; fetching its workload entries and the
// engine's state for it a few hand-overs early keeps a large DAG from missing the cache on each.
void SlotRunner::announce(const Waiting& w) const {
  const std::uint32_t task = w.task.value();
  prefetch_for_read(&workload_.duration[task]);
  prefetch_for_read(&workload_.fail_begin[task]);
  if (engine_ != nullptr) engine_->prefetch_attempt(w.attempt);
}

void SlotRunner::hand_over(std::uint32_t s, bool notify_now, SimTime now) {
  if (queued_ == 0) {
    slots_[s] = Slot{};
    free_.push_back(s);
    return;
  }
  const Waiting w = queued(0);
  queue_head_ = (queue_head_ + 1) & (queue_.size() - 1);
  --queued_;
  if (queued_ > kLookahead) announce(queued(kLookahead));
  occupy(s, w, now);
  if (notify_now) w.observer->attempt_running(w.attempt);
  else slots_[s].running = runtime_.schedule_at(now, *this, encode(Notice::kRunning, s));
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
  hand_over(s, /*notify_now=*/true, slot.ends_at);
  observer->attempt_finished(attempt, result);
}

void SlotRunner::kill(AttemptId attempt) {
  for (std::uint32_t s = 0; s < slots_.size(); ++s) {
    Slot& slot = slots_[s];
    if (slot.attempt != attempt) continue;
    runtime_.cancel(slot.end);
    if (slot.running.valid()) runtime_.cancel(slot.running);
    slot.running = TimerId{};
    hand_over(s, /*notify_now=*/false, runtime_.now());
    return;
  }
  // Kills are rare (timeouts, cancellation): a linear search of the queue is fine.
  for (std::size_t i = 0; i < queued_; ++i) {
    if (queued(i).attempt != attempt) continue;
    for (std::size_t j = i + 1; j < queued_; ++j) queued(j - 1) = queued(j);
    --queued_;
    return;
  }
}

}  // namespace orchsim::bench
