// AlertFormat: how `orchsim exec`'s alert sinks write an alert: a line of text (stdout, Slack) and
// a JSON object (JSONL file, webhook). Names jobs and tasks from the JobSpecs and dates the alert
// in UTC from the wall-clock time of SimTime zero. Pure; called from the loop thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "engine/alerts.h"
#include "engine/job.h"

namespace orchsim::live {

class AlertFormat {
 public:
  AlertFormat(std::span<const JobSpec> jobs, std::int64_t epoch_unix_us) : jobs_(jobs), epoch_unix_us_(epoch_unix_us) {}

  // "2026-12-05T14:00:00.250000Z alert on_failure etl.refine attempt 2: FAILED (run 0)"
  std::string text(const Alert& alert) const;
  // {"time_unix_us":…,"time":"…Z","kind":"on_failure","job":"etl","task":"refine","attempt":2,
  //  "result":"FAILED","run":0}; "task" is null for a job-level alert.
  std::string json(const Alert& alert) const;
  // Slack's incoming-webhook body: {"text":"<text(alert)>"}.
  std::string slack(const Alert& alert) const;
  // What an alert is about, for failure messages: "on_failure etl.refine".
  std::string subject(const Alert& alert) const;

 private:
  std::string job_name(const Alert& alert) const;
  std::string task_name(const Alert& alert) const;  // "" for a job-level alert
  std::string result(const Alert& alert) const;
  std::string time(const Alert& alert) const;

  std::span<const JobSpec> jobs_;
  std::int64_t epoch_unix_us_;
};

// Microseconds since the unix epoch as ISO 8601 UTC with microseconds: "1970-01-01T00:00:00.000000Z".
std::string utc_iso8601(std::int64_t unix_us);

}  // namespace orchsim::live
