// TimelineRecorder: keeps the order of the events a bar is drawn at (running, finished, a retry's
// start, a rollback), not the other starts nor the run events, and the timeline's end.
#include <doctest/doctest.h>

#include <utility>
#include <vector>

#include "sim/experiment/timeline_recorder.h"

using namespace orchsim;
using Kind = sim::TimelineRecorder::Kind;

namespace {

SimTime at_s(std::int64_t s) { return SimTime::zero() + Duration::seconds(s); }

std::vector<std::pair<Kind, std::uint32_t>> kept(const sim::TimelineRecorder& r) {
  std::vector<std::pair<Kind, std::uint32_t>> events;
  r.for_each([&](Kind kind, std::uint32_t id) { events.emplace_back(kind, id); });
  return events;
}

struct Counter final : EventSink {
  int events = 0;
  void on_event(const EngineEvent&) override { ++events; }
};

}  // namespace

TEST_SUITE("sim.timeline_recorder") {
  TEST_CASE("a failed attempt, its retry, a rollback: the bars' events in order, the end of the last run") {
    Counter next;
    sim::TimelineRecorder r(&next);
    const RunId top(0), child(1);
    const TaskId t(0), u(1);
    r.on_event({at_s(0), RunStarted{top, JobId(0), RunId()}});
    r.on_event({at_s(1), RunStarted{child, JobId(1), top}});
    r.on_event({at_s(1), AttemptStarted{child, t, AttemptId(0), 1, ComputeId(0), std::nullopt}});
    r.on_event({at_s(2), AttemptStarted{child, u, AttemptId(1), 1, ComputeId(0), std::nullopt}});
    r.on_event({at_s(3), AttemptRunning{child, t, AttemptId(0)}});
    r.on_event({at_s(4), AttemptFinished{child, t, AttemptId(0), AttemptResult::failed(FailureKind::kTaskError)}});
    r.on_event({at_s(5), AttemptStarted{child, t, AttemptId(2), 2, ComputeId(0), std::nullopt}});  // its retry
    r.on_event({at_s(6), RollbackStarted{top, {}, 1}});
    r.on_event({at_s(7), AttemptFinished{child, u, AttemptId(1), AttemptResult::success()}});
    r.on_event({at_s(8), AttemptStarted{child, u, AttemptId(3), 2, ComputeId(0), std::nullopt}});  // no failure before
    r.on_event({at_s(9), RunFinished{child, JobId(1), JobResult::kSuccess, {}}});
    r.on_event({at_s(10), RunFinished{top, JobId(0), JobResult::kSuccess, {}}});

    CHECK(kept(r) == std::vector<std::pair<Kind, std::uint32_t>>{{Kind::kRunning, 0},
                                                                  {Kind::kFinished, 0},
                                                                  {Kind::kRetryStarted, 2},
                                                                  {Kind::kRollback, 0},
                                                                  {Kind::kFinished, 1}});
    REQUIRE(r.rollbacks().size() == 1);
    CHECK(r.rollbacks()[0] == at_s(6));
    CHECK(r.end() == at_s(10));
    CHECK(next.events == 12);
  }

  TEST_CASE("two failed iterations of a task await two starts, a third start draws no wait") {
    sim::TimelineRecorder r;
    const RunId run(0);
    const TaskId t(0);
    const auto failed = AttemptResult::failed(FailureKind::kTimeout);
    r.on_event({at_s(0), AttemptStarted{run, t, AttemptId(0), 1, ComputeId(0), 0u}});
    r.on_event({at_s(0), AttemptStarted{run, t, AttemptId(1), 1, ComputeId(0), 1u}});
    r.on_event({at_s(1), AttemptFinished{run, t, AttemptId(0), failed}});
    r.on_event({at_s(1), AttemptFinished{run, t, AttemptId(1), failed}});
    r.on_event({at_s(2), AttemptStarted{run, t, AttemptId(2), 2, ComputeId(0), 0u}});
    r.on_event({at_s(2), AttemptStarted{run, t, AttemptId(3), 2, ComputeId(0), 1u}});
    r.on_event({at_s(2), AttemptStarted{run, t, AttemptId(4), 1, ComputeId(0), 2u}});
    CHECK(kept(r) == std::vector<std::pair<Kind, std::uint32_t>>{{Kind::kFinished, 0},
                                                                  {Kind::kFinished, 1},
                                                                  {Kind::kRetryStarted, 2},
                                                                  {Kind::kRetryStarted, 3}});
  }

  TEST_CASE("a top-level run's start sets the end, every run's finish moves it later") {
    sim::TimelineRecorder r;
    r.on_event({at_s(5), RunStarted{RunId(0), JobId(0), RunId()}});
    r.on_event({at_s(9), RunFinished{RunId(0), JobId(0), JobResult::kSuccess, {}}});
    r.on_event({at_s(12), RunStarted{RunId(1), JobId(0), RunId()}});
    CHECK(r.end() == at_s(12));
    r.on_event({at_s(20), RunFinished{RunId(1), JobId(0), JobResult::kFailed, {}}});
    CHECK(r.end() == at_s(20));
  }
}
