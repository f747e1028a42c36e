// AlertFailureRecorder: carries alert-delivery failures, reported on any thread (the webhook sink's
// worker), to the loop thread and into the run history (RunHistory::Recorder::alert_delivery_failed),
// whose connection belongs to the loop thread. `orchsim exec` passes hook() as
// AlertSinkContext::on_failure. Order of life: create it before the sinks; after the loop ends,
// destroy the sinks (their drain may still report) and call flush().
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "engine/alerts.h"
#include "engine/live/alert_failure_log.h"
#include "engine/live/run_history.h"
#include "engine/live/wall_clock_runtime.h"

namespace orchsim::live {

class AlertFailureRecorder final : public TimerTarget {
 public:
  AlertFailureRecorder(WallClockRuntime& runtime, RunHistory::Recorder& recorder)
      : runtime_(runtime), recorder_(recorder) {}
  // Any thread: queues the failure and wakes the loop.
  AlertFailureHook hook();
  // Loop thread: writes the queued failures.
  void on_timer(std::uint64_t) override { flush(); }
  void flush();

 private:
  struct Failure {
    Alert alert;
    std::string sink;
    std::string error;
  };
  WallClockRuntime& runtime_;
  RunHistory::Recorder& recorder_;
  std::mutex mutex_;
  std::vector<Failure> pending_;
};

}  // namespace orchsim::live
