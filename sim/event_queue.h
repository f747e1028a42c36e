// EventQueue: the pending-event set of the discrete-event kernel. Orders events by (time,
// sequence), so events due at the same time pop in the order they were pushed (FIFO). Payloads
// live in a slab indexed by slot; cancellation is lazy (a generation counter per slot), so cancel
// is O(1) and a cancelled event is skipped when it reaches the top. No allocation per event once
// the slab and heap have grown to the working-set size. Single-threaded.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/runtime.h"
#include "engine/time.h"

namespace orchsim::sim {

class EventQueue {
 public:
  struct Event {
    SimTime time;
    TimerTarget* target;
    std::uint64_t payload;
  };

  TimerId push(SimTime time, TimerTarget& target, std::uint64_t payload);
  // Returns false if `id` is not pending (already popped or cancelled).
  bool cancel(TimerId id);
  // Removes and returns the earliest live event; nullopt when none is pending.
  std::optional<Event> pop();
  // Time of the earliest live event (drops cancelled events from the top first).
  std::optional<SimTime> next_time();
  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }
  void reserve(std::size_t n);

 private:
  struct Entry {
    std::int64_t time;
    std::uint64_t seq;
    std::uint32_t slot;
    std::uint32_t generation;
  };
  struct Slot {
    TimerTarget* target = nullptr;
    std::uint64_t payload = 0;
    std::uint32_t generation = 1;
    bool pending = false;
  };
  static bool before(const Entry& a, const Entry& b) {
    return a.time != b.time ? a.time < b.time : a.seq < b.seq;
  }
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);
  void pop_top();
  void drop_cancelled_top();

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 0;
  std::size_t live_ = 0;
};

}  // namespace orchsim::sim
