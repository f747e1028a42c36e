#include "sim/world/sim_branch_values.h"

#include "models/branch_probability.h"

namespace orchsim::sim {

std::optional<std::string> SimBranchValues::resolve(RunId, std::string_view reference) {
  const std::optional<double> p = models::parse_branch_reference(reference);
  if (!p) return std::nullopt;
  if (!rng_) rng_.emplace(seed_, replication_, "conditions");
  return rng_->bernoulli(*p) ? "true" : "false";
}

}  // namespace orchsim::sim
