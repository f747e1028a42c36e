#include "sim/kernel/event_queue.h"

#include <cstddef>

#include "engine/cache_hints.h"
#include "engine/check.h"

namespace orchsim::sim {

namespace {

// A prefetch never faults, so the address need not lie inside the array: computing it as an
// integer keeps the sift loop free of bounds checks without forming an out-of-range pointer.
template <class T>
void prefetch_at(const T* base, std::size_t i) {
  prefetch_for_read(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(base) + i * sizeof(T)));
}

}  // namespace

EventQueue::EventQueue() : fifo_(kInitialCapacity) {
  reserve(kInitialCapacity);
  heap_.resize(kPad);
}

void EventQueue::reserve(std::size_t n) {
  heap_.reserve(kPad + n);
  slots_.reserve(n);
}

std::uint32_t EventQueue::add_slot() {
  ORCHSIM_CHECK(slots_.size() <= kSlotMask, "more than {} events pending", kSlotMask + 1);
  slots_.emplace_back();
  return static_cast<std::uint32_t>(slots_.size() - 1);
}

TimerId EventQueue::push(SimTime time, TimerTarget& target, std::uint64_t payload) {
  // LIFO: the slot freed last is still in cache.
  std::uint32_t slot = free_head_;
  if (slot != kNoSlot) free_head_ = static_cast<std::uint32_t>(slots_[slot].payload);
  else slot = add_slot();
  ORCHSIM_CHECK(next_seq_ < (std::uint64_t{1} << (64 - kSlotBits)), "event sequence exhausted");
  const Key k{biased(time), (next_seq_++ << kSlotBits) | slot};
  slots_[slot] = Slot{&target, payload, k.seq};
  ++live_;
  const bool in_order = (fifo_size_ == 0 || k.time >= fifo_back().time) && (heap_empty() || k.time <= heap_top().time);
  if (in_order) {
    fifo_push(k);
  } else if (root_taken_) {
    root_taken_ = false;
    sift_down(k, heap_.size() - kPad);
  } else {
    heap_push(k);
  }
  return TimerId{k.seq};
}

bool EventQueue::cancel(TimerId id) {
  const std::uint64_t slot = id.value & kSlotMask;
  if (!id.valid() || slot >= slots_.size() || slots_[slot].seq != id.value) return false;
  // The entry stays queued until it reaches the front, where its seq no longer matches its
  // slot's; the slot itself is free at once.
  free_slot(static_cast<std::uint32_t>(slot));
  --live_;
  return true;
}

std::optional<SimTime> EventQueue::next_time() {
  take_root_out();
  for (;;) {
    const bool from_fifo = front_is_fifo();
    if (!from_fifo && heap_empty()) return std::nullopt;
    const Key& k = from_fifo ? fifo_front() : heap_top();
    if (slots_[slot_of(k)].seq == k.seq) return SimTime::from_micros(unbiased(k.time));
    if (from_fifo) fifo_pop();
    else heap_pop();
  }
}

std::optional<EventQueue::Event> EventQueue::pop() {
  take_root_out();
  for (;;) {
    const bool from_fifo = front_is_fifo();
    if (!from_fifo && heap_empty()) return std::nullopt;
    const Key k = from_fifo ? fifo_front() : heap_top();
    const std::uint32_t slot = slot_of(k);
    Slot& s = slots_[slot];
    if (s.seq != k.seq) {  // cancelled: its slot was freed by cancel
      if (from_fifo) fifo_pop();
      else heap_pop();
      continue;
    }
    if (from_fifo) fifo_pop();
    else root_taken_ = true;
    const Event e{SimTime::from_micros(unbiased(k.time)), s.target, s.payload};
    free_slot(slot);
    --live_;
    return e;
  }
}

void EventQueue::fifo_push(const Key& k) {
  if (fifo_size_ == fifo_.size()) {
    // Grow the ring and unwrap it: the queued keys move to the front in order.
    std::vector<Key> bigger(2 * fifo_.size());
    for (std::size_t i = 0; i < fifo_size_; ++i) bigger[i] = fifo_[(fifo_head_ + i) & (fifo_.size() - 1)];
    fifo_.swap(bigger);
    fifo_head_ = 0;
  }
  fifo_[(fifo_head_ + fifo_size_) & (fifo_.size() - 1)] = k;
  ++fifo_size_;
}

// Below, h points at the root (kPad entries into the buffer) and indices are relative to it.

void EventQueue::heap_push(const Key& key) {
  heap_.push_back(key);
  Key* h = heap_.data() + kPad;
  std::size_t i = heap_.size() - kPad - 1;
  while (i > 0) {
    const std::size_t parent = (i - 1) / kArity;
    if (!before(key, h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = key;
}

void EventQueue::heap_pop() {
  const Key last = heap_.back();
  heap_.pop_back();
  if (!heap_empty()) sift_down(last, heap_.size() - kPad);
}

void EventQueue::sift_down(const Key& key, std::size_t n) {
  // Bottom-up (Wegener): walk the hole from the root down to a leaf along the smallest children
  // (a tournament of three comparisons per level, no test against `key`), then sift `key` up from
  // there. It nearly always belongs near the bottom (the heap's former last key; a new event's key,
  // later than most): a short climb.
  //
  // Positions are byte offsets from the root (the children of offset p start at 4p + 16), so the
  // index arithmetic needs no scaling. The tournament is branch-free (index arithmetic, no
  // ternaries GCC could turn into jumps): which child is smallest is a coin flip, so a branch
  // would mispredict half the time once the heap is cache-resident.
  constexpr std::size_t kKey = sizeof(Key);
  constexpr std::size_t kLine = kArity * kKey;
  std::byte* const root = reinterpret_cast<std::byte*>(heap_.data() + kPad);
  const auto at = [root](std::size_t p) -> Key& { return *reinterpret_cast<Key*>(root + p); };
  const auto smallest_child = [&at](std::size_t c) {
    const std::size_t a = c + kKey * before(at(c + kKey), at(c));
    const std::size_t b = c + 2 * kKey + kKey * before(at(c + 3 * kKey), at(c + 2 * kKey));
    return a ^ ((a ^ b) & -std::size_t{before(at(b), at(a))});
  };
  const std::size_t end = n * kKey;
  std::size_t hole = 0;
  if (kLine + kKey <= end) {
    // The root's smallest child is the next pop's event unless `key` climbs back to the root:
    // request its slot now, so that the next pop finds target and payload in cache.
    const std::size_t best = smallest_child(kKey);
    at(0) = at(best);
    hole = best;
    prefetch_at(slots_.data(), slot_of(at(0)));
  }
  if (n > kPrefetchFrom) {
    for (std::size_t c = kArity * hole + kKey; c + kLine <= end; c = kArity * hole + kKey) {
      // The sixteen grandchildren (four cache lines) are requested a level before they are compared.
      for (std::size_t j = 0; j < kArity; ++j) prefetch_at(root, kArity * c + kKey + j * kLine);
      const std::size_t best = smallest_child(c);
      at(hole) = at(best);
      hole = best;
    }
  } else {
    for (std::size_t c = kArity * hole + kKey; c + kLine <= end; c = kArity * hole + kKey) {
      const std::size_t best = smallest_child(c);
      at(hole) = at(best);
      hole = best;
    }
  }
  if (const std::size_t c = kArity * hole + kKey; c < end) {  // the one node with fewer children
    std::size_t best = c;
    for (std::size_t i = c + kKey; i < end; i += kKey) best = before(at(i), at(best)) ? i : best;
    at(hole) = at(best);
    hole = best;
  }
  while (hole > 0) {
    const std::size_t parent = (hole - kKey) / kLine * kKey;
    if (!before(key, at(parent))) break;
    at(hole) = at(parent);
    hole = parent;
  }
  at(hole) = key;
}

}  // namespace orchsim::sim
