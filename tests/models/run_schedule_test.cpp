// Cron fire times enumerated by hand from the calendar: simulated time 0 is Monday 2024-01-01
// 00:00:00 UTC (2024 is a leap year; 2024-01-07 is a Sunday).
#include <doctest/doctest.h>

#include <vector>

#include "models/run_schedule.h"

using namespace orchsim;
using namespace orchsim::models;

namespace {

CronExpression cron(const char* text, std::int32_t offset_s = 0) {
  CronParse p = parse_cron(text);
  REQUIRE_MESSAGE(p.cron.has_value(), p.error);
  p.cron->utc_offset_s = offset_s;
  return *p.cron;
}

// The first `n` fire times in hours from time 0, within a year.
std::vector<double> first_fires_h(const CronExpression& c, std::size_t n) {
  const SimTime until = SimTime::zero() + Duration::hours(24 * 800);
  std::vector<double> out;
  for (auto t = next_fire(c, SimTime::zero(), until); t && out.size() < n;
       t = next_fire(c, *t + Duration::seconds(1), until)) {
    out.push_back(t->since_start().to_hours());
  }
  return out;
}

std::string error_of(const char* text) { return parse_cron(text).error; }

}  // namespace

TEST_SUITE("models.run_schedule") {
  TEST_CASE("hourly on the hour fires at 0h, 1h, 2h, and 720 times in 30 days") {
    const CronExpression c = cron("0 0 * * * ?");
    CHECK(first_fires_h(c, 3) == std::vector<double>{0, 1, 2});
    const RunSchedule s{c, std::nullopt};
    CHECK(s.runs_per_day(Duration::hours(720)) == doctest::Approx(24));
  }

  TEST_CASE("weekdays at 09:30 skip the weekend of Jan 6-7") {
    // Mon Jan 1 .. Fri Jan 5 at 9.5 h into each day, then Mon Jan 8 (day 7).
    CHECK(first_fires_h(cron("0 30 9 ? * MON-FRI"), 6) == std::vector<double>{9.5, 33.5, 57.5, 81.5, 105.5, 177.5});
  }

  TEST_CASE("noon on the 1st of each month, through a leap February") {
    // Jan 1 12:00; Feb 1 = day 31; Mar 1 = day 31 + 29 = 60.
    CHECK(first_fires_h(cron("0 0 12 1 * ?"), 3) == std::vector<double>{12, 31 * 24 + 12, 60 * 24 + 12});
  }

  TEST_CASE("steps, lists, names and a year") {
    CHECK(first_fires_h(cron("*/20 * * * * ?"), 4) == std::vector<double>{0, 20.0 / 3600, 40.0 / 3600, 60.0 / 3600});
    CHECK(first_fires_h(cron("0 15/20 * * * ?"), 3) == std::vector<double>{0.25, 35.0 / 60, 55.0 / 60});
    // The first Sunday is Jan 7 (day 6), the next Jan 14; lower-case names are accepted.
    CHECK(first_fires_h(cron("0 0 0 ? jan,MAR SUN"), 2) == std::vector<double>{144, 312});
    // 2024 has 366 days.
    CHECK(first_fires_h(cron("0 0 0 1 1 ? 2025"), 2) == std::vector<double>{366 * 24});
  }

  TEST_CASE("a fixed offset moves local midnight: UTC+02:00 midnight is 22:00 UTC the day before") {
    // Time 0 is 02:00 local on Jan 1, so the first local midnight is Jan 2 00:00 local = 22 h.
    CHECK(first_fires_h(cron("0 0 0 * * ?", 7200), 2) == std::vector<double>{22, 46});
  }

  TEST_CASE("next_fire is at or after `from`, in whole seconds, and before `until`") {
    const CronExpression c = cron("0 0 * * * ?");
    const SimTime h1 = SimTime::zero() + Duration::hours(1);
    CHECK(next_fire(c, h1, h1 + Duration::hours(5)) == h1);
    CHECK(next_fire(c, h1 + Duration::micros(1), h1 + Duration::hours(5)) == h1 + Duration::hours(1));
    CHECK_FALSE(next_fire(c, h1 + Duration::micros(1), h1 + Duration::hours(1)).has_value());
  }

  TEST_CASE("unsupported and malformed expressions name the field and what is wrong") {
    CHECK(error_of("0 0 12 L * ?").find("'L' in the day-of-month field is not supported") != std::string::npos);
    CHECK(error_of("0 0 12 15W * ?").find("'15W' in the day-of-month field is not supported") != std::string::npos);
    CHECK(error_of("0 0 12 ? * 6#3").find("'6#3' in the day-of-week field is not supported") != std::string::npos);
    CHECK(error_of("0 0 12 ? * 5L").find("not supported") != std::string::npos);
    CHECK(error_of("0 0 25 * * ?") == "hours value 25 is out of range 0-23");
    CHECK(error_of("0 0 *").find("6 or 7 fields") != std::string::npos);
    CHECK(error_of("0 0 12 * * *").find("exactly one of day-of-month and day-of-week") != std::string::npos);
    CHECK(error_of("0 0 12 ? * FRI-MON").find("runs backwards") != std::string::npos);
    CHECK(error_of("0 0/0 12 ? * MON").find("step") != std::string::npos);
    CHECK(error_of("? 0 12 * * ?") == "'?' is allowed only in day-of-month or day-of-week");
  }

  TEST_CASE("time zones: UTC and fixed offsets only") {
    CHECK(parse_utc_offset("UTC") == 0);
    CHECK(parse_utc_offset("Etc/UTC") == 0);
    CHECK(parse_utc_offset("UTC+02:00") == 7200);
    CHECK(parse_utc_offset("-05:30") == -19800);
    CHECK(parse_utc_offset("GMT-8") == -28800);
    CHECK_FALSE(parse_utc_offset("America/New_York").has_value());
    CHECK_FALSE(parse_utc_offset("UTC+15").has_value());
    CHECK_FALSE(parse_utc_offset("UTC+2:5").has_value());
  }

  TEST_CASE("runs per day of a period and of Poisson arrivals") {
    // Every 90 min over 30 days: fires at 0, 1.5 h, …, 718.5 h = 480 runs, 16 a day.
    CHECK(RunSchedule{PeriodicSchedule{Duration::minutes(90)}, std::nullopt}.runs_per_day(Duration::hours(720)) ==
          doctest::Approx(16));
    CHECK(RunSchedule{PoissonArrivals{24}, std::nullopt}.runs_per_day(Duration::hours(720)) == 24);
  }
}
