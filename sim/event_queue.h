// EventQueue: the pending-event set of the discrete-event kernel, used by SimulatedRuntime.
// Orders events by (time, sequence), so events due at the same time pop in the order they were
// pushed (FIFO). Single-threaded; no allocation per event once the arrays have grown to the
// working-set size.
//
// Layout (measured in bench/hold_bench.cpp and bench/engine_bench.cpp, see bench/RESULTS.md):
// - a 4-ary min-heap of 16-byte entries (time, key), key = sequence << kSlotBits | slot, laid out
//   so that the four children of a node fill exactly one 64-byte cache line. Payloads live in a
//   slab of slots indexed by the key's low bits, never in the heap;
// - a FIFO fast path: an event due no earlier than everything already in the FIFO (and, when the
//   FIFO is empty, no later than the heap's top) is appended to a ring buffer in O(1) instead of
//   sifted into the heap. Events posted for "now" and runs of equal delays take it;
// - lazy cancellation: a slot remembers the key of its live event (its generation); cancel clears
//   it and frees the slot at once, and the stale entry is dropped when it reaches the front.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
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
  // Time of the earliest live event (drops cancelled events from the front first).
  std::optional<SimTime> next_time();
  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }
  void reserve(std::size_t n);

 private:
  // 2^26 events pending at once; 2^38 events pushed over the queue's life (checked).
  static constexpr unsigned kSlotBits = 26;
  static constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSlotBits) - 1;
  static constexpr std::size_t kArity = 4;
  // The heap starts kPad entries into a 64-byte aligned buffer: the children of node i sit at
  // kPad + 4i + 1 .. kPad + 4i + 4, a multiple of 4 entries, i.e. one cache line.
  static constexpr std::size_t kPad = kArity - 1;

  template <class T>
  struct CacheLineAllocator {
    using value_type = T;
    CacheLineAllocator() = default;
    template <class U>
    CacheLineAllocator(const CacheLineAllocator<U>&) {}
    T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{64})); }
    void deallocate(T* p, std::size_t) { ::operator delete(p, std::align_val_t{64}); }
    bool operator==(const CacheLineAllocator&) const = default;
  };

  struct Entry {
    std::int64_t time;
    std::uint64_t key;  // sequence << kSlotBits | slot; the sequence makes it unique, never 0
  };
  struct Slot {
    TimerTarget* target = nullptr;
    std::uint64_t payload = 0;
    std::uint64_t key = 0;  // key of the live event in this slot; 0 when free
  };
  // One 128-bit comparison (time with its sign bit flipped, then key): GCC emits cmp/sbb, no
  // branch, so the heap's unpredictable comparisons become conditional moves.
  __extension__ using Order = unsigned __int128;
  static Order order(const Entry& e) {
    return (static_cast<Order>(static_cast<std::uint64_t>(e.time) ^ (std::uint64_t{1} << 63)) << 64) | e.key;
  }
  static bool before(const Entry& a, const Entry& b) { return order(a) < order(b); }
  bool stale(const Entry& e) const { return slots_[e.key & kSlotMask].key != e.key; }

  void heap_push(Entry e);
  void heap_pop();
  void fifo_push(Entry e);
  void fifo_pop() { fifo_head_ = (fifo_head_ + 1) & (fifo_.size() - 1); --fifo_size_; }
  const Entry& fifo_front() const { return fifo_[fifo_head_]; }
  const Entry& fifo_back() const { return fifo_[(fifo_head_ + fifo_size_ - 1) & (fifo_.size() - 1)]; }
  // Drops cancelled entries from the heap's top and the FIFO's front; returns the live front
  // (nullptr when empty) and whether it is the FIFO's.
  const Entry* front(bool& from_fifo);

  bool heap_empty() const { return heap_.size() == kPad; }
  const Entry& heap_top() const { return heap_[kPad]; }

  std::vector<Entry, CacheLineAllocator<Entry>> heap_ = std::vector<Entry, CacheLineAllocator<Entry>>(kPad);
  std::vector<Entry> fifo_;  // ring buffer, capacity a power of two (or 0)
  std::size_t fifo_head_ = 0;
  std::size_t fifo_size_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 1;
  std::size_t live_ = 0;
  std::size_t dead_ = 0;  // cancelled entries still in the heap or the FIFO
};

}  // namespace orchsim::sim
