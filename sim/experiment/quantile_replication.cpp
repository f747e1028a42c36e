#include "sim/experiment/quantile_replication.h"

#include <algorithm>
#include <vector>

#include "sim/experiment/summary.h"

namespace orchsim::sim {

std::size_t quantile_replication(std::span<const double> makespans, double p) {
  std::vector<double> sorted(makespans.begin(), makespans.end());
  std::sort(sorted.begin(), sorted.end());
  const double q = empirical_quantile(sorted, p);
  // q is one of the values: the first replication with it breaks ties by index.
  return static_cast<std::size_t>(std::find(makespans.begin(), makespans.end(), q) - makespans.begin());
}

}  // namespace orchsim::sim
