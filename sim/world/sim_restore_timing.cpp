#include "sim/world/sim_restore_timing.h"

namespace orchsim::sim {

// The draw does not depend on the table or the versions: every table of a scenario is modelled
// alike (per-table sizes would be a scenario field of their own).
Duration SimRestoreTiming::restore_duration(TableId, std::uint64_t, std::uint64_t) {
  ++restores_;
  return duration_.sample_duration(rng_);
}

}  // namespace orchsim::sim
