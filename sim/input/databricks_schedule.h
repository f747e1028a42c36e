// A Databricks job's trigger as a scenario schedule (models/run_schedule.h), so that `compare` on an
// imported job also runs it over the horizon: `schedule.quartz_cron_expression` + `timezone_id`,
// and `trigger.periodic` {interval, unit}. Used by the job mapper (sim/input/databricks_job_mapper.cpp).
// Pure; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/run_schedule.h"

namespace orchsim::sim {

// None when orchsim cannot simulate the expression (L, W, #): `note` says so. A time zone other than
// UTC or a fixed offset is taken as UTC, and `note` says that too.
std::optional<models::RunSchedule> databricks_cron_schedule(std::string_view cron, std::string_view timezone,
                                                            std::string& note);
// `unit` HOURS, DAYS or WEEKS; none (and a note) otherwise.
std::optional<models::RunSchedule> databricks_periodic_schedule(std::int64_t interval, std::string_view unit,
                                                                std::string& note);

}  // namespace orchsim::sim
