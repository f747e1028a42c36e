// OptionalTime: a SimTime that may not have happened yet, in 8 bytes where std::optional<SimTime>
// takes 16 (the flag padded to the time's alignment). A cluster instance keeps two of them (up,
// terminated) and under multi_job there is an instance per task, kept for the whole run (issue #15).
// "Not yet" is SimTime's lowest value, which no simulated time reaches (they count up from zero).
// It reads like the std::optional it replaces (bool test, *, has_value, value_or), so the
// instance's readers are unchanged. A value type.
#pragma once

#include <cstdint>
#include <limits>

#include "engine/time.h"

namespace orchsim::sim {

class OptionalTime {
 public:
  constexpr OptionalTime() = default;
  constexpr OptionalTime(SimTime t) : t_(t) {}  // NOLINT: set from a SimTime, as std::optional

  constexpr bool has_value() const { return t_ != kNone; }
  constexpr explicit operator bool() const { return has_value(); }
  // Only when has_value(), as std::optional's.
  constexpr SimTime operator*() const { return t_; }
  constexpr SimTime value_or(SimTime otherwise) const { return has_value() ? t_ : otherwise; }
  constexpr void reset() { t_ = kNone; }

 private:
  static constexpr SimTime kNone = SimTime::from_micros(std::numeric_limits<std::int64_t>::min());
  SimTime t_ = kNone;
};

}  // namespace orchsim::sim
