// build_timeline, through run_replication: the bars of the seed-like pipeline under multi_job,
// times by hand (tests/sim/experiment/seed_like.h: 5 s trigger latency, 4m30s startups, A 20 min,
// B 15 min, C 10 min after both, each task on a job cluster of its own).
#include <doctest/doctest.h>

#include <set>
#include <tuple>
#include <vector>

#include "sim/experiment/timeline.h"
#include "sim/input/scenario_loader.h"
#include "tests/sim/experiment/seed_like.h"

using namespace orchsim;
using orchsim::testing::kSeedLike;

namespace {

SimTime at_s(std::int64_t s) { return SimTime::zero() + Duration::seconds(s); }

sim::Timeline timeline_of(const sim::ScenarioSpec& s, EventSink* observer = nullptr) {
  Diagnostics d;
  const auto dag = s.workload.dag(d);
  REQUIRE(dag);
  const auto deployment = models::plan(s.workload, *dag, s.strategies[0], s.catalog, s.world.pricing, d);
  REQUIRE(deployment);
  sim::Timeline t;
  sim::run_replication(*deployment, s.workload, s.world, 42, 0, observer, &t);
  return t;
}

}  // namespace

TEST_SUITE("sim.timeline_builder") {
  TEST_CASE("one job per task: a startup, a wait and a run per task, in the order they happened") {
    const sim::Timeline t = timeline_of(sim::parse_scenario(kSeedLike, "seed-like.yaml"));

    // A and B start 5 s in (the trigger), their clusters are up at 5 + 270 = 275; B ends at
    // 275 + 900 = 1175, A at 275 + 1200 = 1475; C starts 5 s later, at 1480, its cluster is up at
    // 1750 and it ends at 1750 + 600 = 2350, with the run.
    CHECK(t.end == at_s(2350));
    REQUIRE(t.lanes.size() == 3);
    REQUIRE(t.bars.size() == 9);
    CHECK(t.bars.capacity() == 9);  // kept until the reports: counted, not grown
    CHECK(t.retried.empty());
    for (std::uint32_t lane = 0; lane < 3; ++lane) {
      CHECK(t.bars[lane].kind() == sim::BarKind::kStartup);
      CHECK(t.bars[lane].lane() == lane);
      CHECK(t.bars[lane].end() - t.bars[lane].start() == Duration::seconds(270));
    }
    CHECK(t.bars[2].start() == at_s(1480));
    // A's and B's waits end together, in either order; then B's run, A's, C's wait and C's run.
    using Bar = std::tuple<sim::BarKind, std::uint32_t, SimTime, SimTime>;  // kind, task, start, end
    const auto bar = [&t](std::size_t i) {
      return Bar{t.bars[i].kind(), t.attempt_of(t.bars[i]).task, t.bars[i].start(), t.bars[i].end()};
    };
    CHECK(std::set{bar(3), bar(4)} == std::set{Bar{sim::BarKind::kWaiting, 0, at_s(5), at_s(275)},
                                               Bar{sim::BarKind::kWaiting, 1, at_s(5), at_s(275)}});
    CHECK(bar(5) == Bar{sim::BarKind::kRunning, 1, at_s(275), at_s(1175)});
    CHECK(bar(6) == Bar{sim::BarKind::kRunning, 0, at_s(275), at_s(1475)});
    CHECK(bar(7) == Bar{sim::BarKind::kWaiting, 2, at_s(1480), at_s(1750)});
    CHECK(bar(8) == Bar{sim::BarKind::kRunning, 2, at_s(1750), at_s(2350)});
    // Each task's bars are on its cluster's lane; C's cluster is the third requested.
    CHECK(t.bars[7].lane() == 2);
    CHECK(t.bars[8].lane() == 2);
    const std::uint32_t a_lane = t.bars[6].lane(), b_lane = t.bars[5].lane();
    CHECK(a_lane != b_lane);
    CHECK(t.bars[t.attempt_of(t.bars[3]).task == 0 ? 3 : 4].lane() == a_lane);
    CHECK(t.bars[t.attempt_of(t.bars[3]).task == 1 ? 3 : 4].lane() == b_lane);
    for (std::size_t i = 3; i < 9; ++i) CHECK(t.attempt_of(t.bars[i]).number == 1);
  }

  TEST_CASE("a task that always fails: each failure, then the wait for the next attempt on its lane") {
    const auto s = sim::parse_scenario(R"(
cluster: {startup: 4m30s}
workload:
  tasks:
    - {task_key: flaky, duration: 2m, cores: 4, failure_probability: 1, max_retries: 2, min_retry_interval: 10m}
strategies: [single_job_shared_cluster]
)", "flaky.yaml");
    Trace trace;
    const sim::Timeline t = timeline_of(s, &trace);
    // When each attempt started, ran and failed, from the engine's own events.
    std::vector<SimTime> starts, running, ends;
    for (const auto& e : trace.events()) {
      if (std::holds_alternative<AttemptStarted>(e.body)) starts.push_back(e.time);
      if (std::holds_alternative<AttemptRunning>(e.body)) running.push_back(e.time);
      if (std::holds_alternative<AttemptFinished>(e.body)) ends.push_back(e.time);
    }
    REQUIRE(starts.size() == 3);
    REQUIRE(running.size() == 3);
    REQUIRE(ends.size() == 3);
    // The first attempt waits for the startup; the retries find the cluster up and run at once.
    CHECK(running[0] - starts[0] == Duration::seconds(270));
    CHECK(running[1] == starts[1]);
    CHECK(running[2] == starts[2]);
    using Bar = std::tuple<sim::BarKind, std::uint32_t, std::uint32_t, SimTime, SimTime>;  // kind, lane, number, start, end
    std::vector<Bar> bars;
    for (const auto& b : t.bars) bars.emplace_back(b.kind(), b.lane(), t.attempt_of(b).number, b.start(), b.end());
    const sim::BarAttempt none;  // what a startup bar reports as its attempt
    CHECK(bars == std::vector<Bar>{{sim::BarKind::kStartup, 0, none.number, starts[0], running[0]},
                                   {sim::BarKind::kWaiting, 0, 1, starts[0], running[0]},
                                   {sim::BarKind::kFailed, 0, 1, running[0], ends[0]},
                                   {sim::BarKind::kRetryWait, 0, 2, ends[0], starts[1]},
                                   {sim::BarKind::kFailed, 0, 2, running[1], ends[1]},
                                   {sim::BarKind::kRetryWait, 0, 3, ends[1], starts[2]},
                                   {sim::BarKind::kFailed, 0, 3, running[2], ends[2]}});
    CHECK(t.retried.size() == 4);  // the bars of attempts #2 and #3
  }
}
