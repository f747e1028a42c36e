#include "sim/input/databricks_schedule.h"

#include <fmt/format.h>

namespace orchsim::sim {

std::optional<models::RunSchedule> databricks_cron_schedule(std::string_view cron, std::string_view timezone,
                                                            std::string& note) {
  models::CronParse parsed = models::parse_cron(cron);
  if (!parsed.cron) {
    note = fmt::format("schedule '{}' is not simulated over the horizon: {}", cron, parsed.error);
    return std::nullopt;
  }
  if (const auto offset = models::parse_utc_offset(timezone)) {
    parsed.cron->utc_offset_s = *offset;
    parsed.cron->timezone = std::string(timezone);
  } else {
    note = fmt::format("schedule time zone '{}' is taken as UTC (orchsim has no time-zone database): edit "
                       "schedule.timezone to its offset, e.g. UTC+01:00", timezone);
  }
  return models::RunSchedule{std::move(*parsed.cron), std::nullopt};
}

std::optional<models::RunSchedule> databricks_periodic_schedule(std::int64_t interval, std::string_view unit,
                                                                std::string& note) {
  const std::int64_t hours = unit == "HOURS" ? 1 : unit == "DAYS" ? 24 : unit == "WEEKS" ? 168 : 0;
  if (hours == 0) {
    note = fmt::format("periodic trigger unit '{}' is not simulated over the horizon", unit);
    return std::nullopt;
  }
  return models::RunSchedule{models::PeriodicSchedule{Duration::hours(hours * interval)}, std::nullopt};
}

}  // namespace orchsim::sim
