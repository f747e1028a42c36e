// Integer time for the engine and the simulator: Duration and SimTime in microseconds.
// Used everywhere; value types, no thread affinity. Integer microseconds make event order exact
// and outputs byte-identical across machines (no floating-point time, no -1 sentinels).
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <string>

#include <fmt/format.h>

namespace orchsim {

// Saturating int64 arithmetic: a sum or product past the range sticks at its end instead of
// overflowing (undefined behaviour). User durations are bounded at load time (sim/input); this
// keeps derived values (sampled durations, backoff, times past the horizon) defined: a time at
// the end of the range is simply never reached.
constexpr std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) [[unlikely]] {
    return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
  }
  return r;
}
constexpr std::int64_t saturating_sub(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) [[unlikely]] {
    return b < 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
  }
  return r;
}
constexpr std::int64_t saturating_mul(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) [[unlikely]] {
    return (a < 0) != (b < 0) ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
  }
  return r;
}

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration micros(std::int64_t us) { return Duration(us); }
  static constexpr Duration millis(std::int64_t ms) { return Duration(saturating_mul(ms, 1000)); }
  static constexpr Duration seconds(std::int64_t s) { return Duration(saturating_mul(s, 1'000'000)); }
  static constexpr Duration minutes(std::int64_t m) { return Duration(saturating_mul(m, 60'000'000)); }
  static constexpr Duration hours(std::int64_t h) { return Duration(saturating_mul(h, 3'600'000'000LL)); }
  // Rounds to the nearest microsecond, saturating at ±max (infinities too); for model outputs
  // drawn as real numbers. NaN is a bug.
  static Duration from_seconds(double s);
  static constexpr Duration zero() { return Duration(0); }
  static constexpr Duration max() { return Duration(std::numeric_limits<std::int64_t>::max()); }

  constexpr std::int64_t micros() const { return us_; }
  constexpr double to_seconds() const { return static_cast<double>(us_) / 1e6; }
  constexpr double to_minutes() const { return static_cast<double>(us_) / 6e7; }
  constexpr double to_hours() const { return static_cast<double>(us_) / 3.6e9; }

  // All saturating (saturating_add above).
  constexpr Duration operator+(Duration o) const { return Duration(saturating_add(us_, o.us_)); }
  constexpr Duration operator-(Duration o) const { return Duration(saturating_sub(us_, o.us_)); }
  constexpr Duration operator*(std::int64_t k) const { return Duration(saturating_mul(us_, k)); }
  constexpr Duration operator-() const { return Duration(saturating_sub(0, us_)); }
  constexpr Duration& operator+=(Duration o) { return *this = *this + o; }
  constexpr Duration& operator-=(Duration o) { return *this = *this - o; }
  constexpr auto operator<=>(const Duration&) const = default;

 private:
  constexpr explicit Duration(std::int64_t us) : us_(us) {}
  std::int64_t us_ = 0;
};

// A point on the run's time line: microseconds since the start of the simulation (or, live,
// since the runtime's epoch).
class SimTime {
 public:
  constexpr SimTime() = default;
  static constexpr SimTime from_micros(std::int64_t us) { return SimTime(us); }
  static constexpr SimTime zero() { return SimTime(0); }
  static constexpr SimTime max() { return SimTime(std::numeric_limits<std::int64_t>::max()); }

  constexpr std::int64_t micros() const { return us_; }
  constexpr Duration since_start() const { return Duration::micros(us_); }

  // Saturating: a time past the end of the range stays at max(), which no horizon reaches.
  constexpr SimTime operator+(Duration d) const { return SimTime(saturating_add(us_, d.micros())); }
  constexpr SimTime operator-(Duration d) const { return SimTime(saturating_sub(us_, d.micros())); }
  constexpr Duration operator-(SimTime o) const { return Duration::micros(saturating_sub(us_, o.us_)); }
  constexpr SimTime& operator+=(Duration d) { return *this = *this + d; }
  constexpr auto operator<=>(const SimTime&) const = default;

 private:
  constexpr explicit SimTime(std::int64_t us) : us_(us) {}
  std::int64_t us_ = 0;
};

// "1h02m03.5s", "4m30s", "250ms", "0s": exact, shortest form.
std::string to_string(Duration d);

}  // namespace orchsim

template <>
struct fmt::formatter<orchsim::Duration> : fmt::formatter<std::string_view> {
  auto format(orchsim::Duration d, format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(orchsim::to_string(d), ctx);
  }
};

// SimTime prints as its offset from the start: "t+4m30s".
template <>
struct fmt::formatter<orchsim::SimTime> : fmt::formatter<std::string_view> {
  auto format(orchsim::SimTime t, format_context& ctx) const {
    return fmt::formatter<std::string_view>::format("t+" + orchsim::to_string(t.since_start()), ctx);
  }
};
