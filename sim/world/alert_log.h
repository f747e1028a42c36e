// AlertLog: the simulated world's AlertSink (engine/alerts.h). In simulation an alert goes nowhere:
// it is recorded with its time (Alert::time, the simulated instant the engine raised it) and counted
// by kind, for the metrics and the rollback/alert tests. The engine's gate has already applied
// de-duplication and rate limiting, so every alert here was "sent". One per replication;
// loop-thread affinity.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/alerts.h"

namespace orchsim::sim {

class AlertLog final : public AlertSink {
 public:
  void on_alert(const Alert& alert) override;

  const std::vector<Alert>& alerts() const { return alerts_; }
  std::uint32_t sent() const { return static_cast<std::uint32_t>(alerts_.size()); }
  std::uint32_t sent(AlertKind kind) const { return by_kind_[static_cast<std::size_t>(kind)]; }

 private:
  std::vector<Alert> alerts_;
  std::array<std::uint32_t, 5> by_kind_{};
};

}  // namespace orchsim::sim
