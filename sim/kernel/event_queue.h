// EventQueue: the pending-event set of the discrete-event kernel, used by SimulatedRuntime.
// Orders events by (time, sequence), so events due at the same time pop in the order they were
// pushed (FIFO). Single-threaded; no allocation per event once the arrays have grown to the
// working-set size.
//
// Layout (measured in bench/hold_bench.cpp and with callgrind on the W2 peer, see bench/RESULTS.md):
// - a 4-ary min-heap of 16-byte keys (time, seq), seq = sequence << kSlotBits | slot: the four
//   children of a node fill one 64-byte cache line, and the sift moves nothing else. The
//   sift-down is bottom-up and branch-free; above kPrefetchFrom keys it prefetches the
//   grandchildren a level ahead;
// - one 32-byte slot per pending event holding what the event delivers (target, payload) and the
//   seq of the event that owns the slot. A key is live while its slot still holds its seq, so a pop
//   reads one slot line for everything, and the sift-down prefetches the slot of the new root as
//   soon as it is known, so the next pop finds it in cache;
// - lazy root removal: pop leaves the delivered root in the heap, and the next push into the heap
//   overwrites it and sifts down once. A handler that schedules one event per event it handles
//   (the hold model, a slot's next attempt) costs one sift-down per event, not two sifts;
// - a FIFO fast path: an event due no later than the heap's top and no earlier than the FIFO's
//   back (events posted for "now", runs of equal delays while nothing earlier is queued) is
//   appended to a ring of keys in O(1) instead of sifted into the heap. Later events stay out of
//   the ring, so that one far-future timer cannot close it to the "now" events behind it;
// - lazy cancellation: cancel checks the id against its slot's seq (a stale id never matches a
//   newer event), clears it and frees the slot at once; the cancelled key stays queued and is
//   dropped when it reaches the front, where its seq no longer matches its slot's.
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

  EventQueue();

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
  // 2^26 events pending at once; 2^38 events pushed over the queue's life (both checked).
  static constexpr unsigned kSlotBits = 26;
  static constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSlotBits) - 1;
  // The heap starts kPad keys into a 64-byte aligned buffer: the children of node i sit at
  // kPad + 4i + 1 .. kPad + 4i + 4, a multiple of 4 keys, i.e. one cache line.
  static constexpr std::size_t kArity = 4;
  static constexpr std::size_t kPad = kArity - 1;
  // Room for this many events up front (a power of two, for the FIFO ring): a replication of the
  // seed scenario never grows the arrays; growing them from empty cost ~4 % of its instructions.
  static constexpr std::size_t kInitialCapacity = 64;
  // Above this many keys (256 KiB) the heap no longer fits the L2 cache: the sift-down prefetches.
  static constexpr std::size_t kPrefetchFrom = std::size_t{1} << 14;

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
  template <class T>
  using AlignedVector = std::vector<T, CacheLineAllocator<T>>;

  struct Key {
    std::uint64_t time;  // microseconds with the sign bit flipped: unsigned order is time order
    std::uint64_t seq;   // sequence << kSlotBits | slot; the sequence makes it unique, never 0
  };
  // What a pending event delivers, and the seq of the event that owns the slot (0 when free): a
  // queued key whose seq differs was cancelled. A free slot's payload links the free list. Two
  // slots per cache line.
  struct alignas(32) Slot {
    TimerTarget* target = nullptr;
    std::uint64_t payload = 0;
    std::uint64_t seq = 0;
  };

  static std::uint64_t biased(SimTime t) { return static_cast<std::uint64_t>(t.micros()) ^ (std::uint64_t{1} << 63); }
  static std::int64_t unbiased(std::uint64_t t) { return static_cast<std::int64_t>(t ^ (std::uint64_t{1} << 63)); }
  // One 128-bit comparison (time, then seq): GCC emits cmp/sbb, no branch, so the heap's
  // unpredictable comparisons become conditional moves.
  __extension__ using Order = unsigned __int128;
  static bool before(const Key& a, const Key& b) {
    return ((static_cast<Order>(a.time) << 64) | a.seq) < ((static_cast<Order>(b.time) << 64) | b.seq);
  }
  static std::uint32_t slot_of(const Key& k) { return static_cast<std::uint32_t>(k.seq & kSlotMask); }

  static constexpr std::uint32_t kNoSlot = ~std::uint32_t{0};
  // A new slot at the end of the array (the free list is empty).
  std::uint32_t add_slot();
  void free_slot(std::uint32_t slot) {
    slots_[slot].seq = 0;
    slots_[slot].payload = free_head_;
    free_head_ = slot;
  }

  void heap_push(const Key& k);
  // Removes the root.
  void heap_pop();
  // Fills the root of an n-key heap with `key` and restores the heap order.
  void sift_down(const Key& key, std::size_t n);
  // Removes the root that pop delivered, if no push has filled it since.
  void take_root_out() {
    if (root_taken_) root_taken_ = false, heap_pop();
  }
  void fifo_push(const Key& k);
  void fifo_pop() { fifo_head_ = (fifo_head_ + 1) & (fifo_.size() - 1); --fifo_size_; }
  const Key& fifo_front() const { return fifo_[fifo_head_]; }
  const Key& fifo_back() const { return fifo_[(fifo_head_ + fifo_size_ - 1) & (fifo_.size() - 1)]; }
  // True when the front (live or not) is the FIFO's; false when it is the heap's or nothing is queued.
  bool front_is_fifo() const { return fifo_size_ > 0 && (heap_empty() || before(fifo_front(), heap_top())); }

  bool heap_empty() const { return heap_.size() == kPad; }
  const Key& heap_top() const { return heap_[kPad]; }

  AlignedVector<Key> heap_;
  std::vector<Key> fifo_;  // ring buffer, its size a power of two
  std::size_t fifo_head_ = 0;
  std::size_t fifo_size_ = 0;
  AlignedVector<Slot> slots_;
  std::uint32_t free_head_ = kNoSlot;  // the free slots, last freed first
  std::uint64_t next_seq_ = 1;
  std::size_t live_ = 0;
  // pop delivered the heap's root but left it in place: the next push into the heap overwrites it
  // and sifts down once (a hold costs one sift, not a pop's and a push's); any other access
  // removes it first.
  bool root_taken_ = false;
};

}  // namespace orchsim::sim
