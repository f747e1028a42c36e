#include "models/wilson_interval.h"

#include <algorithm>
#include <cmath>

#include "engine/check.h"

namespace orchsim::models {

Proportion wilson_interval(std::size_t successes, std::size_t n) {
  ORCHSIM_CHECK(successes <= n);
  if (n == 0) return {};
  constexpr double z = 1.959963984540054;
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double denom = 1 + z * z / nn;
  const double centre = (p + z * z / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
  // At 0 or n successes the bound is exactly 0 or 1; the formula only gets there up to rounding.
  return {p, successes == 0 ? 0.0 : std::max(0.0, centre - half), successes == n ? 1.0 : std::min(1.0, centre + half)};
}

}  // namespace orchsim::models
