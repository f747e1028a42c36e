#include <doctest/doctest.h>

#include <vector>

#include "sim/simulated_runtime.h"

using namespace orchsim;

namespace {

struct Recorder final : TimerTarget {
  explicit Recorder(Runtime& r) : runtime(r) {}
  void on_timer(std::uint64_t payload) override { fired.push_back({payload, runtime.now()}); }
  Runtime& runtime;
  std::vector<std::pair<std::uint64_t, SimTime>> fired;
};

SimTime at(std::int64_t s) { return SimTime::zero() + Duration::seconds(s); }

}  // namespace

TEST_SUITE("sim.kernel") {
  TEST_CASE("events run in time order; equal times run FIFO by sequence") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    rt.schedule_at(at(5), r, 1);
    rt.schedule_at(at(2), r, 2);
    rt.schedule_at(at(5), r, 3);
    rt.schedule_at(at(2), r, 4);
    rt.schedule_at(at(5), r, 5);
    CHECK(rt.run() == 5);
    std::vector<std::uint64_t> order;
    for (auto& [p, t] : r.fired) order.push_back(p);
    CHECK(order == std::vector<std::uint64_t>{2, 4, 1, 3, 5});
    CHECK(r.fired.back().second == at(5));
    CHECK(rt.now() == at(5));
  }

  TEST_CASE("FIFO holds for many equal-time events interleaved with others") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    for (std::uint64_t i = 0; i < 1000; ++i) rt.schedule_at(at(static_cast<std::int64_t>(i % 3)), r, i);
    rt.run();
    REQUIRE(r.fired.size() == 1000);
    for (std::size_t i = 1; i < r.fired.size(); ++i) {
      const bool same_time = r.fired[i].second == r.fired[i - 1].second;
      if (same_time) CHECK(r.fired[i].first > r.fired[i - 1].first);
      else CHECK(r.fired[i].second > r.fired[i - 1].second);
    }
  }

  TEST_CASE("a cancelled event never fires; cancelling twice or after firing is refused") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    const TimerId a = rt.schedule_at(at(1), r, 1);
    const TimerId b = rt.schedule_at(at(2), r, 2);
    CHECK(rt.pending() == 2);
    CHECK(rt.cancel(b));
    CHECK(!rt.cancel(b));
    CHECK(rt.pending() == 1);
    rt.run();
    CHECK(r.fired.size() == 1);
    CHECK(r.fired[0].first == 1);
    CHECK(!rt.cancel(a));
    CHECK(!rt.cancel(TimerId{}));
  }

  TEST_CASE("a reused slot does not resurrect a cancelled id") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    const TimerId old_id = rt.schedule_at(at(1), r, 1);
    rt.cancel(old_id);
    const TimerId fresh = rt.schedule_at(at(1), r, 2);  // takes the freed slot
    CHECK(!(fresh == old_id));
    CHECK(!rt.cancel(old_id));
    rt.run();
    REQUIRE(r.fired.size() == 1);
    CHECK(r.fired[0].first == 2);
  }

  TEST_CASE("run_until stops at the horizon and advances the clock") {
    sim::SimulatedRuntime rt;
    Recorder r(rt);
    rt.schedule_at(at(1), r, 1);
    rt.schedule_at(at(3), r, 3);
    rt.schedule_at(at(4), r, 4);
    CHECK(rt.run_until(at(3)) == 2);
    CHECK(rt.now() == at(3));
    CHECK(rt.pending() == 1);
    rt.run_until(at(10));
    CHECK(rt.now() == at(10));
    CHECK(r.fired.size() == 3);
  }

  TEST_CASE("callbacks may schedule more events, including at the current time") {
    sim::SimulatedRuntime rt;
    struct Chain final : TimerTarget {
      explicit Chain(Runtime& r) : rt(r) {}
      void on_timer(std::uint64_t n) override {
        seen.push_back(n);
        if (n < 5) rt.post(*this, n + 1);
      }
      Runtime& rt;
      std::vector<std::uint64_t> seen;
    } chain(rt);
    rt.schedule_at(at(7), chain, 0);
    rt.run();
    CHECK(chain.seen == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5});
    CHECK(rt.now() == at(7));
  }
}
