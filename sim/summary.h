// Summary: the statistics of one metric over replications: mean, sample standard deviation and
// the half-width of the two-sided 95% Student-t confidence interval for the mean. Pure.
#pragma once

#include <cstddef>
#include <span>

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

// The two-sided Student-t quantile t_{1-alpha/2, dof}; exact table for small dof, then a
// Cornish-Fisher expansion (error < 1e-4 for dof >= 30).
double student_t_quantile(double confidence, std::size_t dof);

}  // namespace orchsim::sim
