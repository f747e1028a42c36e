// JsonlAlertSink: appends one JSON object per alert (AlertFormat::json) to a file, one per line,
// flushed line by line. The file is opened for each alert (alerts are rare), so a file moved away
// by log rotation is simply created again; a file that cannot be written is reported to the
// AlertFailureLog and the pipeline goes on. Loop-thread affinity.
#pragma once

#include <filesystem>

#include "engine/alerts.h"
#include "engine/live/alert_failure_log.h"
#include "engine/live/alert_format.h"

namespace orchsim::live {

class JsonlAlertSink final : public AlertSink {
 public:
  JsonlAlertSink(std::filesystem::path file, AlertFormat format, AlertFailureLog& failures)
      : file_(std::move(file)), format_(format), failures_(failures) {}
  void on_alert(const Alert& alert) override;

 private:
  std::filesystem::path file_;
  AlertFormat format_;
  AlertFailureLog& failures_;
};

}  // namespace orchsim::live
