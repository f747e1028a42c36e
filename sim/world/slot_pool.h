// SlotPool: a vector of slots reused through a free list, for state that lives only a while (a
// live cluster's queues and timers, a running attempt's shares) when the things it belongs to
// are many and kept for the whole run: under multi_job there is one cluster instance and one
// attempt per task, but only those not yet finished need a slot. A slot keeps what it owns when
// released, so a reused one allocates nothing; the caller resets what it must. Used by the
// ClusterWorld, on the loop thread.
#pragma once

#include <cstdint>
#include <vector>

namespace orchsim::sim {

template <class T>
class SlotPool {
 public:
  // The index of a free slot: the latest released one, else a new T{} at the end.
  std::uint32_t acquire() {
    if (free_.empty()) {
      slots_.emplace_back();
      return static_cast<std::uint32_t>(slots_.size() - 1);
    }
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    return slot;
  }
  void release(std::uint32_t slot) { free_.push_back(slot); }

  T& operator[](std::uint32_t slot) { return slots_[slot]; }
  const T& operator[](std::uint32_t slot) const { return slots_[slot]; }
  std::size_t in_use() const { return slots_.size() - free_.size(); }
  // Frees every slot and the memory they hold.
  void clear() {
    slots_ = std::vector<T>();  // not `= {}`: that assigns an empty list and keeps the capacity
    free_ = std::vector<std::uint32_t>();
  }
  std::size_t capacity() const { return slots_.capacity(); }

 private:
  std::vector<T> slots_;
  std::vector<std::uint32_t> free_;
};

}  // namespace orchsim::sim
