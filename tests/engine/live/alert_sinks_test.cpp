// The alert sinks of `orchsim exec`: text and JSON formats worked out by hand, stdout and JSONL
// sinks, the fan-out and factory, and the webhook sink against a real HTTP server on 127.0.0.1.
// Failures are collected through the AlertFailureLog's hook; a sink's destructor is the point where
// its worker is done, so nothing waits on a timer.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/live/alert_sink_factory.h"
#include "engine/live/jsonl_alert_sink.h"
#include "engine/live/stdout_alert_sink.h"
#include "engine/live/webhook_alert_sink.h"
#include "tests/engine/harness.h"
#include "tests/engine/live/tiny_http_server.h"

using namespace orchsim;
using namespace orchsim::testing;
namespace fs = std::filesystem;

namespace {

// 1 700 000 000 s after the unix epoch is 2023-11-14T22:13:20Z (a well-known round timestamp).
constexpr std::int64_t kEpoch = 1'700'000'000'000'000;

struct Fixture {
  Fixture() { jobs.push_back(job_of({{"ingest"}, {"refine", {"ingest"}}}, "etl")); }
  live::AlertFormat format() const { return live::AlertFormat(jobs, kEpoch); }
  // refine's second attempt failed, 2.25 s after the start.
  static Alert task_failure() {
    return {.time = SimTime::zero() + Duration::millis(2250), .kind = AlertKind::kFailure, .job = JobId(0),
            .run = RunId(3), .task = TaskId(1), .attempt = 2, .task_result = TaskResult::kFailed};
  }
  static Alert job_success() {
    return {.time = SimTime::zero() + Duration::seconds(4), .kind = AlertKind::kSuccess, .job = JobId(0),
            .run = RunId(3), .job_result = JobResult::kSuccess};
  }

  std::vector<JobSpec> jobs;
  std::ostringstream err;
  std::vector<std::string> failures;  // "sink | error", through the hook
  live::AlertFailureLog log{err, live::AlertFormat({}, 0),
                            [this](const Alert&, const std::string& sink, const std::string& error) {
                              failures.push_back(sink + " | " + error);
                            }};
};

constexpr const char* kTaskFailureJson =
    R"({"time_unix_us":1700000002250000,"time":"2023-11-14T22:13:22.250000Z","kind":"on_failure","job":"etl",)"
    R"("task":"refine","attempt":2,"result":"FAILED","run":3})";
constexpr const char* kTaskFailureText = "2023-11-14T22:13:22.250000Z alert on_failure etl.refine attempt 2: FAILED (run 3)";

live::WebhookOptions fast(std::string url) {
  return {.url = std::move(url), .timeout = Duration::seconds(5), .retries = 2, .backoff = Duration::millis(1)};
}

}  // namespace

TEST_SUITE("engine.live.alerts") {
  TEST_CASE("formats: UTC time, text line, JSON object and Slack body") {
    CHECK(live::utc_iso8601(0) == "1970-01-01T00:00:00.000000Z");
    CHECK(live::utc_iso8601(kEpoch + 1) == "2023-11-14T22:13:20.000001Z");
    Fixture f;
    CHECK(f.format().text(Fixture::task_failure()) == kTaskFailureText);
    CHECK(f.format().json(Fixture::task_failure()) == kTaskFailureJson);
    CHECK(f.format().text(Fixture::job_success()) == "2023-11-14T22:13:24.000000Z alert on_success etl: SUCCESS (run 3)");
    CHECK(f.format().json(Fixture::job_success()) ==
          R"({"time_unix_us":1700000004000000,"time":"2023-11-14T22:13:24.000000Z","kind":"on_success","job":"etl",)"
          R"("task":null,"attempt":0,"result":"SUCCESS","run":3})");
    CHECK(f.format().slack(Fixture::task_failure()) == fmt::format(R"({{"text":"{}"}})", kTaskFailureText));
  }

  TEST_CASE("stdout: one line per alert; a failed stream is logged, not thrown") {
    Fixture f;
    std::ostringstream out;
    live::StdoutAlertSink sink(out, f.format(), f.log);
    sink.on_alert(Fixture::task_failure());
    sink.on_alert(Fixture::job_success());
    CHECK(out.str() == std::string(kTaskFailureText) + "\n" +
                           "2023-11-14T22:13:24.000000Z alert on_success etl: SUCCESS (run 3)\n");
    out.setstate(std::ios::badbit);
    sink.on_alert(Fixture::task_failure());
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0] == "stdout | the stream could not be written");
    CHECK(f.err.str() == "warning: alert sink stdout failed to deliver on_failure job 0.task 1: the stream could not "
                         "be written\n");
  }

  TEST_CASE("jsonl: appends one object per line after what the file held; an unwritable path is logged") {
    Fixture f;
    const fs::path dir = fs::temp_directory_path() / fmt::format("orchsim-alerts-{}", static_cast<const void*>(&f));
    fs::create_directories(dir);
    const fs::path file = dir / "alerts.jsonl";
    std::ofstream(file) << "{\"earlier\":true}\n";
    live::JsonlAlertSink sink(file, f.format(), f.log);
    sink.on_alert(Fixture::task_failure());
    sink.on_alert(Fixture::task_failure());
    std::ifstream in(file);
    std::stringstream content;
    content << in.rdbuf();
    CHECK(content.str() == std::string("{\"earlier\":true}\n") + kTaskFailureJson + "\n" + kTaskFailureJson + "\n");
    CHECK(f.failures.empty());

    live::JsonlAlertSink bad(dir / "no-such-dir" / "alerts.jsonl", f.format(), f.log);
    bad.on_alert(Fixture::task_failure());
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].find("cannot append to the file") != std::string::npos);
    fs::remove_all(dir);
  }

  TEST_CASE("fan-out: every sink gets the alert; one that throws is logged and the others still run") {
    Fixture f;
    struct Throwing final : AlertSink {
      void on_alert(const Alert&) override { throw std::runtime_error("boom"); }
    };
    auto recording = std::make_unique<RecordingAlertSink>();
    const RecordingAlertSink& seen = *recording;
    live::FanOutAlertSink fan(std::make_unique<live::AlertFailureLog>(f.err, f.format(), [&f](const Alert&, const std::string& sink, const std::string& error) {
      f.failures.push_back(sink + " | " + error);
    }));
    fan.add("throwing", std::make_unique<Throwing>());
    fan.add("recording", std::move(recording));
    fan.on_alert(Fixture::task_failure());
    CHECK(seen.alerts().size() == 1);
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0] == "throwing | boom");
  }

  TEST_CASE("factory: one sink per destination, in order") {
    Fixture f;
    std::ostringstream out;
    const std::vector<AlertDestination> destinations{{.kind = AlertDestination::Kind::kStdout},
                                                     {.kind = AlertDestination::Kind::kStdout}};
    auto sink = live::make_alert_sink(destinations, {.jobs = f.jobs, .epoch_unix_us = kEpoch, .out = &out, .err = &f.err});
    CHECK(sink->size() == 2);
    sink->on_alert(Fixture::task_failure());
    CHECK(out.str() == std::string(kTaskFailureText) + "\n" + kTaskFailureText + "\n");
  }

  TEST_CASE("webhook: messages name the scheme and host only, never user info, path or query") {
    CHECK(live::webhook_label("https://hooks.slack.com/services/T0/B0/secret") == "webhook https://hooks.slack.com/…");
    CHECK(live::webhook_label("https://user:pw@example.com:8443?token=x") == "webhook https://example.com:8443/…");
    CHECK(live::webhook_label("http://127.0.0.1:9000") == "webhook http://127.0.0.1:9000");
  }

  TEST_CASE("webhook: the JSON body arrives as a POST with a JSON content type") {
    Fixture f;
    TinyHttpServer server;
    {
      live::WebhookAlertSink sink(fast(server.url()), f.format(), f.log);
      sink.on_alert(Fixture::task_failure());
      sink.on_alert(Fixture::job_success());
    }
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].head.rfind("POST /hook HTTP/1.1\r\n", 0) == 0);
    CHECK(requests[0].head.find("Content-Type: application/json") != std::string::npos);
    CHECK(requests[0].body == kTaskFailureJson);
    CHECK(f.failures.empty());
  }

  TEST_CASE("webhook: the Slack option sends {\"text\": …}") {
    Fixture f;
    TinyHttpServer server;
    {
      live::WebhookOptions options = fast(server.url());
      options.slack = true;
      live::WebhookAlertSink sink(options, f.format(), f.log);
      sink.on_alert(Fixture::task_failure());
    }
    const auto requests = server.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].body == fmt::format(R"({{"text":"{}"}})", kTaskFailureText));
  }

  TEST_CASE("webhook: a 500 is retried and the retry delivers") {
    Fixture f;
    TinyHttpServer server({500, 200});
    {
      live::WebhookAlertSink sink(fast(server.url()), f.format(), f.log);
      sink.on_alert(Fixture::task_failure());
    }
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[1].body == requests[0].body);
    CHECK(f.failures.empty());
  }

  TEST_CASE("webhook: 500s until the retries run out are logged once, with the tries") {
    Fixture f;
    TinyHttpServer server({500, 503});
    {
      live::WebhookOptions options = fast(server.url());
      options.retries = 1;
      live::WebhookAlertSink sink(options, f.format(), f.log);
      sink.on_alert(Fixture::task_failure());
    }
    CHECK(server.requests().size() == 2);
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0] == fmt::format("webhook http://127.0.0.1:{}/… | HTTP 503 (after 2 tries)", server.port()));
  }

  TEST_CASE("webhook: a server that never answers times out, and the failure is logged") {
    Fixture f;
    TinyHttpServer server({TinyHttpServer::kHang});
    {
      live::WebhookOptions options = fast(server.url());
      options.timeout = Duration::millis(100);
      options.retries = 0;
      live::WebhookAlertSink sink(options, f.format(), f.log);
      sink.on_alert(Fixture::task_failure());
    }
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].find("imed out") != std::string::npos);  // libcurl: "Operation timed out …"
    CHECK(f.failures[0].find("(after 1 try)") != std::string::npos);
  }

  TEST_CASE("webhook: an unreachable port is logged, never thrown") {
    Fixture f;
    const int port = TinyHttpServer::unused_port();
    const std::string url = fmt::format("http://127.0.0.1:{}/hook", port);
    {
      live::WebhookOptions options = fast(url);
      options.retries = 1;
      live::WebhookAlertSink sink(options, f.format(), f.log);
      CHECK_NOTHROW(sink.on_alert(Fixture::task_failure()));
    }
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].rfind(fmt::format("webhook http://127.0.0.1:{}/… | ", port), 0) == 0);
    CHECK(f.failures[0].find("(after 2 tries)") != std::string::npos);
  }

  TEST_CASE("webhook: shutdown drains for a bounded time, then aborts and logs what is left") {
    Fixture f;
    TinyHttpServer server({TinyHttpServer::kHang});
    const auto started = std::chrono::steady_clock::now();
    {
      live::WebhookOptions options = fast(server.url());
      options.timeout = Duration::seconds(60);
      options.retries = 0;
      options.drain = Duration::millis(50);
      live::WebhookAlertSink sink(options, f.format(), f.log);
      sink.on_alert(Fixture::task_failure());
      sink.on_alert(Fixture::job_success());
    }
    // The drain (50 ms) plus libcurl's progress check (about once a second) — far below the 60 s timeout.
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
    REQUIRE(f.failures.size() == 2);
    CHECK(f.failures[1].find("not sent: shutdown's drain time ran out") != std::string::npos);
  }

  TEST_CASE("webhook: a full queue drops the alert with a logged failure instead of blocking the loop") {
    Fixture f;
    TinyHttpServer server({TinyHttpServer::kHang});
    {
      live::WebhookOptions options = fast(server.url());
      options.timeout = Duration::seconds(60);
      options.retries = 0;
      options.drain = Duration::millis(10);
      options.max_queue = 1;
      live::WebhookAlertSink sink(options, f.format(), f.log);
      for (int i = 0; i < 3; ++i) sink.on_alert(Fixture::task_failure());
    }
    // At least one of the three found the queue full (the worker holds at most one in flight).
    CHECK(f.failures.size() == 3);
    bool dropped = false;
    for (const auto& failure : f.failures) dropped = dropped || failure.find("this one is dropped") != std::string::npos;
    CHECK(dropped);
  }
}
