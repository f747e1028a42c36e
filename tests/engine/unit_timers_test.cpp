// A unit's timers in flight (retry, child start, timeout, duration warning) are kept in its run's
// on-demand state, a flag on its TaskRunState saying it has one (engine/run.h): only the units that
// have one pay for it, and they still fire on time. Expected times are worked out in each test.
#include <doctest/doctest.h>

#include "tests/engine/harness.h"

using namespace orchsim;
using namespace orchsim::testing;

TEST_SUITE("engine.unit_timers") {
  TEST_CASE("a task with a duration warning and a timeout holds both timers while it runs; a task without holds none") {
    // Both start at 0 and run 3 min. "warned": warning at 1 min, timeout 10 min (never reached).
    TaskSpec warned{.timeout = Duration::minutes(10), .notifications = {.duration_warning = Duration::minutes(1)}};
    RecordingAlertSink sink;
    Harness h(job_of({{"warned", {}, warned}, {"plain"}}), EngineOptions{.alerts = &sink});
    h.runner.script("warned", {{Duration::minutes(3), kOk}});
    h.runner.script("plain", {{Duration::minutes(3), kOk}});
    h.engine.start_run(JobId(0));

    h.runtime.run_until(at(Duration::seconds(30)));
    CHECK(h.task("warned").has(TaskRunState::kWarnTimer));
    CHECK(h.task("warned").has(TaskRunState::kTimer));
    CHECK_FALSE(h.task("plain").has(TaskRunState::kWarnTimer));
    CHECK_FALSE(h.task("plain").has(TaskRunState::kTimer));
    CHECK(sink.alerts().empty());

    // The warning fired at 1 min and is gone; the timeout is still armed.
    h.runtime.run_until(at(Duration::seconds(90)));
    CHECK_FALSE(h.task("warned").has(TaskRunState::kWarnTimer));
    CHECK(h.task("warned").has(TaskRunState::kTimer));
    REQUIRE(sink.alerts().size() == 1);
    CHECK(sink.alerts()[0].kind == AlertKind::kDurationWarning);
    CHECK(sink.alerts()[0].task == h.id("warned"));
    CHECK(sink.alerts()[0].time == at(Duration::minutes(1)));

    // Both succeed at 3 min; the timeout was canceled with the attempt's end.
    h.runtime.run();
    CHECK(h.result("warned") == TaskResult::kSuccess);
    CHECK(h.result("plain") == TaskResult::kSuccess);
    CHECK_FALSE(h.task("warned").has(TaskRunState::kTimer));
    CHECK(sink.alerts().size() == 1);
    CHECK(h.engine.run(RunId(0)).finished() == at(Duration::minutes(3)));
  }

  TEST_CASE("a timed-out attempt's retry waits on its timer from the attempt's start, then runs") {
    // Attempt 1 starts at 0 and would run 10 min: the 2-min timeout kills it at 2 min. The retry
    // may start min_retry_interval (5 min) after the failed attempt's START: at max(2, 0 + 5) = 5 min.
    // Attempt 2 runs 1 min: the task succeeds at 6 min.
    TaskSpec flaky{.retry = {.max_retries = 1, .min_retry_interval = Duration::minutes(5), .retry_on_timeout = true},
                   .timeout = Duration::minutes(2)};
    Harness h(job_of({{"flaky", {}, flaky}}));
    h.runner.script("flaky", {{Duration::minutes(10), kOk}, {Duration::minutes(1), kOk}});
    h.engine.start_run(JobId(0));

    h.runtime.run_until(at(Duration::minutes(3)));
    CHECK(h.task("flaky").lifecycle == Lifecycle::kWaitingForRetry);
    CHECK(h.task("flaky").has(TaskRunState::kTimer));  // the retry timer
    CHECK_FALSE(h.task("flaky").current.valid());

    h.runtime.run();
    CHECK(h.starts_of("flaky") == std::vector<SimTime>{at(Duration::zero()), at(Duration::minutes(5))});
    CHECK(h.result("flaky") == TaskResult::kSuccess);
    CHECK(h.task("flaky").attempts == 2);
    CHECK_FALSE(h.task("flaky").has(TaskRunState::kTimer));
    CHECK(h.engine.run(RunId(0)).finished() == at(Duration::minutes(6)));
  }
}
