// FailureKind::kGateFailed (issue #16, data-quality gates): the engine treats a failed gate exactly
// as a permanent failure (engine/task_runner.h): never retried, rollback and final-failure alerts.
#include <doctest/doctest.h>

#include <sstream>

#include "engine/event_log.h"
#include "engine/memory_table_store.h"
#include "engine/retry.h"
#include "tests/engine/harness.h"

using namespace orchsim;
using namespace orchsim::testing;

namespace {

const Duration k1s = Duration::seconds(1);

struct Outcome {
  std::size_t starts = 0;
  TaskResult result = TaskResult::kNone;
  JobResult job = JobResult::kNone;
  std::size_t bronze_versions = 0;
  std::size_t alerts = 0;
  std::string log;
};

// ingest writes bronze, then refine (max_retries 3, alerts on failure) fails with `kind`; the job
// rolls back.
Outcome run_failing(FailureKind kind) {
  MemoryTableStore store;
  const TableId bronze = store.add_table("bronze", 11);
  TaskSpec refine{.retry = {.max_retries = 3}, .notifications = {.on_failure = true}};
  JobSpec job = job_of({{"ingest", {}, TaskSpec{.writes = {bronze}}}, {"refine", {"ingest"}, refine}});
  job.rollback = RollbackScope::kJob;
  RecordingAlertSink sink;
  Harness h(std::move(job), EngineOptions{.tables = &store, .alerts = &sink});
  h.runner.script("refine", {{k1s, AttemptResult::failed(kind)}});
  const RunId run = h.run_to_end();
  std::ostringstream out;
  JsonlEventLog log(out, h.jobs);
  for (const auto& e : h.trace.events()) log.on_event(e);
  return {h.starts_of("refine").size(), h.result("refine"), h.engine.run(run).result(), store.history(bronze).size(),
          sink.alerts().size(), out.str()};
}

}  // namespace

TEST_SUITE("engine.gate_failed") {
  TEST_CASE("is named gate_failed and is never retryable, whatever the policy") {
    CHECK(std::string(to_string(FailureKind::kGateFailed)) == "gate_failed");
    RetryPolicy all{.max_retries = RetryPolicy::kForever, .retry_on_timeout = true};
    all.retry_on = {.task_error = true, .infrastructure = true};
    CHECK(!is_retryable(all, FailureKind::kGateFailed));
  }

  TEST_CASE("a failed gate takes the permanent-failure path: one attempt, rollback, one failure alert") {
    const Outcome gate = run_failing(FailureKind::kGateFailed);
    const Outcome permanent = run_failing(FailureKind::kPermanent);
    CHECK(gate.starts == 1);  // max_retries 3 notwithstanding
    CHECK(gate.result == TaskResult::kFailed);
    CHECK(gate.job == JobResult::kFailed);
    CHECK(gate.bronze_versions == 3);  // v0, ingest's commit, the restore of v0
    CHECK(gate.alerts == 1);
    // Exactly as a permanent failure, but for the failure's name in the event log.
    CHECK(gate.starts == permanent.starts);
    CHECK(gate.result == permanent.result);
    CHECK(gate.job == permanent.job);
    CHECK(gate.bronze_versions == permanent.bronze_versions);
    CHECK(gate.alerts == permanent.alerts);
    CHECK(gate.log.find(R"("failure":"gate_failed")") != std::string::npos);
    std::string renamed = permanent.log;
    const std::string from = R"("failure":"permanent")", to = R"("failure":"gate_failed")";
    renamed.replace(renamed.find(from), from.size(), to);
    CHECK(gate.log == renamed);
  }
}
