#include <doctest/doctest.h>

#include "engine/time.h"

using orchsim::Duration;
using orchsim::SimTime;

TEST_SUITE("engine.time") {
  TEST_CASE("durations are exact integers of microseconds") {
    CHECK(Duration::minutes(4).micros() == 240'000'000);
    CHECK(Duration::seconds(90) + Duration::millis(500) == Duration::micros(90'500'000));
    CHECK(Duration::from_seconds(1.0000004) == Duration::micros(1'000'000));
    CHECK(Duration::hours(1) - Duration::minutes(30) == Duration::minutes(30));
    CHECK(SimTime::zero() + Duration::seconds(3) - SimTime::zero() == Duration::seconds(3));
  }

  TEST_CASE("formatting is exact and shortest") {
    CHECK(fmt::format("{}", Duration::zero()) == "0s");
    CHECK(fmt::format("{}", Duration::micros(7)) == "7us");
    CHECK(fmt::format("{}", Duration::millis(250)) == "250ms");
    CHECK(fmt::format("{}", Duration::micros(1500)) == "1.5ms");
    CHECK(fmt::format("{}", Duration::seconds(45)) == "45s");
    CHECK(fmt::format("{}", Duration::seconds(270)) == "4m30s");
    CHECK(fmt::format("{}", Duration::seconds(245)) == "4m05s");
    CHECK(fmt::format("{}", Duration::minutes(5)) == "5m");
    CHECK(fmt::format("{}", Duration::hours(1) + Duration::minutes(2) + Duration::millis(3500)) == "1h02m03.5s");
    CHECK(fmt::format("{}", -Duration::seconds(2)) == "-2s");
    CHECK(fmt::format("{}", SimTime::zero() + Duration::seconds(90)) == "t+1m30s");
  }
}
