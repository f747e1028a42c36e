// Statistics of one metric over replications, for the experiment runner and the reports. Pure
// functions, no thread affinity.
//
// - Summary: mean, sample standard deviation and the two-sided 95% Student-t interval for the mean.
// - proportion_summary: a 0/1 metric's rate with the 95% Wilson score interval (the t interval is
//   wrong near 0 and 1, where P(FAILED) lives).
// - ratio_summary: Σy / Σx over replications (a pooled rate such as tasks hit per fault), with a
//   delta-method 95% interval.
// - bootstrap_quantiles: p50/p95/p99 with 95% percentile-bootstrap intervals, seeded, so the same
//   values and seed give the same interval on any machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "models/student_t.h"
#include "models/wilson_interval.h"

namespace orchsim::sim {

struct Summary {
  std::size_t n = 0;
  double mean = 0;
  double stddev = 0;
  double ci95 = 0;  // half-width: the mean is in [mean - ci95, mean + ci95] with 95% confidence
  double min = 0;
  double max = 0;

  static Summary of(std::span<const double> values);
};

// A rate with its 95% Wilson score interval: the one copy lives in models/ (the history fit uses it too).
using models::Proportion;
using models::wilson_interval;

// Σy / Σx over paired samples (y[i], x[i]); `defined` is false when Σx == 0.
struct Ratio {
  bool defined = false;
  double value = 0;
  double ci95 = 0;  // delta-method half-width
};
Ratio ratio_summary(std::span<const double> y, std::span<const double> x);

// The p-quantile as the inverse of the empirical CDF: the ceil(p·n)-th smallest value (type 1).
// `sorted` must be sorted ascending and non-empty.
double empirical_quantile(std::span<const double> sorted, double p);

struct QuantileEstimate {
  double p = 0;
  double value = 0;  // empirical_quantile of the sample
  double lo = 0;     // 95% percentile-bootstrap interval
  double hi = 0;
};

// Percentile bootstrap with `resamples` resamples drawn from a stream keyed by `seed`. Exact and
// O(resamples) per quantile: the k-th smallest of a resample of n sorted values is the value at
// index floor(n·U) with U ~ Beta(k, n - k + 1) (the k-th order statistic of n uniforms), so no
// resample is materialised. `sorted` must be sorted ascending and non-empty.
QuantileEstimate bootstrap_quantile(std::span<const double> sorted, double p, std::uint64_t seed,
                                    std::size_t resamples = 2000);

// The two-sided Student-t quantile: the one copy lives in models/.
using models::student_t_quantile;

}  // namespace orchsim::sim
