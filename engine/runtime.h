// Runtime: the engine's only source of "now" and its only way to defer work. SimulatedRuntime
// (sim/) jumps virtual time; the live runtime (engine/live/) waits on a real clock. Callbacks run
// one at a time on the runtime's loop thread, so the engine needs no locks.
//
// A timer carries no closure: it names a TimerTarget and a 64-bit payload the target decodes
// itself. That keeps the simulation hot path free of heap allocation and std::function.
#pragma once

#include <cstdint>

#include "engine/time.h"

namespace orchsim {

class TimerTarget {
 public:
  // Called on the loop thread at the scheduled time with the payload given to schedule_at.
  virtual void on_timer(std::uint64_t payload) = 0;

 protected:
  ~TimerTarget() = default;
};

// Names one scheduled timer; the default value names none.
struct TimerId {
  std::uint64_t value = 0;
  constexpr bool valid() const { return value != 0; }
  constexpr bool operator==(const TimerId&) const = default;
};

class Runtime {
 public:
  virtual ~Runtime() = default;

  virtual SimTime now() const = 0;
  // Calls target.on_timer(payload) at `when` (>= now()). Timers due at the same time fire in the
  // order they were scheduled (FIFO). The target must outlive the timer or cancel it.
  virtual TimerId schedule_at(SimTime when, TimerTarget& target, std::uint64_t payload) = 0;
  // Cancels a pending timer; returns false (and does nothing) if it already fired or was cancelled.
  virtual bool cancel(TimerId id) = 0;

  // Runs target.on_timer(payload) at the current time, after the callback now running returns.
  TimerId post(TimerTarget& target, std::uint64_t payload) { return schedule_at(now(), target, payload); }
  TimerId schedule_after(Duration delay, TimerTarget& target, std::uint64_t payload) {
    return schedule_at(now() + delay, target, payload);
  }
};

}  // namespace orchsim
