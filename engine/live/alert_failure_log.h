// AlertFailureLog: where a sink reports an alert it could not deliver. A failing sink never fails
// the pipeline: the failure becomes one line on stderr and, through the hook the CLI wires, a row
// of the run history (RunHistory::Recorder::alert_delivery_failed). Thread-safe: the webhook sink
// reports from its worker thread, so the hook runs on that thread too and must post to the loop
// thread itself if it needs it.
#pragma once

#include <functional>
#include <mutex>
#include <ostream>
#include <string>

#include "engine/alerts.h"
#include "engine/live/alert_format.h"

namespace orchsim::live {

using AlertFailureHook = std::function<void(const Alert& alert, const std::string& sink, const std::string& error)>;

class AlertFailureLog {
 public:
  AlertFailureLog(std::ostream& err, AlertFormat format, AlertFailureHook hook = {})
      : err_(err), format_(format), hook_(std::move(hook)) {}
  // Any thread.
  void failed(const Alert& alert, const std::string& sink, const std::string& error);

 private:
  std::mutex mutex_;
  std::ostream& err_;
  AlertFormat format_;
  AlertFailureHook hook_;
};

}  // namespace orchsim::live
