// A Databricks job's schedule or periodic trigger as the scenario's schedule.
#include <doctest/doctest.h>

#include <variant>

#include "sim/input/databricks_schedule.h"

using namespace orchsim;

TEST_SUITE("sim.databricks_schedule") {
  TEST_CASE("a Quartz schedule keeps a fixed offset; a named zone is taken as UTC, with a note") {
    std::string note;
    const auto fixed = sim::databricks_cron_schedule("0 30 2 * * ?", "UTC+01:00", note);
    REQUIRE(fixed.has_value());
    CHECK(std::get<models::CronExpression>(fixed->trigger).utc_offset_s == 3600);
    CHECK(note.empty());
    const auto paris = sim::databricks_cron_schedule("0 30 2 * * ?", "Europe/Paris", note);
    REQUIRE(paris.has_value());
    CHECK(std::get<models::CronExpression>(paris->trigger).utc_offset_s == 0);
    CHECK(note.find("'Europe/Paris' is taken as UTC") != std::string::npos);
  }

  TEST_CASE("an expression orchsim cannot simulate is left out, with a note") {
    std::string note;
    CHECK_FALSE(sim::databricks_cron_schedule("0 0 12 L * ?", "UTC", note).has_value());
    CHECK(note.find("not simulated") != std::string::npos);
  }

  TEST_CASE("trigger.periodic: interval × unit") {
    std::string note;
    const auto every = sim::databricks_periodic_schedule(2, "DAYS", note);
    REQUIRE(every.has_value());
    CHECK(std::get<models::PeriodicSchedule>(every->trigger).every == Duration::hours(48));
    CHECK(std::get<models::PeriodicSchedule>(sim::databricks_periodic_schedule(3, "WEEKS", note)->trigger).every ==
          Duration::hours(504));
    CHECK_FALSE(sim::databricks_periodic_schedule(1, "FORTNIGHTS", note).has_value());
  }
}
