#include "engine/live/alert_failure_recorder.h"

namespace orchsim::live {

AlertFailureHook AlertFailureRecorder::hook() {
  return [this](const Alert& alert, const std::string& sink, const std::string& error) {
    {
      const std::lock_guard lock(mutex_);
      pending_.push_back({alert, sink, error});
    }
    runtime_.post_from_any_thread(*this, 0);
  };
}

void AlertFailureRecorder::flush() {
  std::vector<Failure> failures;
  {
    const std::lock_guard lock(mutex_);
    failures.swap(pending_);
  }
  for (const Failure& f : failures) recorder_.alert_delivery_failed(f.alert, f.sink, f.error);
}

}  // namespace orchsim::live
