// LognormalFit: a lognormal fitted to positive samples (task durations, cluster startups) by maximum
// likelihood — μ and σ are the mean and the standard deviation (divisor n) of the logs, so the
// median is e^μ — with its goodness of fit: the Kolmogorov–Smirnov distance D of the logs from the
// normal with the sample's mean and standard deviation, and Lilliefors' p-value for it (the
// parameters being estimated from the same sample; Dallal & Wilkinson 1986 as in R's
// nortest::lillie.test); the median's interval is the t interval of μ. Used by models/history_fit. Pure, any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "models/distributions.h"

namespace orchsim::models {

struct LognormalFit {
  std::size_t n = 0;
  double mu = 0;     // mean of ln x
  double sigma = 0;  // ML standard deviation of ln x (divisor n)
  double median = 0;  // e^μ
  double median_lo = 0;  // 95% interval of the median: e^(μ ± t_{n−1}·s/√n), s the logs' sample sd
  double median_hi = 0;
  // Lilliefors test of the logs (needs n >= 5 and some spread; unset otherwise).
  std::optional<double> ks_d;
  std::optional<double> ks_p;

  // lognormal(median, p95) for the simulator; fixed(median) when σ = 0.
  Distribution distribution() const;
};

// Fits `values` (each > 0, at least one). A programming error (ORCHSIM_CHECK) otherwise.
LognormalFit fit_lognormal(std::span<const double> values);

// Lilliefors' p-value for a KS distance `d` from a normal fitted to `n` (>= 5) values.
double lilliefors_p_value(double d, std::size_t n);

}  // namespace orchsim::models
