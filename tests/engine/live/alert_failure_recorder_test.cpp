// A webhook that cannot deliver: the failure, reported on the sink's worker thread, reaches the run
// history through the loop thread (or flush() after the loop), next to the alert it concerns.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "engine/live/alert_failure_recorder.h"
#include "engine/live/alert_sink_factory.h"
#include "tests/engine/harness.h"
#include "tests/engine/live/tiny_http_server.h"

using namespace orchsim;
using namespace orchsim::testing;
namespace fs = std::filesystem;

TEST_SUITE("engine.live.alerts") {
  TEST_CASE("a webhook failure lands in the run history beside its alert") {
    const fs::path dir = fs::temp_directory_path() / fmt::format("orchsim-alert-failure-{}", static_cast<const void*>(&dir));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::vector<JobSpec> jobs;
    jobs.push_back(job_of({{"only"}}, "etl"));
    const Alert alert{.time = SimTime::zero() + Duration::seconds(1), .kind = AlertKind::kFailure, .job = JobId(0),
                      .run = RunId(0), .job_result = JobResult::kFailed};
    for (const bool through_loop : {true, false}) {
      CAPTURE(through_loop);
      live::WallClockRuntime runtime;
      live::RunHistory history(dir / (through_loop ? "loop.sqlite" : "flush.sqlite"));
      live::RunHistory::Recorder recorder(history, {.source = "live", .scenario = "etl.yaml", .jobs = jobs});
      recorder.on_event({SimTime::zero(), RunStarted{RunId(0), JobId(0), RunId::invalid()}});
      recorder.on_event({alert.time, AlertRaised{alert}});
      live::AlertFailureRecorder failures(runtime, recorder);
      std::ostringstream err;
      const std::string url = fmt::format("http://127.0.0.1:{}/hook", TinyHttpServer::unused_port());
      {
        const std::vector<AlertDestination> destinations{
            {.kind = AlertDestination::Kind::kWebhook, .url = url, .retries = 0}};
        auto sink = live::make_alert_sink(destinations, {.jobs = jobs, .err = &err, .on_failure = failures.hook()});
        sink->on_alert(alert);
      }  // the sink drained: its failure is queued for the loop
      if (through_loop) {
        runtime.run([] { return false; });
      } else {
        failures.flush();
      }
      const auto d = history.details(recorder.run_id(RunId(0)));
      REQUIRE(d);
      REQUIRE(d->alerts.size() == 1);
      CHECK(d->alerts[0].delivery_error.rfind("webhook " + url + ": ", 0) == 0);
      CHECK(err.str().rfind("warning: alert sink webhook " + url + " failed to deliver on_failure etl: ", 0) == 0);
    }
    fs::remove_all(dir);
  }
}
