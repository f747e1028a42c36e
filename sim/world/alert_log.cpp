#include "sim/world/alert_log.h"

#include "engine/check.h"

namespace orchsim::sim {

void AlertLog::on_alert(const Alert& alert) {
  ORCHSIM_CHECK(alerts_.empty() || alerts_.back().time <= alert.time, "alerts must arrive in time order");
  alerts_.push_back(alert);
  ++by_kind_[static_cast<std::size_t>(alert.kind)];
}

}  // namespace orchsim::sim
