// `import` writes a scenario's schedule and horizon_replications so that they load back the same.
#include <doctest/doctest.h>

#include <variant>

#include "reports/scenario_yaml_writer.h"
#include "sim/input/scenario_loader.h"

using namespace orchsim;

namespace {

sim::ScenarioSpec round_trip(const std::string& schedule_lines) {
  const sim::ScenarioSpec s = sim::parse_scenario(
      "workload:\n  tasks: [{task_key: a, duration: 1m}]\nstrategies: [multi_job]\n" + schedule_lines, "s.yaml");
  reports::ScenarioParts parts{.source = "s.yaml", .name = s.name, .description = s.description,
                               .seed = s.experiment.seed, .replications = s.experiment.replications,
                               .workload = s.workload, .catalog = s.catalog, .world = s.world,
                               .strategies = s.strategies};
  parts.schedule = s.schedule ? &*s.schedule : nullptr;
  parts.horizon_replications = s.experiment.horizon_replications;
  return sim::parse_scenario(reports::scenario_yaml(parts), "back.yaml");
}

}  // namespace

TEST_SUITE("reports.schedule_yaml") {
  TEST_CASE("cron with a time zone and a deadline, and the horizon replications") {
    const auto back = round_trip("schedule: {cron: \"0 30 6 ? * MON-FRI\", timezone: \"UTC+01:00\", deadline: 45m}\n"
                                 "horizon_replications: 7\n");
    REQUIRE(back.schedule.has_value());
    const auto& cron = std::get<models::CronExpression>(back.schedule->trigger);
    CHECK(cron.text == "0 30 6 ? * MON-FRI");
    CHECK(cron.utc_offset_s == 3600);
    CHECK(back.schedule->deadline == Duration::minutes(45));
    CHECK(back.experiment.horizon_replications == 7);
  }

  TEST_CASE("periodic and Poisson; no schedule stays none") {
    CHECK(std::get<models::PeriodicSchedule>(round_trip("schedule: {every: 90m}\n").schedule->trigger).every ==
          Duration::minutes(90));
    CHECK(std::get<models::PoissonArrivals>(round_trip("schedule: {arrivals: poisson, per_day: 2.5}\n").schedule->trigger)
              .per_day == 2.5);
    CHECK_FALSE(round_trip("").schedule.has_value());
  }
}
