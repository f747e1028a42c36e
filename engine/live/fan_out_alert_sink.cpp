#include "engine/live/fan_out_alert_sink.h"

#include <exception>

namespace orchsim::live {

void FanOutAlertSink::on_alert(const Alert& alert) {
  for (auto& [name, sink] : sinks_) {
    try {
      sink->on_alert(alert);
    } catch (const std::exception& e) {
      failures_->failed(alert, name, e.what());
    }
  }
}

}  // namespace orchsim::live
