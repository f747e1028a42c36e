// SimRestoreTiming: the simulated world's answer to "how long does this table RESTORE take"
// (engine/table_store.h RestoreTiming). Each restore draws once from the scenario's
// `table_restore` distribution (models::WorldModel), on the replication's own "world.restore" Rng
// stream, so adding or removing restores never shifts any other subsystem's draws. One per
// replication; loop-thread affinity.
#pragma once

#include <cstdint>

#include "engine/rng.h"
#include "engine/table_store.h"
#include "models/distributions.h"

namespace orchsim::sim {

class SimRestoreTiming final : public RestoreTiming {
 public:
  // `duration` is in seconds and must outlive this object.
  SimRestoreTiming(const models::Distribution& duration, std::uint64_t seed, std::uint64_t replication)
      : duration_(duration), rng_(seed, replication, "world.restore") {}

  Duration restore_duration(TableId table, std::uint64_t from, std::uint64_t to) override;
  std::uint32_t restores() const { return restores_; }

 private:
  const models::Distribution& duration_;
  Rng rng_;
  std::uint32_t restores_ = 0;
};

}  // namespace orchsim::sim
