#include "sim/kernel/simulated_runtime.h"

#include "engine/check.h"

namespace orchsim::sim {

TimerId SimulatedRuntime::schedule_at(SimTime when, TimerTarget& target, std::uint64_t payload) {
  ORCHSIM_CHECK(when >= now_, "timer scheduled in the past ({} < {})", when, now_);
  return queue_.push(when, target, payload);
}

bool SimulatedRuntime::step() {
  auto event = queue_.pop();
  if (!event) return false;
  now_ = event->time;
  ++processed_;
  event->target->on_timer(event->payload);
  return true;
}

std::uint64_t SimulatedRuntime::run() {
  const std::uint64_t before = processed_;
  while (step()) {}
  return processed_ - before;
}

std::uint64_t SimulatedRuntime::run_until(SimTime until) {
  const std::uint64_t before = processed_;
  for (auto next = queue_.next_time(); next && *next <= until; next = queue_.next_time()) step();
  if (until > now_) now_ = until;
  return processed_ - before;
}

}  // namespace orchsim::sim
