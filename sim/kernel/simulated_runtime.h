// SimulatedRuntime: the Runtime of the simulated world. Virtual time jumps from event to event;
// nothing ever sleeps. Callbacks run one at a time in (time, sequence) order. One per replication;
// single-threaded.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/runtime.h"
#include "sim/kernel/event_queue.h"

namespace orchsim::sim {

class SimulatedRuntime final : public Runtime {
 public:
  SimTime now() const override { return now_; }
  TimerId schedule_at(SimTime when, TimerTarget& target, std::uint64_t payload) override;
  bool cancel(TimerId id) override { return queue_.cancel(id); }

  // Runs the next event; false when none is pending.
  bool step();
  // Runs events until none is pending; returns how many ran.
  std::uint64_t run();
  // Runs every event due at or before `until`, then sets now to `until` (if later).
  std::uint64_t run_until(SimTime until);

  // When the next pending event is due; none when nothing is pending (drops cancelled heads).
  std::optional<SimTime> next_time() { return queue_.next_time(); }
  std::size_t pending() const { return queue_.size(); }
  std::uint64_t events_processed() const { return processed_; }
  void reserve(std::size_t n) { queue_.reserve(n); }

 private:
  EventQueue queue_;
  SimTime now_;
  std::uint64_t processed_ = 0;
};

}  // namespace orchsim::sim
