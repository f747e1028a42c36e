#include "sim/experiment/summary.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/check.h"
#include "engine/rng.h"
#include "models/distributions.h"

namespace orchsim::sim {

namespace {

// Marsaglia & Tsang (2000) for shape >= 1, on our own fixed generator.
double gamma_variate(Rng& rng, double shape) {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0;
    double v = 0;
    do {
      x = rng.normal();
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = rng.uniform01();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

}  // namespace

Summary Summary::of(std::span<const double> values) {
  Summary s;
  s.n = values.size();
  if (s.n == 0) return s;
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  s.min = *lo;
  s.max = *hi;
  if (s.n < 2) return s;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.stddev = std::sqrt(squares / static_cast<double>(s.n - 1));
  s.ci95 = student_t_quantile(0.95, s.n - 1) * s.stddev / std::sqrt(static_cast<double>(s.n));
  return s;
}

Ratio ratio_summary(std::span<const double> y, std::span<const double> x) {
  ORCHSIM_CHECK(y.size() == x.size());
  const std::size_t n = y.size();
  double sy = 0, sx = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sy += y[i];
    sx += x[i];
  }
  if (n == 0 || sx <= 0) return {};
  Ratio r{.defined = true, .value = sy / sx, .ci95 = 0};
  if (n < 2) return r;
  // Var(R) ≈ Var(y - R·x) / (n · x̄²): the linearisation of Σy/Σx around R.
  const double xbar = sx / static_cast<double>(n);
  double squares = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double residual = y[i] - r.value * x[i];
    squares += residual * residual;
  }
  const double variance = squares / static_cast<double>(n - 1) / (static_cast<double>(n) * xbar * xbar);
  r.ci95 = student_t_quantile(0.95, n - 1) * std::sqrt(variance);
  return r;
}

double empirical_quantile(std::span<const double> sorted, double p) {
  ORCHSIM_CHECK(!sorted.empty() && p >= 0 && p <= 1);
  const auto n = sorted.size();
  const auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(n)));
  return sorted[std::clamp<std::size_t>(k, 1, n) - 1];
}

QuantileEstimate bootstrap_quantile(std::span<const double> sorted, double p, std::uint64_t seed,
                                    std::size_t resamples) {
  ORCHSIM_CHECK(!sorted.empty() && resamples > 0);
  const std::size_t n = sorted.size();
  QuantileEstimate q{.p = p, .value = empirical_quantile(sorted, p), .lo = 0, .hi = 0};
  const auto k = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(p * static_cast<double>(n))), 1, n);
  Rng rng(seed);
  std::vector<double> draws(resamples);
  for (double& d : draws) {
    const double a = gamma_variate(rng, static_cast<double>(k));
    const double b = gamma_variate(rng, static_cast<double>(n - k + 1));
    const double u = a / (a + b);
    const auto index = std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)));
    d = sorted[index];
  }
  std::sort(draws.begin(), draws.end());
  q.lo = empirical_quantile(draws, 0.025);
  q.hi = empirical_quantile(draws, 0.975);
  return q;
}

}  // namespace orchsim::sim
