// Live-mode runtime: real time, so bounds are generous and the delays tiny.
#include <doctest/doctest.h>

#include <vector>

#include "engine/live/wall_clock_runtime.h"

using namespace orchsim;

TEST_SUITE("engine.live") {
  TEST_CASE("timers fire in time order, FIFO at equal times, and cancelled ones never") {
    live::WallClockRuntime rt;
    struct Recorder final : TimerTarget {
      void on_timer(std::uint64_t p) override { fired.push_back(p); }
      std::vector<std::uint64_t> fired;
    } r;
    const SimTime t0 = rt.now();
    rt.schedule_at(t0 + Duration::millis(20), r, 3);
    rt.schedule_at(t0 + Duration::millis(5), r, 1);
    rt.schedule_at(t0 + Duration::millis(5), r, 2);
    const TimerId dropped = rt.schedule_at(t0 + Duration::millis(10), r, 99);
    CHECK(rt.cancel(dropped));
    rt.run([] { return false; });
    CHECK(r.fired == std::vector<std::uint64_t>{1, 2, 3});
    CHECK(rt.now() - t0 >= Duration::millis(20));
  }
}
