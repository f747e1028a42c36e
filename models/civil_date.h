// CivilDate: a day of the proleptic Gregorian calendar, from a count of days since 1970-01-01
// (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"). Used by the cron schedule
// (models/run_schedule) and by the system-table timestamps of reports/run_history_writer. Pure.
#pragma once

#include <cstdint>

namespace orchsim::models {

struct CivilDate {
  std::int64_t year = 1970;
  unsigned month = 1;  // 1–12
  unsigned day = 1;    // 1–31
};

CivilDate civil_from_days(std::int64_t days_since_epoch);

}  // namespace orchsim::models
