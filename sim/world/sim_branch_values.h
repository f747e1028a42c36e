// SimBranchValues: the simulated world's ValueResolver for condition operands. It resolves the
// references of models/branch_probability.h — "true" with probability p, one draw per evaluation
// from the replication's own "conditions" stream (rule 3: named streams), so a branch chosen by
// probability moves no other draw — and nothing else (scenario files cannot hold references).
// One per replication, created with the SimulatedWorld; loop thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/condition.h"
#include "engine/rng.h"

namespace orchsim::sim {

class SimBranchValues final : public ValueResolver {
 public:
  SimBranchValues(std::uint64_t seed, std::uint64_t replication) : seed_(seed), replication_(replication) {}

  std::optional<std::string> resolve(RunId run, std::string_view reference) override;

 private:
  std::uint64_t seed_;
  std::uint64_t replication_;
  std::optional<Rng> rng_;  // made on first use: most workloads never draw from it
};

}  // namespace orchsim::sim
