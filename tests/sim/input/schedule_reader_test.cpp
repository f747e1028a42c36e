// The `schedule` and `horizon_replications` keys: what loads, and every mistake at its line:col.
#include <doctest/doctest.h>

#include <variant>

#include "sim/input/scenario_loader.h"
#include "tests/sim/input/scenario_errors.h"

using namespace orchsim;
using orchsim::testing::errors_of;

namespace {

std::string with(const std::string& lines) {
  return "workload:\n  tasks: [{task_key: a, duration: 1m}]\nstrategies: [multi_job]\n" + lines;
}

}  // namespace

TEST_SUITE("sim.schedule_reader") {
  TEST_CASE("a cron schedule in a fixed offset, a deadline and horizon replications load") {
    const auto s = sim::parse_scenario(
        with("schedule: {cron: \"0 30 9 ? * MON-FRI\", timezone: \"UTC+02:00\", deadline: 45m}\n"
             "horizon_replications: 5\n"),
        "s.yaml");
    REQUIRE(s.schedule.has_value());
    const auto& cron = std::get<models::CronExpression>(s.schedule->trigger);
    CHECK(cron.utc_offset_s == 7200);
    CHECK(cron.hours[9]);
    CHECK(s.schedule->deadline == Duration::minutes(45));
    CHECK(s.experiment.horizon_replications == 5);
  }

  TEST_CASE("periodic and Poisson schedules; none by default, with 20 horizon replications") {
    const auto every = sim::parse_scenario(with("schedule: {every: 1h}\n"), "s.yaml");
    CHECK(std::get<models::PeriodicSchedule>(every.schedule->trigger).every == Duration::hours(1));
    const auto poisson = sim::parse_scenario(with("schedule: {arrivals: poisson, per_day: 24}\n"), "s.yaml");
    CHECK(std::get<models::PoissonArrivals>(poisson.schedule->trigger).per_day == 24);
    const auto none = sim::parse_scenario(with(""), "s.yaml");
    CHECK_FALSE(none.schedule.has_value());
    CHECK(none.experiment.horizon_replications == 20);
  }

  TEST_CASE("mistakes are reported at their line:col") {
    CHECK(errors_of(with("schedule:\n  cron: \"0 0 12 L * ?\"\n")) ==
          std::vector<std::string>{"s.yaml:5:9: schedule.cron '0 0 12 L * ?': 'L' in the day-of-month field is not "
                                   "supported (orchsim supports numbers, *, ?, lists, ranges, steps and names; not L, "
                                   "W or #)"});
    const auto zone = errors_of(with("schedule:\n  cron: \"0 0 * * * ?\"\n  timezone: America/New_York\n"));
    REQUIRE(zone.size() == 1);
    CHECK(zone[0].starts_with("s.yaml:6:13: time zone 'America/New_York' is not supported"));
    const auto both = errors_of(with("schedule: {every: 1h, cron: \"0 0 * * * ?\"}\n"));
    REQUIRE(both.size() == 1);
    CHECK(both[0].starts_with("s.yaml:4:11: a schedule has exactly one of"));
    CHECK(errors_of(with("schedule: {every: 0s}\n")) ==
          std::vector<std::string>{"s.yaml:4:19: schedule.every must be at least 1s"});
    CHECK(errors_of(with("schedule: {arrivals: uniform, per_day: 3}\n")) ==
          std::vector<std::string>{"s.yaml:4:22: arrivals must be 'poisson', got 'uniform'"});
    CHECK(errors_of(with("schedule: {arrivals: poisson}\n")) ==
          std::vector<std::string>{"s.yaml:4:11: arrivals: poisson needs 'per_day'"});
    const auto typo = errors_of(with("schedule: {evry: 1h}\n"));
    REQUIRE(typo.size() == 2);
    CHECK(typo[0] == "s.yaml:4:12: unknown key 'evry' (did you mean 'every'?)");
    CHECK(errors_of(with("horizon_replications: 0\n")).size() == 1);
  }
}
