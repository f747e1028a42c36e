// Engine::adopt_finished_run: a run recorded by another engine, rebuilt and repaired here, behaves
// as a repair of the original run would (docs/model.md §8: a repair reruns the tasks that did not
// succeed, downstream ones that did not succeed, and with rerun_dependent_tasks the rest downstream).
#include <doctest/doctest.h>

#include "tests/engine/harness.h"

using namespace orchsim;
using namespace orchsim::testing;

TEST_SUITE("engine.adopt") {
  TEST_CASE("an adopted failed run repairs only its failed task and what it blocked, numbering continues") {
    // extract → transform (failed after 3 attempts) → load (UPSTREAM_FAILED); audit beside, succeeded.
    Harness h(job_of({{"extract"}, {"transform", {"extract"}}, {"load", {"transform"}}, {"audit", {"extract"}}}));
    const std::vector<SettledTask> recorded{{TaskResult::kSuccess, 1, false},
                                            {TaskResult::kFailed, 3, false},
                                            {TaskResult::kUpstreamFailed, 0, false},
                                            {TaskResult::kSuccess, 1, false}};
    const RunId run = h.engine.adopt_finished_run(JobId(0), recorded, JobResult::kFailed);
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
    CHECK(h.trace.events().empty());  // adopting emits nothing

    const RepairOutcome outcome = h.engine.repair_run(run, {});
    REQUIRE(outcome.repair_id == 1u);
    h.runtime.run();
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    REQUIRE(h.runner.starts.size() == 2);  // only transform, then load
    CHECK(h.runner.starts[0].key == "transform");
    CHECK(h.runner.starts[0].number == 4);  // after the 3 recorded attempts
    CHECK(h.runner.starts[1].key == "load");
    CHECK(h.runner.starts[1].number == 1);
  }

  TEST_CASE("rerun_dependent_tasks also reruns the succeeded tasks downstream of the rerun ones") {
    Harness h(job_of({{"a"}, {"b", {"a"}}, {"c", {"b"}}}));
    // b failed; c, an ALL_DONE handler, ran and succeeded anyway.
    const std::vector<SettledTask> recorded{
        {TaskResult::kSuccess, 1, false}, {TaskResult::kFailed, 1, false}, {TaskResult::kSuccess, 1, false}};
    const RunId run = h.engine.adopt_finished_run(JobId(0), recorded, JobResult::kSuccessWithFailures);
    RepairRequest request;
    request.rerun_tasks = {h.id("b")};
    request.rerun_dependent_tasks = true;
    REQUIRE(h.engine.repair_run(run, request).repair_id);
    h.runtime.run();
    REQUIRE(h.runner.starts.size() == 2);
    CHECK(h.runner.starts[0].key == "b");
    CHECK(h.runner.starts[1].key == "c");
    CHECK(h.runner.starts[1].number == 2);
  }

  TEST_CASE("a task whose commits a rollback undid is rerun although it succeeded") {
    Harness h(job_of({{"write"}, {"check", {"write"}}}));
    const std::vector<SettledTask> recorded{{TaskResult::kSuccess, 1, true}, {TaskResult::kFailed, 1, false}};
    const RunId run = h.engine.adopt_finished_run(JobId(0), recorded, JobResult::kFailed);
    REQUIRE(h.engine.repair_run(run, {}).repair_id);
    h.runtime.run();
    REQUIRE(h.runner.starts.size() == 2);
    CHECK(h.runner.starts[0].key == "write");
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
  }
}
