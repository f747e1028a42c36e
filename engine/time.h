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

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration micros(std::int64_t us) { return Duration(us); }
  static constexpr Duration millis(std::int64_t ms) { return Duration(ms * 1000); }
  static constexpr Duration seconds(std::int64_t s) { return Duration(s * 1'000'000); }
  static constexpr Duration minutes(std::int64_t m) { return Duration(m * 60'000'000); }
  static constexpr Duration hours(std::int64_t h) { return Duration(h * 3'600'000'000LL); }
  // Rounds to the nearest microsecond; for model outputs drawn as real numbers.
  static Duration from_seconds(double s);
  static constexpr Duration zero() { return Duration(0); }
  static constexpr Duration max() { return Duration(std::numeric_limits<std::int64_t>::max()); }

  constexpr std::int64_t micros() const { return us_; }
  constexpr double to_seconds() const { return static_cast<double>(us_) / 1e6; }
  constexpr double to_minutes() const { return static_cast<double>(us_) / 6e7; }
  constexpr double to_hours() const { return static_cast<double>(us_) / 3.6e9; }

  constexpr Duration operator+(Duration o) const { return Duration(us_ + o.us_); }
  constexpr Duration operator-(Duration o) const { return Duration(us_ - o.us_); }
  constexpr Duration operator*(std::int64_t k) const { return Duration(us_ * k); }
  constexpr Duration operator-() const { return Duration(-us_); }
  constexpr Duration& operator+=(Duration o) { us_ += o.us_; return *this; }
  constexpr Duration& operator-=(Duration o) { us_ -= o.us_; return *this; }
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

  constexpr SimTime operator+(Duration d) const { return SimTime(us_ + d.micros()); }
  constexpr SimTime operator-(Duration d) const { return SimTime(us_ - d.micros()); }
  constexpr Duration operator-(SimTime o) const { return Duration::micros(us_ - o.us_); }
  constexpr SimTime& operator+=(Duration d) { us_ += d.micros(); return *this; }
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
