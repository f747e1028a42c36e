// WallClockRuntime: the Runtime of `orchsim exec`. Time is the steady clock since construction;
// timers wait on a condition variable. run() executes callbacks one at a time on the calling
// thread (the loop thread); other threads may only call post_from_any_thread() and stop().
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

#include "engine/runtime.h"

namespace orchsim::live {

class WallClockRuntime final : public Runtime {
 public:
  WallClockRuntime();

  SimTime now() const override;
  TimerId schedule_at(SimTime when, TimerTarget& target, std::uint64_t payload) override;
  bool cancel(TimerId id) override;

  // Thread-safe: queues target.on_timer(payload) to run on the loop thread as soon as possible.
  void post_from_any_thread(TimerTarget& target, std::uint64_t payload);
  // Runs timers until none is pending and no external work is expected, or stop() is called.
  // `keep_alive` tells whether more posts from other threads may still come.
  template <class KeepAlive>
  void run(KeepAlive keep_alive);
  void stop();

 private:
  struct Timer {
    std::int64_t when_us;
    std::uint64_t seq;
    TimerTarget* target;
    std::uint64_t payload;
    std::uint64_t id;
  };
  bool run_one(bool may_wait, bool keep_alive);

  std::chrono::steady_clock::time_point epoch_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Timer> timers_;  // small: a live run has few pending timers
  std::uint64_t next_id_ = 1;
  bool stopped_ = false;
};

template <class KeepAlive>
void WallClockRuntime::run(KeepAlive keep_alive) {
  while (run_one(true, keep_alive())) {}
}

}  // namespace orchsim::live
