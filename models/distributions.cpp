#include "models/distributions.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "engine/check.h"

namespace orchsim::models {

Distribution Distribution::fixed(double value) {
  Distribution d;
  d.a_ = value;
  return d;
}

Distribution Distribution::uniform(double lo, double hi) {
  ORCHSIM_CHECK(lo <= hi, "uniform({}, {}): lo > hi", lo, hi);
  Distribution d;
  d.kind_ = Kind::kUniform;
  d.a_ = lo;
  d.b_ = hi;
  return d;
}

Distribution Distribution::exponential(double mean) {
  ORCHSIM_CHECK(mean > 0, "exponential mean must be > 0, got {}", mean);
  Distribution d;
  d.kind_ = Kind::kExponential;
  d.a_ = mean;
  return d;
}

Distribution Distribution::lognormal(double median, double p95) {
  ORCHSIM_CHECK(median > 0 && p95 >= median, "lognormal needs 0 < median <= p95, got {} and {}", median, p95);
  Distribution d;
  d.kind_ = Kind::kLognormal;
  d.a_ = std::log(median);
  d.b_ = (std::log(p95) - d.a_) / kZ95;
  return d;
}

Distribution Distribution::empirical(std::vector<double> values) {
  ORCHSIM_CHECK(!values.empty(), "an empirical distribution needs at least one value");
  Distribution d;
  d.kind_ = Kind::kEmpirical;
  std::sort(values.begin(), values.end());
  d.values_ = std::move(values);
  return d;
}

double Distribution::sample(Rng& rng) const {
  switch (kind_) {
    case Kind::kFixed: return a_;
    case Kind::kUniform: return rng.uniform(a_, b_);
    case Kind::kExponential: return rng.exponential(1.0 / a_);
    case Kind::kLognormal: return std::exp(a_ + b_ * rng.normal());
    case Kind::kEmpirical: return values_[rng.below(values_.size())];
  }
  return a_;
}

Duration Distribution::sample_duration(Rng& rng) const {
  return Duration::from_seconds(std::max(0.0, sample(rng)));
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::kFixed: return a_;
    case Kind::kUniform: return (a_ + b_) / 2;
    case Kind::kExponential: return a_;
    case Kind::kLognormal: return std::exp(a_ + b_ * b_ / 2);
    case Kind::kEmpirical: {
      double sum = 0;
      for (double v : values_) sum += v;
      return sum / static_cast<double>(values_.size());
    }
  }
  return a_;
}

double Distribution::quantile(double p) const {
  ORCHSIM_CHECK(p > 0 && p < 1, "quantile needs 0 < p < 1, got {}", p);
  switch (kind_) {
    case Kind::kFixed: return a_;
    case Kind::kUniform: return a_ + (b_ - a_) * p;
    case Kind::kExponential: return -a_ * std::log1p(-p);
    case Kind::kLognormal: return std::exp(a_ + b_ * standard_normal_quantile(p));
    case Kind::kEmpirical: {
      const auto n = static_cast<double>(values_.size());
      const auto k = static_cast<std::size_t>(std::ceil(p * n));
      return values_[std::clamp<std::size_t>(k, 1, values_.size()) - 1];
    }
  }
  return a_;
}

std::vector<double> Distribution::parameters() const {
  switch (kind_) {
    case Kind::kFixed: case Kind::kExponential: return {a_};
    case Kind::kUniform: return {a_, b_};
    case Kind::kLognormal: return {std::exp(a_), std::exp(a_ + b_ * kZ95)};
    case Kind::kEmpirical: return values_;
  }
  return {};
}

std::string Distribution::describe() const {
  switch (kind_) {
    case Kind::kFixed: return fmt::format("fixed({:g})", a_);
    case Kind::kUniform: return fmt::format("uniform({:g}, {:g})", a_, b_);
    case Kind::kExponential: return fmt::format("exponential(mean={:g})", a_);
    case Kind::kLognormal: return fmt::format("lognormal(median={:g}, p95={:g})", std::exp(a_), std::exp(a_ + b_ * kZ95));
    case Kind::kEmpirical: return fmt::format("empirical({} values)", values_.size());
  }
  return "?";
}

double standard_normal_quantile(double p) {
  ORCHSIM_CHECK(p > 0 && p < 1, "normal quantile needs 0 < p < 1, got {}", p);
  // Acklam's coefficients.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  double x = 0;
  if (p < kLow) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - kLow) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Halley step on Φ(x) − p brings the error to machine precision.
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

}  // namespace orchsim::models
