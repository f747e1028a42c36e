// AttemptLog: what it keeps of each attempt reads back as it was given, whatever column, block or
// side table holds it.
#include <doctest/doctest.h>

#include <vector>

#include "engine/check.h"
#include "sim/experiment/attempt_log.h"
#include "tests/engine/harness.h"

using namespace orchsim;
using orchsim::testing::job_of;

namespace {

SimTime at_s(std::int64_t s) { return SimTime::zero() + Duration::seconds(s); }

// One job: task 0 runs on compute 2, task 1 on compute 0. Run 4 runs it.
struct OneJob {
  std::vector<JobSpec> jobs{job_of({{.key = "a", .compute = ComputeId(2)}, {.key = "b", .compute = ComputeId(0)}})};
  sim::AttemptLog log{jobs};
  const RunId run{4};
  OneJob() { log.set_job(run, JobId(0)); }
};

}  // namespace

TEST_SUITE("sim.attempt_log") {
  TEST_CASE("an attempt's times, ids and result read back as recorded; its compute is its task's") {
    OneJob o;
    o.log.start(AttemptId(0), o.run, TaskId(0), ComputeId(2), 0, 1, at_s(10));
    o.log.running(AttemptId(0), at_s(12));
    o.log.finished(AttemptId(0), at_s(20), AttemptResult::success());
    o.log.start(AttemptId(1), o.run, TaskId(1), ComputeId(0), 0, 1, at_s(10));
    REQUIRE(o.log.size() == 2);
    CHECK(o.log.run(0) == o.run);
    CHECK(o.log.task(0) == TaskId(0));
    CHECK(o.log.compute(0) == ComputeId(2));
    CHECK(o.log.compute(1) == ComputeId(0));
    CHECK(o.log.unit(0) == 0);
    CHECK(o.log.number(0) == 1);
    CHECK(o.log.started(0) == at_s(10));
    CHECK(o.log.running(0) == at_s(12));
    CHECK(o.log.finished(0) == at_s(20));
    CHECK(o.log.result(0).succeeded);
    CHECK(o.log.started(1) == at_s(10));
  }

  TEST_CASE("times not reached yet are absent; a failure keeps its kind") {
    OneJob o;
    o.log.start(AttemptId(0), o.run, TaskId(0), ComputeId(2), 0, 1, at_s(5));
    CHECK_FALSE(o.log.running(0));
    CHECK_FALSE(o.log.finished(0));
    // Finished without running (canceled while waiting for its cluster).
    o.log.finished(AttemptId(0), at_s(5), AttemptResult::failed(FailureKind::kCanceled));
    CHECK_FALSE(o.log.running(0));
    CHECK(o.log.finished(0) == at_s(5));
    CHECK_FALSE(o.log.result(0).succeeded);
    CHECK(o.log.result(0).failure == FailureKind::kCanceled);
  }

  TEST_CASE("a time more than 2^32 µs (71 min 35 s) after the start reads back exactly") {
    OneJob o;
    o.log.start(AttemptId(0), o.run, TaskId(0), ComputeId(2), 0, 1, at_s(100));
    // 4294 s is under 2^32 µs = 4294.967296 s, 4295 s over it.
    o.log.running(AttemptId(0), at_s(100 + 4294));
    o.log.finished(AttemptId(0), at_s(100 + 4295), AttemptResult::failed(FailureKind::kClusterLost));
    CHECK(o.log.running(0) == at_s(4394));
    CHECK(o.log.finished(0) == at_s(4395));
    CHECK(o.log.result(0).failure == FailureKind::kClusterLost);
    o.log.start(AttemptId(1), o.run, TaskId(0), ComputeId(2), 0, 2, at_s(100));
    o.log.finished(AttemptId(1), at_s(3 * 24 * 3600), AttemptResult::failed(FailureKind::kGateFailed));
    CHECK(o.log.finished(1) == at_s(3 * 24 * 3600));
    CHECK(o.log.result(1).failure == FailureKind::kGateFailed);
  }

  TEST_CASE("starts far apart, and more of them than a block holds, read back exactly") {
    OneJob o;
    // Attempt i starts at i s: past 4096 attempts a block is full, past 4295 s from a block's
    // first start its offset no longer fits; then one 10 days later, and one a second after it.
    for (std::uint32_t i = 0; i < 9000; ++i) o.log.start(AttemptId(i), o.run, TaskId(1), ComputeId(0), 0, 1, at_s(i));
    const std::int64_t later = 9000 + 10 * 24 * 3600;
    o.log.start(AttemptId(9000), o.run, TaskId(1), ComputeId(0), 0, 1, at_s(later));
    o.log.start(AttemptId(9001), o.run, TaskId(1), ComputeId(0), 0, 1, at_s(later + 1));
    o.log.running(AttemptId(9001), at_s(later + 3));
    for (std::uint32_t i = 0; i < 9000; ++i) REQUIRE(o.log.started(i) == at_s(i));
    CHECK(o.log.started(9000) == at_s(later));
    CHECK(o.log.started(9001) == at_s(later + 1));
    CHECK(o.log.running(9001) == at_s(later + 3));
  }

  TEST_CASE("units and numbers other than 0 and 1 are found by attempt among plain ones") {
    OneJob o;
    // Attempts 0 and 3 plain, 1 a for_each iteration (unit 1 + 2), 2 a retry (number 2), 4 both.
    const std::uint32_t units[] = {0, 3, 0, 0, 5}, numbers[] = {1, 1, 2, 1, 3};
    for (std::uint32_t id = 0; id < 5; ++id) {
      o.log.start(AttemptId(id), o.run, TaskId(1), ComputeId(0), units[id], numbers[id], at_s(id));
    }
    for (std::uint32_t id = 0; id < 5; ++id) {
      CHECK(o.log.unit(id) == units[id]);
      CHECK(o.log.number(id) == numbers[id]);
    }
  }

  TEST_CASE("attempts start in AttemptId and time order, on their task's compute; jobs are invalid until set") {
    OneJob o;
    CHECK_THROWS_AS(o.log.start(AttemptId(1), o.run, TaskId(0), ComputeId(2), 0, 1, at_s(0)), InvariantError);
    CHECK_THROWS_AS(o.log.start(AttemptId(0), o.run, TaskId(0), ComputeId(0), 0, 1, at_s(0)), InvariantError);
    sim::AttemptLog log(o.jobs);
    log.set_job(RunId(0), JobId(0));
    log.start(AttemptId(0), RunId(0), TaskId(0), ComputeId(2), 0, 1, at_s(5));
    CHECK_THROWS_AS(log.start(AttemptId(1), RunId(0), TaskId(0), ComputeId(2), 0, 1, at_s(4)), InvariantError);
    CHECK(o.log.job_of(o.run) == JobId(0));
    CHECK_FALSE(o.log.job_of(RunId(2)).valid());
    CHECK_FALSE(o.log.job_of(RunId(9)).valid());
  }
}
