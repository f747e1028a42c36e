#include "sim/event_queue.h"

#include "engine/check.h"

namespace orchsim::sim {

namespace {

// A prefetch never faults, so the address need not lie inside the heap: computing it as an integer
// keeps the sift loop free of bounds checks without forming an out-of-range pointer.
template <class T>
void prefetch_at(const T* base, std::size_t i) {
  __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(base) + i * sizeof(T)));
}

}  // namespace

void EventQueue::reserve(std::size_t n) {
  heap_keys_.reserve(kPad + n);
  heap_items_.reserve(kPad + n);
  slot_seq_.reserve(n);
  cancelled_.reserve((n + 63) / 64);
  free_slots_.reserve(n);
}

TimerId EventQueue::push(SimTime time, TimerTarget& target, std::uint64_t payload) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();  // LIFO: the slot freed last is still in cache
    free_slots_.pop_back();
  } else {
    ORCHSIM_CHECK(slot_seq_.size() <= kSlotMask, "more than {} events queued", kSlotMask + 1);
    slot = static_cast<std::uint32_t>(slot_seq_.size());
    slot_seq_.push_back(0);
    if (slot % 64 == 0) cancelled_.push_back(0);
  }
  ORCHSIM_CHECK(next_seq_ < (std::uint64_t{1} << (64 - kSlotBits)), "event sequence exhausted");
  const Entry e{{time.micros(), (next_seq_++ << kSlotBits) | slot}, {&target, payload}};
  slot_seq_[slot] = e.key.seq;
  ++live_;
  const bool in_order =
      fifo_size_ > 0 ? e.key.time >= fifo_back().key.time : heap_empty() || e.key.time <= heap_top().time;
  if (in_order) fifo_push(e);
  else heap_push(e);
  return TimerId{e.key.seq};
}

bool EventQueue::cancel(TimerId id) {
  const std::uint64_t slot = id.value & kSlotMask;
  if (!id.valid() || slot >= slot_seq_.size() || slot_seq_[slot] != id.value) return false;
  // The entry stays where it is until it reaches the front; its slot stays taken until then, so
  // the slot's bit names exactly that entry.
  slot_seq_[slot] = 0;
  set_cancelled(static_cast<std::uint32_t>(slot));
  --live_;
  ++dead_;
  return true;
}

void EventQueue::drop_cancelled(std::uint32_t slot) {
  cancelled_[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
  free_slots_.push_back(slot);
  --dead_;
}

bool EventQueue::front_is_fifo() {
  if (dead_ > 0) {
    while (!heap_empty() && cancelled(slot_of(heap_top()))) drop_cancelled(slot_of(heap_top())), heap_pop();
    while (fifo_size_ > 0 && cancelled(slot_of(fifo_front().key))) drop_cancelled(slot_of(fifo_front().key)), fifo_pop();
  }
  return fifo_size_ > 0 && (heap_empty() || before(fifo_front().key, heap_top()));
}

std::optional<SimTime> EventQueue::next_time() {
  if (front_is_fifo()) return SimTime::from_micros(fifo_front().key.time);
  if (heap_empty()) return std::nullopt;
  return SimTime::from_micros(heap_top().time);
}

std::optional<EventQueue::Event> EventQueue::pop() {
  const bool from_fifo = front_is_fifo();
  if (!from_fifo && heap_empty()) return std::nullopt;
  const Entry e = from_fifo ? fifo_front() : Entry{heap_top(), heap_items_[kPad]};
  const std::uint32_t slot = slot_of(e.key);
  slot_seq_[slot] = 0;
  free_slots_.push_back(slot);
  --live_;
  if (from_fifo) fifo_pop();
  else heap_pop();
  return Event{SimTime::from_micros(e.key.time), e.item.target, e.item.payload};
}

void EventQueue::fifo_push(const Entry& e) {
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

// Below, k and it point at the root (kPad entries into the buffers) and indices are relative to it.

void EventQueue::heap_push(const Entry& e) {
  heap_keys_.push_back(e.key);
  heap_items_.push_back(e.item);
  Key* k = heap_keys_.data() + kPad;
  Item* it = heap_items_.data() + kPad;
  std::size_t i = heap_keys_.size() - kPad - 1;
  while (i > 0) {
    const std::size_t parent = (i - 1) / kArity;
    if (!before(e.key, k[parent])) break;
    k[i] = k[parent];
    it[i] = it[parent];
    i = parent;
  }
  k[i] = e.key;
  it[i] = e.item;
}

void EventQueue::heap_pop() {
  // Bottom-up (Wegener): walk the hole from the root down to a leaf along the smallest children
  // (a tournament of three comparisons per level, no test against the moved element), then sift
  // the former last element up from there. It nearly always belongs near the bottom: a short climb.
  const Key last = heap_keys_.back();
  const Item last_item = heap_items_.back();
  heap_keys_.pop_back();
  heap_items_.pop_back();
  const std::size_t n = heap_keys_.size() - kPad;
  if (n == 0) return;
  Key* k = heap_keys_.data() + kPad;
  Item* it = heap_items_.data() + kPad;
  std::size_t hole = 0;
  for (;;) {
    const std::size_t c = kArity * hole + 1;
    if (c + kArity <= n) {
      // The sixteen grandchildren (four cache lines) are requested a level before they are
      // compared. The tournament is branch-free (index arithmetic, no ternaries GCC could turn
      // into jumps): which child is smallest is a coin flip, so a branch would mispredict half
      // the time once the heap is cache-resident.
      for (std::size_t j = 0; j < 16; j += 4) prefetch_at(k, 16 * hole + 5 + j);
      const std::size_t a = c + before(k[c + 1], k[c]);
      const std::size_t b = c + 2 + before(k[c + 3], k[c + 2]);
      const std::size_t best = a ^ ((a ^ b) & -std::size_t{before(k[b], k[a])});
      k[hole] = k[best];
      it[hole] = it[best];
      hole = best;
      continue;
    }
    if (c < n) {  // the one node with fewer children
      std::size_t best = c;
      for (std::size_t i = c + 1; i < n; ++i) best = before(k[i], k[best]) ? i : best;
      k[hole] = k[best];
      it[hole] = it[best];
      hole = best;
    }
    break;
  }
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / kArity;
    if (!before(last, k[parent])) break;
    k[hole] = k[parent];
    it[hole] = it[parent];
    hole = parent;
  }
  k[hole] = last;
  it[hole] = last_item;
}

}  // namespace orchsim::sim
