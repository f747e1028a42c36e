// Distribution: a parameterised random quantity (startup delays, task durations, work amounts),
// drawn from the project's portable Rng (engine/rng.h) with our own transforms, so that a seed gives
// the same numbers on every standard library. Kinds: fixed, uniform, exponential, lognormal given
// (median, p95), and an empirical list (resampled uniformly). Values are in the caller's unit
// (seconds for durations). Immutable value type; sampling mutates only the Rng passed in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/rng.h"
#include "engine/time.h"

namespace orchsim::models {

class Distribution {
 public:
  enum class Kind : std::uint8_t { kFixed, kUniform, kExponential, kLognormal, kEmpirical };

  Distribution() = default;  // fixed at 0
  static Distribution fixed(double value);
  // Uniform on [lo, hi]; lo <= hi.
  static Distribution uniform(double lo, double hi);
  // Exponential with the given mean (> 0).
  static Distribution exponential(double mean);
  // Lognormal with the given median and 95th percentile (0 < median <= p95).
  static Distribution lognormal(double median, double p95);
  // Each draw is one of `values` (non-empty), chosen uniformly.
  static Distribution empirical(std::vector<double> values);

  Kind kind() const { return kind_; }
  double sample(Rng& rng) const;
  // A draw in seconds as a Duration (negative draws clamp to zero).
  Duration sample_duration(Rng& rng) const;
  double mean() const;
  // The p-quantile, 0 < p < 1 (empirical: the smallest value with CDF >= p).
  double quantile(double p) const;
  // The parameters it was made from: {value}, {lo, hi}, {mean}, {median, p95} (recomputed, so to
  // rounding), or the empirical values in ascending order. For writers that print it back.
  std::vector<double> parameters() const;
  // "fixed(270)", "lognormal(median=270, p95=600)", … for messages and reports.
  std::string describe() const;

 private:
  Kind kind_ = Kind::kFixed;
  double a_ = 0;  // fixed: value; uniform: lo; exponential: mean; lognormal: mu
  double b_ = 0;  // uniform: hi; lognormal: sigma
  std::vector<double> values_;  // empirical, sorted ascending
};

// Φ^{-1}(p) for 0 < p < 1 (Acklam's rational approximation refined by one Halley step; |error| < 1e-12).
double standard_normal_quantile(double p);
// z such that Φ(z) = 0.95.
inline constexpr double kZ95 = 1.6448536269514722;

}  // namespace orchsim::models
