// AttemptLog: what it keeps of each attempt reads back as it was given, whatever column or side
// table holds it.
#include <doctest/doctest.h>

#include "engine/check.h"
#include "sim/experiment/attempt_log.h"

using namespace orchsim;

namespace {

SimTime at_s(std::int64_t s) { return SimTime::zero() + Duration::seconds(s); }

}  // namespace

TEST_SUITE("sim.attempt_log") {
  TEST_CASE("an attempt's times, ids and result read back as recorded") {
    sim::AttemptLog log;
    log.start(AttemptId(0), RunId(4), TaskId(7), ComputeId(2), 0, 1, at_s(10));
    log.running(AttemptId(0), at_s(12));
    log.finished(AttemptId(0), at_s(20), AttemptResult::success());
    REQUIRE(log.size() == 1);
    CHECK(log.run(0) == RunId(4));
    CHECK(log.task(0) == TaskId(7));
    CHECK(log.compute(0) == ComputeId(2));
    CHECK(log.unit(0) == 0);
    CHECK(log.number(0) == 1);
    CHECK(log.started(0) == at_s(10));
    CHECK(log.running(0) == at_s(12));
    CHECK(log.finished(0) == at_s(20));
    CHECK(log.result(0).succeeded);
  }

  TEST_CASE("times not reached yet are absent; an attempt without a compute keeps it invalid") {
    sim::AttemptLog log;
    log.start(AttemptId(0), RunId(0), TaskId(0), ComputeId(), 0, 1, at_s(5));
    CHECK_FALSE(log.running(0));
    CHECK_FALSE(log.finished(0));
    CHECK_FALSE(log.compute(0).valid());
    // Finished without running (canceled while waiting for its cluster).
    log.finished(AttemptId(0), at_s(5), AttemptResult::failed(FailureKind::kCanceled));
    CHECK_FALSE(log.running(0));
    CHECK(log.finished(0) == at_s(5));
    CHECK_FALSE(log.result(0).succeeded);
    CHECK(log.result(0).failure == FailureKind::kCanceled);
  }

  TEST_CASE("a time more than 2^32 µs (71 min 35 s) after the start reads back exactly") {
    sim::AttemptLog log;
    log.start(AttemptId(0), RunId(0), TaskId(0), ComputeId(0), 0, 1, at_s(100));
    // 4294 s is under 2^32 µs = 4294.967296 s, 4295 s over it.
    log.running(AttemptId(0), at_s(100 + 4294));
    log.finished(AttemptId(0), at_s(100 + 4295), AttemptResult::failed(FailureKind::kClusterLost));
    CHECK(log.running(0) == at_s(4394));
    CHECK(log.finished(0) == at_s(4395));
    CHECK(log.result(0).failure == FailureKind::kClusterLost);
    log.start(AttemptId(1), RunId(0), TaskId(0), ComputeId(0), 0, 2, at_s(0));
    log.finished(AttemptId(1), at_s(3 * 24 * 3600), AttemptResult::failed(FailureKind::kGateFailed));
    CHECK(log.finished(1) == at_s(3 * 24 * 3600));
    CHECK(log.result(1).failure == FailureKind::kGateFailed);
  }

  TEST_CASE("units and numbers other than 0 and 1 are found by attempt among plain ones") {
    sim::AttemptLog log;
    // Attempts 0 and 3 plain, 1 a for_each iteration (unit 1 + 2), 2 a retry (number 2), 4 both.
    const std::uint32_t units[] = {0, 3, 0, 0, 5}, numbers[] = {1, 1, 2, 1, 3};
    for (std::uint32_t id = 0; id < 5; ++id) {
      log.start(AttemptId(id), RunId(0), TaskId(id), ComputeId(0), units[id], numbers[id], at_s(id));
    }
    for (std::uint32_t id = 0; id < 5; ++id) {
      CHECK(log.unit(id) == units[id]);
      CHECK(log.number(id) == numbers[id]);
      CHECK(log.task(id) == TaskId(id));
    }
  }

  TEST_CASE("attempts must start in AttemptId order; runs' jobs are invalid until set") {
    sim::AttemptLog log;
    CHECK_THROWS_AS(log.start(AttemptId(1), RunId(0), TaskId(0), ComputeId(0), 0, 1, at_s(0)), InvariantError);
    log.set_job(RunId(3), JobId(1));
    CHECK(log.job_of(RunId(3)) == JobId(1));
    CHECK_FALSE(log.job_of(RunId(2)).valid());
    CHECK_FALSE(log.job_of(RunId(9)).valid());
  }
}
