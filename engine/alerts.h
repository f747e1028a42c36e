// Alerts: which notifications a job or task asks for (Notifications), what an alert is (Alert),
// the de-duplication / rate limit that keeps one incident from becoming a storm (AlertGate), and
// the AlertSink seam. The Engine decides when an alert is due (docs/model.md §9) and
// passes it through its AlertGate; admitted alerts go to the AlertSink and are also emitted as
// AlertRaised engine events (in simulation, alerts are recorded events with their time). Real
// sinks (stdout, JSONL file, webhook) live in engine/live/. Loop-thread affinity.
//
// Semantics, where the Databricks docs leave room:
//  - on_failure fires on FAILED, TIMEDOUT and INTERNAL_ERROR results (and, for a job run, on
//    MAXIMUM_CONCURRENT_RUNS_REACHED unless no_alert_for_skipped_runs, and on CANCELED unless
//    no_alert_for_canceled_runs). Skipped task results (UPSTREAM_FAILED, EXCLUDED) raise nothing.
//  - Task level, without alert_on_last_attempt: on_start for every attempt and on_failure for
//    every failed attempt (one that will be retried too); with it: on_start only for the first
//    attempt and on_failure only for the task's final failure.
//  - on_retry (superset) fires when a retry is scheduled.
//  - on_duration_warning fires once per task run / job run whose duration exceeds the threshold
//    while it is still running (health rule RUN_DURATION_SECONDS > x).
//  - Dedup: an alert with the same (job, task, kind) as one admitted less than `dedup_window`
//    ago is suppressed. Rate limit: at most `max_per_window` admitted alerts per `rate_window`
//    (sliding) per engine. Suppressed alerts are counted and emitted as AlertSuppressed events.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

#include "engine/ids.h"
#include "engine/run_result.h"
#include "engine/time.h"

namespace orchsim {

struct Notifications {
  bool on_start = false;
  bool on_success = false;
  bool on_failure = false;
  bool on_retry = false;
  std::optional<Duration> duration_warning;  // alert when a run lasts longer than this
  bool alert_on_last_attempt = false;        // task level
  bool no_alert_for_skipped_runs = false;    // job level
  bool no_alert_for_canceled_runs = false;   // job and task level

  bool any() const { return on_start || on_success || on_failure || on_retry || duration_warning.has_value(); }
  bool operator==(const Notifications&) const = default;
};

enum class AlertKind : std::uint8_t { kStart, kSuccess, kFailure, kRetry, kDurationWarning };
const char* to_string(AlertKind kind);

struct Alert {
  SimTime time;
  AlertKind kind = AlertKind::kStart;
  JobId job;
  RunId run;
  TaskId task;                // invalid for a job-level alert
  std::uint32_t attempt = 0;  // task level: the attempt number concerned (0 for job level)
  TaskResult task_result = TaskResult::kNone;
  JobResult job_result = JobResult::kNone;
};

class AlertSink {
 public:
  virtual ~AlertSink() = default;
  virtual void on_alert(const Alert& alert) = 0;
};

// Keeps every alert, in order (simulation, tests).
class RecordingAlertSink final : public AlertSink {
 public:
  void on_alert(const Alert& alert) override { alerts_.push_back(alert); }
  const std::vector<Alert>& alerts() const { return alerts_; }

 private:
  std::vector<Alert> alerts_;
};

struct AlertPolicy {
  Duration dedup_window = Duration::zero();  // zero: no de-duplication
  std::optional<std::uint32_t> max_per_window;
  Duration rate_window = Duration::hours(1);
};

// Dedup and rate limiting. Touched only when an alert is due (rare), so its hash map is off the
// dispatch path; lookups only, never iterated, so it cannot affect determinism.
class AlertGate {
 public:
  explicit AlertGate(AlertPolicy policy = {}) : policy_(policy) {}
  // True if `alert` should be delivered; records it as delivered then.
  bool admit(const Alert& alert);
  std::uint64_t suppressed() const { return suppressed_; }

 private:
  AlertPolicy policy_;
  std::unordered_map<std::uint64_t, SimTime> last_;
  std::deque<SimTime> window_;
  std::uint64_t suppressed_ = 0;
};

}  // namespace orchsim
