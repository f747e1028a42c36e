#include "engine/live/alert_format.h"

#include <chrono>

#include <fmt/format.h>

#include "engine/json_escape.h"

namespace orchsim::live {

std::string utc_iso8601(std::int64_t unix_us) {
  using namespace std::chrono;
  const sys_time<microseconds> t{microseconds(unix_us)};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<microseconds> hms{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(), hms.subseconds().count());
}

std::string AlertFormat::job_name(const Alert& alert) const {
  if (alert.job.valid() && alert.job.index() < jobs_.size()) return jobs_[alert.job.index()].name;
  return fmt::format("job {}", alert.job);
}

std::string AlertFormat::task_name(const Alert& alert) const {
  if (!alert.task.valid()) return {};
  if (alert.job.valid() && alert.job.index() < jobs_.size()) {
    const Dag& dag = jobs_[alert.job.index()].dag;
    if (alert.task.index() < dag.size()) return std::string(dag.key(alert.task));
  }
  return fmt::format("task {}", alert.task);
}

std::string AlertFormat::result(const Alert& alert) const {
  return alert.task.valid() ? to_string(alert.task_result) : to_string(alert.job_result);
}

std::string AlertFormat::time(const Alert& alert) const { return utc_iso8601(epoch_unix_us_ + alert.time.micros()); }

std::string AlertFormat::subject(const Alert& alert) const {
  const std::string task = task_name(alert);
  return fmt::format("{} {}{}{}", to_string(alert.kind), job_name(alert), task.empty() ? "" : ".", task);
}

std::string AlertFormat::text(const Alert& alert) const {
  const std::string attempt = alert.task.valid() ? fmt::format(" attempt {}", alert.attempt) : std::string();
  return fmt::format("{} alert {}{}: {} (run {})", time(alert), subject(alert), attempt, result(alert), alert.run);
}

std::string AlertFormat::json(const Alert& alert) const {
  const std::string task = alert.task.valid() ? json_string(task_name(alert)) : std::string("null");
  return fmt::format(
      R"({{"time_unix_us":{},"time":{},"kind":{},"job":{},"task":{},"attempt":{},"result":{},"run":{}}})",
      epoch_unix_us_ + alert.time.micros(), json_string(time(alert)), json_string(to_string(alert.kind)),
      json_string(job_name(alert)), task, alert.attempt, json_string(result(alert)), alert.run.value());
}

std::string AlertFormat::slack(const Alert& alert) const {
  return fmt::format(R"({{"text":{}}})", json_string(text(alert)));
}

}  // namespace orchsim::live
