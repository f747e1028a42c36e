#include "sim/event_queue.h"

#include "engine/check.h"

namespace orchsim::sim {

namespace {
// A TimerId packs (generation, slot + 1) so that the default TimerId{} (0) names no event.
TimerId make_id(std::uint32_t slot, std::uint32_t generation) {
  return TimerId{(static_cast<std::uint64_t>(generation) << 32) | (slot + 1u)};
}
}  // namespace

void EventQueue::reserve(std::size_t n) {
  heap_.reserve(n);
  slots_.reserve(n);
  free_slots_.reserve(n);
}

TimerId EventQueue::push(SimTime time, TimerTarget& target, std::uint64_t payload) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.target = &target;
  s.payload = payload;
  s.pending = true;
  heap_.push_back({time.micros(), next_seq_++, slot, s.generation});
  sift_up(heap_.size() - 1);
  ++live_;
  return make_id(slot, s.generation);
}

bool EventQueue::cancel(TimerId id) {
  if (!id.valid()) return false;
  const auto slot = static_cast<std::uint32_t>((id.value & 0xFFFFFFFFu) - 1);
  const auto generation = static_cast<std::uint32_t>(id.value >> 32);
  if (slot >= slots_.size()) return false;
  Slot& s = slots_[slot];
  if (!s.pending || s.generation != generation) return false;
  // The heap entry stays until it reaches the top; the bumped generation marks it dead, and the
  // slot can be reused at once.
  s.pending = false;
  ++s.generation;
  free_slots_.push_back(slot);
  --live_;
  return true;
}

void EventQueue::drop_cancelled_top() {
  while (!heap_.empty() && slots_[heap_.front().slot].generation != heap_.front().generation) {
    pop_top();
  }
}

std::optional<SimTime> EventQueue::next_time() {
  drop_cancelled_top();
  if (heap_.empty()) return std::nullopt;
  return SimTime::from_micros(heap_.front().time);
}

std::optional<EventQueue::Event> EventQueue::pop() {
  drop_cancelled_top();
  if (heap_.empty()) return std::nullopt;
  const Entry top = heap_.front();
  pop_top();
  Slot& s = slots_[top.slot];
  ORCHSIM_CHECK(s.pending);
  Event e{SimTime::from_micros(top.time), s.target, s.payload};
  s.pending = false;
  ++s.generation;
  free_slots_.push_back(top.slot);
  --live_;
  return e;
}

void EventQueue::pop_top() {
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
}

void EventQueue::sift_up(std::size_t i) {
  const Entry e = heap_[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / 2;
    if (!before(e, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = e;
}

void EventQueue::sift_down(std::size_t i) {
  const Entry e = heap_[i];
  const std::size_t n = heap_.size();
  for (;;) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
    if (!before(heap_[child], e)) break;
    heap_[i] = heap_[child];
    i = child;
  }
  heap_[i] = e;
}

}  // namespace orchsim::sim
