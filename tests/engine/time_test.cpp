#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "engine/time.h"

using orchsim::Duration;
using orchsim::SimTime;

TEST_SUITE("engine.time") {
  TEST_CASE("arithmetic saturates at the ends of the int64 range instead of overflowing") {
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    CHECK(Duration::max() + Duration::seconds(1) == Duration::max());
    CHECK(-Duration::max() - Duration::hours(1) == Duration::micros(kMin));
    CHECK(-Duration::micros(kMin) == Duration::max());
    CHECK(Duration::hours(kMax / 1000) == Duration::max());
    CHECK(Duration::hours(1) * kMax == Duration::max());
    CHECK(Duration::hours(1) * -kMax == Duration::micros(kMin));
    // 10^8 days is 8.64e18 us, inside the range; twice that is not.
    const Duration long_run = Duration::hours(24 * 100'000'000LL);
    CHECK(long_run.micros() == 8'640'000'000'000'000'000);
    CHECK(SimTime::zero() + long_run + long_run == SimTime::max());
    Duration sum = long_run;
    sum += long_run;
    CHECK(sum == Duration::max());
    CHECK(SimTime::max() - SimTime::zero() == Duration::max());
    // Real-valued durations clamp at 9.2e18 us, the last round number inside the range.
    CHECK(Duration::from_seconds(1e300).micros() == 9'200'000'000'000'000'000);
    CHECK(Duration::from_seconds(std::numeric_limits<double>::infinity()).micros() == 9'200'000'000'000'000'000);
    CHECK(Duration::from_seconds(-1e300).micros() == -9'200'000'000'000'000'000);
    CHECK(Duration::from_seconds(1.5) == Duration::millis(1500));
  }

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
