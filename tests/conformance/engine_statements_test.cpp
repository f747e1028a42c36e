// The conformance statements no scenario file can express: a scenario is one pipeline run per
// replication, so two runs of one job (concurrency, queueing) and repairs are driven here on the
// engine directly, with scripted attempt times. Each case cites its source; expected values are
// worked out in the comments. tests/conformance/scenarios/ holds the rest (conformance_test.cpp).
#include <doctest/doctest.h>

#include "tests/engine/harness.h"

using namespace orchsim;
using namespace orchsim::testing;

namespace {
const Duration k30s = Duration::seconds(30);
}  // namespace

TEST_SUITE("conformance.engine") {
  // docs.databricks.com/en/jobs/advanced.html: "Databricks skips the run if the job has already
  // reached its maximum number of active runs when attempting to start a new run."
  TEST_CASE("over max_concurrent_runs a new run is skipped") {
    Harness h(job_of({{"a"}}));
    h.runner.script("a", {{k30s, kOk}});
    const RunId first = h.engine.start_run(JobId(0));
    const RunId second = h.engine.start_run(JobId(0));
    h.runtime.run();
    CHECK(h.engine.run(first).result() == JobResult::kSuccess);
    CHECK(h.engine.run(second).result() == JobResult::kSkipped);  // MAXIMUM_CONCURRENT_RUNS_REACHED
    CHECK(h.runner.starts.size() == 1);
  }

  // docs.databricks.com/en/jobs/advanced.html: "When queueing is enabled, the run is queued for up
  // to 48 hours if resources are unavailable for a job run. When capacity is available, the job run
  // is dequeued and run." The second run waits for the first (30 s), then runs 30 s.
  TEST_CASE("with queueing a run over the limit waits, then runs") {
    JobSpec job = job_of({{"a"}});
    job.queue = true;
    Harness h(std::move(job));
    h.runner.script("a", {{k30s, kOk}, {k30s, kOk}});
    h.engine.start_run(JobId(0));
    const RunId second = h.engine.start_run(JobId(0));
    CHECK(h.engine.run(second).lifecycle() == Lifecycle::kQueued);
    h.runtime.run();
    CHECK(h.engine.run(second).result() == JobResult::kSuccess);
    CHECK(h.engine.run(second).timing().queue == k30s);
    CHECK(h.engine.run(second).finished() == at(Duration::seconds(60)));
  }

  // docs.databricks.com/api/workspace/jobs/create (max_concurrent_runs): "Setting this value to `0`
  // causes all new runs to be skipped." Queue or not.
  TEST_CASE("max_concurrent_runs 0 skips every run, even with queueing") {
    JobSpec job = job_of({{"a"}});
    job.max_concurrent_runs = 0;
    job.queue = true;
    Harness h(std::move(job));
    const RunId run = h.run_to_end();
    CHECK(h.engine.run(run).result() == JobResult::kSkipped);
    CHECK(h.runner.starts.empty());
  }

  // docs.databricks.com/api/workspace/jobs/repairrun: "Re-run one or more tasks. Tasks are re-run as
  // part of the original job run." and latest_repair_id: "This parameter is not required when
  // repairing a run for the first time, but must be provided on subsequent requests to repair the
  // same run." a fails (1 s); b after it is UPSTREAM_FAILED; c succeeds. The repair (all failed
  // tasks) reruns a and b in the same run, not c; a second repair without the id is refused.
  TEST_CASE("repair reruns the unsuccessful tasks inside the same run; later repairs need the latest id") {
    Harness h(job_of({{"a"}, {"b", {"a"}}, {"c"}}));
    h.runner.script("a", {{Duration::seconds(1), kFail}, {Duration::seconds(1), kOk}});
    const RunId run = h.run_to_end();
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
    const RepairOutcome first = h.engine.repair_run(run, {});
    REQUIRE(first.repair_id == 1u);
    h.runtime.run();
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    CHECK(h.engine.run_count() == 1);  // the same run
    CHECK(h.starts_of("a").size() == 2);
    CHECK(h.starts_of("b").size() == 1);
    CHECK(h.starts_of("c").size() == 1);
    CHECK_FALSE(h.engine.repair_run(run, {.rerun_tasks = {h.id("c")}}).repair_id);  // no latest_repair_id
    CHECK(h.engine.repair_run(run, {.latest_repair_id = 1, .rerun_tasks = {h.id("c")}}).repair_id == 2u);
  }

  // docs.databricks.com/api/workspace/jobs/repairrun, rerun_dependent_tasks: "If true, repair all
  // tasks that depend on the tasks in rerun_tasks, even if they were previously successful."
  TEST_CASE("rerun_dependent_tasks also reruns the succeeded tasks downstream; without it they stay") {
    for (bool dependents : {false, true}) {
      Harness h(job_of({{"a"}, {"b", {"a"}}}));
      const RunId run = h.run_to_end();
      REQUIRE(h.engine.repair_run(run, {.rerun_tasks = {h.id("a")}, .rerun_dependent_tasks = dependents}).repair_id);
      h.runtime.run();
      CHECK(h.starts_of("a").size() == 2);
      CHECK(h.starts_of("b").size() == (dependents ? 2u : 1u));
      CHECK(h.task("b").pending == 0);  // a settled task the repair left alone waits on nothing
      CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    }
  }
}
