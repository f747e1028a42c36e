#include "sim/event_queue.h"

#include "engine/check.h"

namespace orchsim::sim {

void EventQueue::reserve(std::size_t n) {
  heap_.reserve(kPad + n);
  slots_.reserve(n);
  free_slots_.reserve(n);
}

TimerId EventQueue::push(SimTime time, TimerTarget& target, std::uint64_t payload) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();  // LIFO: the slot freed last is still in cache
    free_slots_.pop_back();
  } else {
    ORCHSIM_CHECK(slots_.size() <= kSlotMask, "more than {} events pending", kSlotMask + 1);
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  ORCHSIM_CHECK(next_seq_ < (std::uint64_t{1} << (64 - kSlotBits)), "event sequence exhausted");
  const Entry e{time.micros(), (next_seq_++ << kSlotBits) | slot};
  slots_[slot] = Slot{&target, payload, e.key};
  ++live_;
  const bool in_order = fifo_size_ > 0 ? e.time >= fifo_back().time : heap_empty() || e.time <= heap_top().time;
  if (in_order) fifo_push(e);
  else heap_push(e);
  return TimerId{e.key};
}

bool EventQueue::cancel(TimerId id) {
  const std::uint64_t slot = id.value & kSlotMask;
  if (!id.valid() || slot >= slots_.size() || slots_[slot].key != id.value) return false;
  // The entry stays where it is until it reaches the front; the cleared key marks it dead, and
  // the slot can be reused at once.
  slots_[slot].key = 0;
  free_slots_.push_back(static_cast<std::uint32_t>(slot));
  --live_;
  ++dead_;
  return true;
}

const EventQueue::Entry* EventQueue::front(bool& from_fifo) {
  if (dead_ > 0) {
    while (!heap_empty() && stale(heap_top())) heap_pop(), --dead_;
    while (fifo_size_ > 0 && stale(fifo_front())) fifo_pop(), --dead_;
  }
  if (fifo_size_ > 0 && (heap_empty() || before(fifo_front(), heap_top()))) {
    from_fifo = true;
    return &fifo_front();
  }
  from_fifo = false;
  return heap_empty() ? nullptr : &heap_top();
}

std::optional<SimTime> EventQueue::next_time() {
  bool from_fifo = false;
  const Entry* e = front(from_fifo);
  if (e == nullptr) return std::nullopt;
  return SimTime::from_micros(e->time);
}

std::optional<EventQueue::Event> EventQueue::pop() {
  bool from_fifo = false;
  const Entry* e = front(from_fifo);
  if (e == nullptr) return std::nullopt;
  const auto slot = static_cast<std::uint32_t>(e->key & kSlotMask);
  Slot& s = slots_[slot];
  const Event out{SimTime::from_micros(e->time), s.target, s.payload};
  s.key = 0;
  free_slots_.push_back(slot);
  --live_;
  if (from_fifo) fifo_pop();
  else heap_pop();
  // The next pop will read the slot of whichever entry is in front now: a random place in a slab
  // that outgrows the cache. Start loading it while the caller runs this event's callback.
  if (!heap_empty()) __builtin_prefetch(&slots_[heap_top().key & kSlotMask]);
  if (fifo_size_ > 0) __builtin_prefetch(&slots_[fifo_front().key & kSlotMask]);
  return out;
}

void EventQueue::fifo_push(Entry e) {
  if (fifo_size_ == fifo_.size()) {
    // Grow the ring and unwrap it: the live entries move to the front in order.
    std::vector<Entry> bigger(fifo_.empty() ? 64 : 2 * fifo_.size());
    for (std::size_t i = 0; i < fifo_size_; ++i) bigger[i] = fifo_[(fifo_head_ + i) & (fifo_.size() - 1)];
    fifo_.swap(bigger);
    fifo_head_ = 0;
  }
  fifo_[(fifo_head_ + fifo_size_) & (fifo_.size() - 1)] = e;
  ++fifo_size_;
}

// Below, h points at the root (kPad entries into the buffer) and indices are relative to it.

void EventQueue::heap_push(Entry e) {
  heap_.push_back(e);
  Entry* h = heap_.data() + kPad;
  std::size_t i = heap_.size() - kPad - 1;
  while (i > 0) {
    const std::size_t parent = (i - 1) / kArity;
    if (!before(e, h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = e;
}

void EventQueue::heap_pop() {
  // Bottom-up: walk the hole from the root down to a leaf along the smallest children (a
  // tournament of three comparisons per level, no test against the moved element), then sift the
  // former last element up from there. It nearly always belongs near the bottom: a short climb.
  const Entry last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size() - kPad;
  if (n == 0) return;
  Entry* h = heap_.data() + kPad;
  std::size_t hole = 0;
  for (;;) {
    const std::size_t c = kArity * hole + 1;
    if (c + kArity <= n) {
      const std::size_t a = before(h[c + 1], h[c]) ? c + 1 : c;
      const std::size_t b = before(h[c + 3], h[c + 2]) ? c + 3 : c + 2;
      const std::size_t best = before(h[b], h[a]) ? b : a;
      h[hole] = h[best];
      hole = best;
      continue;
    }
    if (c < n) {  // the one node with fewer than four children
      std::size_t best = c;
      for (std::size_t i = c + 1; i < n; ++i) best = before(h[i], h[best]) ? i : best;
      h[hole] = h[best];
      hole = best;
    }
    break;
  }
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / kArity;
    if (!before(last, h[parent])) break;
    h[hole] = h[parent];
    hole = parent;
  }
  h[hole] = last;
}

}  // namespace orchsim::sim
