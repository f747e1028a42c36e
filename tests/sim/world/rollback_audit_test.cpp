// The rollback audit (sim/world/rollback_audit.h) as an EventSink: it forwards every event, and
// with no tables in the store it audits nothing (no commit can happen, so nothing is kept per run
// or attempt), while with tables it still catches a commit from an attempt that did not succeed.
#include <doctest/doctest.h>

#include "engine/check.h"
#include "engine/memory_table_store.h"
#include "sim/world/rollback_audit.h"

using namespace orchsim;

namespace {

EngineEvent at(std::int64_t s, EngineEventBody body) { return EngineEvent{SimTime::zero() + Duration::seconds(s), body}; }

// One run of one task whose only attempt fails, then a commit claiming that attempt.
std::vector<EngineEvent> failed_attempt_then_commit() {
  const RunId run(0);
  const TaskId task(0);
  const AttemptId attempt(0);
  return {at(0, RunStarted{run, JobId(0), RunId::invalid()}),
          at(0, AttemptStarted{run, task, attempt, 1, ComputeId(0), std::nullopt}),
          at(5, AttemptFinished{run, task, attempt, AttemptResult::failed(FailureKind::kTaskError)}),
          at(5, TableCommitted{run, task, attempt, TableId(0), 1})};
}

}  // namespace

TEST_SUITE("sim.world.rollback_audit") {
  TEST_CASE("without tables every event is forwarded as it came and nothing is audited or counted") {
    MemoryTableStore tables;
    Trace next;
    sim::RollbackAudit audit(tables, next);
    const auto events = failed_attempt_then_commit();
    for (const auto& e : events) audit.on_event(e);
    REQUIRE(next.events().size() == events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
      CHECK(next.events()[i].time == events[i].time);
      CHECK(next.events()[i].body.index() == events[i].body.index());
    }
    CHECK(audit.rollbacks() == 0);
    CHECK(audit.tables_restored() == 0);
  }

  TEST_CASE("with a table a commit from an attempt that did not succeed is an invariant violation") {
    MemoryTableStore tables;
    tables.add_table("gold");
    Trace next;
    sim::RollbackAudit audit(tables, next);
    const auto events = failed_attempt_then_commit();
    for (std::size_t i = 0; i + 1 < events.size(); ++i) audit.on_event(events[i]);
    CHECK_THROWS_AS(audit.on_event(events.back()), InvariantError);
  }
}
