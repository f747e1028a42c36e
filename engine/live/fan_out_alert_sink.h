// FanOutAlertSink: the one AlertSink `orchsim exec` hands the engine; it gives each alert to every
// destination's sink in order, and owns them and their AlertFailureLog. A sink that throws is
// reported to the log like any failed delivery: the engine never sees a sink's error.
// Loop-thread affinity (the sinks it owns may have worker threads).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/alerts.h"
#include "engine/live/alert_failure_log.h"

namespace orchsim::live {

class FanOutAlertSink final : public AlertSink {
 public:
  explicit FanOutAlertSink(std::unique_ptr<AlertFailureLog> failures) : failures_(std::move(failures)) {}
  AlertFailureLog& failures() { return *failures_; }
  void add(std::string name, std::unique_ptr<AlertSink> sink) { sinks_.emplace_back(std::move(name), std::move(sink)); }
  std::size_t size() const { return sinks_.size(); }
  void on_alert(const Alert& alert) override;

 private:
  std::unique_ptr<AlertFailureLog> failures_;  // declared first: destroyed after the sinks that report to it
  std::vector<std::pair<std::string, std::unique_ptr<AlertSink>>> sinks_;
};

}  // namespace orchsim::live
