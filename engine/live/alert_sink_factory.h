// make_alert_sink: builds the sink `orchsim exec` gives the engine from a scenario's
// `alerts.destinations` (engine/alert_destination.h): a FanOutAlertSink over one stdout, JSONL or
// webhook sink per destination. Called once on the loop thread before the engine starts.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <span>

#include "engine/alert_destination.h"
#include "engine/job.h"
#include "engine/live/alert_failure_log.h"
#include "engine/live/fan_out_alert_sink.h"

namespace orchsim::live {

struct AlertSinkContext {
  std::span<const JobSpec> jobs;  // names in the messages
  std::int64_t epoch_unix_us = 0;  // wall-clock time of SimTime zero
  std::ostream* out = nullptr;     // kStdout destinations (required if there is one)
  std::ostream* err = nullptr;     // failure lines (required)
  AlertFailureHook on_failure;     // also told of each failure, from any thread (e.g. the run history)
};

std::unique_ptr<FanOutAlertSink> make_alert_sink(std::span<const AlertDestination> destinations,
                                                 const AlertSinkContext& context);

}  // namespace orchsim::live
