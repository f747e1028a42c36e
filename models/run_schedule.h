// RunSchedule: when a scheduled pipeline's runs are triggered over a horizon: a Quartz cron
// expression in a fixed-offset time zone (Databricks `schedule.quartz_cron_expression`), a fixed
// period (Databricks `trigger.periodic`), or Poisson arrivals. Simulated time 0 is the calendar
// instant kScheduleEpoch (Monday 2024-01-01 00:00:00 UTC). Parsed by sim/input/schedule_reader.h,
// run by sim/experiment/horizon_replication.h. Pure value types and functions; no thread affinity.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "engine/time.h"

namespace orchsim::models {

// Seconds since 1970-01-01 UTC of simulated time 0: Monday 2024-01-01 00:00:00 UTC.
inline constexpr std::int64_t kScheduleEpoch = 1'704'067'200;

// A Quartz cron expression: seconds minutes hours day-of-month month day-of-week [year], each field
// numbers, `*`, lists, ranges and steps; month and day names; `?` in exactly one day field. The
// bits are the allowed values (day-of-month 1..31, month 1..12, day-of-week 1..7 = SUN..SAT).
struct CronExpression {
  std::bitset<60> seconds;
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days_of_month;
  std::bitset<13> months;
  std::bitset<8> days_of_week;
  std::bitset<130> years;  // year - 1970; all set when the field is absent
  bool any_day_of_month = false;  // `?` (or `*`): only the day-of-week field restricts days
  bool any_day_of_week = false;
  std::int32_t utc_offset_s = 0;  // local time = UTC + offset
  std::string text;               // as written, for reports and export
  std::string timezone = "UTC";
};

// A cron expression parsed, or what is wrong with it (naming the field and what is unsupported).
struct CronParse {
  std::optional<CronExpression> cron;
  std::string error;
};
CronParse parse_cron(std::string_view text);

// "UTC", "GMT", "Z", "Etc/UTC", "UTC+02:00", "UTC-5", "+05:30": the offset in seconds east of
// UTC; nullopt for anything else (orchsim has no time-zone database, so no daylight saving).
std::optional<std::int32_t> parse_utc_offset(std::string_view zone);

// The first fire time at or after `from` (whole seconds), or nullopt when none is before `until`.
std::optional<SimTime> next_fire(const CronExpression& cron, SimTime from, SimTime until);

struct PeriodicSchedule {
  Duration every;  // runs at 0, every, 2·every, …
};
struct PoissonArrivals {
  double per_day = 0;  // mean arrivals per day, exponential gaps
};

struct RunSchedule {
  std::variant<CronExpression, PeriodicSchedule, PoissonArrivals> trigger;
  std::optional<Duration> deadline;  // a run ending later than this after its trigger is a miss

  // "cron 0 0 * * * ? (UTC)", "every 1h", "poisson 24/day": for reports.
  std::string describe() const;
  // Expected runs per day over `horizon`: what a pool's standing cost is amortised over.
  double runs_per_day(Duration horizon) const;
};

}  // namespace orchsim::models
