#include "engine/live/alert_failure_log.h"

#include <exception>

#include <fmt/format.h>

namespace orchsim::live {

void AlertFailureLog::failed(const Alert& alert, const std::string& sink, const std::string& error) {
  const std::lock_guard lock(mutex_);
  err_ << fmt::format("warning: alert sink {} failed to deliver {}: {}\n", sink, format_.subject(alert), error)
       << std::flush;
  if (!hook_) return;
  try {
    hook_(alert, sink, error);
  } catch (const std::exception& e) {  // recording the failure must not fail the pipeline either
    err_ << fmt::format("warning: could not record that failure: {}\n", e.what()) << std::flush;
  }
}

}  // namespace orchsim::live
