// StdoutAlertSink: one line of text per alert on a stream (stdout for `orchsim exec`), flushed so
// it shows as it happens. A stream that fails is reported to the AlertFailureLog and cleared, and
// the pipeline goes on. Loop-thread affinity.
#pragma once

#include <ostream>

#include "engine/alerts.h"
#include "engine/live/alert_failure_log.h"
#include "engine/live/alert_format.h"

namespace orchsim::live {

class StdoutAlertSink final : public AlertSink {
 public:
  StdoutAlertSink(std::ostream& out, AlertFormat format, AlertFailureLog& failures)
      : out_(out), format_(format), failures_(failures) {}
  void on_alert(const Alert& alert) override;

 private:
  std::ostream& out_;
  AlertFormat format_;
  AlertFailureLog& failures_;
};

}  // namespace orchsim::live
