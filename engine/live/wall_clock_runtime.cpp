#include "engine/live/wall_clock_runtime.h"

#include <algorithm>

namespace orchsim::live {

WallClockRuntime::WallClockRuntime() : epoch_(std::chrono::steady_clock::now()) {}

SimTime WallClockRuntime::now() const {
  const auto elapsed = std::chrono::steady_clock::now() - epoch_;
  return SimTime::from_micros(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
}

TimerId WallClockRuntime::schedule_at(SimTime when, TimerTarget& target, std::uint64_t payload) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  timers_.push_back({when.micros(), id, &target, payload, id});
  wake_.notify_all();
  return TimerId{id};
}

void WallClockRuntime::post_from_any_thread(TimerTarget& target, std::uint64_t payload) {
  schedule_at(now(), target, payload);
}

bool WallClockRuntime::cancel(TimerId id) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(timers_.begin(), timers_.end(), [&](const Timer& t) { return t.id == id.value; });
  if (it == timers_.end()) return false;
  timers_.erase(it);
  return true;
}

void WallClockRuntime::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  wake_.notify_all();
}

bool WallClockRuntime::run_one(bool may_wait, bool keep_alive) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopped_) return false;
    if (timers_.empty()) {
      if (!keep_alive || !may_wait) return false;
      wake_.wait_for(lock, std::chrono::milliseconds(50));
      return true;  // re-evaluate keep_alive outside the lock
    }
    auto first = std::min_element(timers_.begin(), timers_.end(), [](const Timer& a, const Timer& b) {
      return a.when_us != b.when_us ? a.when_us < b.when_us : a.seq < b.seq;
    });
    const auto due = epoch_ + std::chrono::microseconds(first->when_us);
    if (std::chrono::steady_clock::now() < due) {
      wake_.wait_until(lock, due);
      continue;
    }
    const Timer timer = *first;
    timers_.erase(first);
    lock.unlock();
    timer.target->on_timer(timer.payload);
    return true;
  }
}

}  // namespace orchsim::live
