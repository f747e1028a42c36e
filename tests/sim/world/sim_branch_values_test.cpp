#include "sim/world/sim_branch_values.h"

#include <doctest/doctest.h>

#include "models/branch_probability.h"

namespace orchsim::sim {
namespace {

TEST_CASE("SimBranchValues: true with the reference's probability, nothing for other references") {
  SimBranchValues values(42, 0);
  const std::string ref = models::branch_reference(0.3);
  int trues = 0;
  constexpr int kDraws = 10'000;
  for (int i = 0; i < kDraws; ++i) trues += values.resolve(RunId(0), ref) == std::optional<std::string>("true") ? 1 : 0;
  // Binomial(10000, 0.3): standard deviation sqrt(10000 · 0.3 · 0.7) ≈ 45.8; 4σ ≈ 183.
  CHECK(trues > 3000 - 183);
  CHECK(trues < 3000 + 183);
  CHECK(values.resolve(RunId(0), models::branch_reference(0)) == std::optional<std::string>("false"));
  CHECK(values.resolve(RunId(0), models::branch_reference(1)) == std::optional<std::string>("true"));
  CHECK_FALSE(values.resolve(RunId(0), "{{job.parameters.x}}").has_value());
}

TEST_CASE("SimBranchValues: the same seed and replication give the same draws") {
  SimBranchValues a(7, 3), b(7, 3);
  const std::string ref = models::branch_reference(0.5);
  for (int i = 0; i < 100; ++i) CHECK(a.resolve(RunId(0), ref) == b.resolve(RunId(0), ref));
}

}  // namespace
}  // namespace orchsim::sim
