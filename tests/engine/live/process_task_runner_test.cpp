// The process task runner under the real engine: real /bin/sh commands, tens of milliseconds each,
// bounds generous enough for a loaded machine. Expected results follow from the commands' scripts
// and the engine's documented rules (engine/engine.h, docs/exec.md).
#include <doctest/doctest.h>

#include <signal.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "tests/engine/live/live_harness.h"

using namespace orchsim;
using namespace orchsim::testing;

namespace {

live::ProcessTask task(std::string key, TaskCommand command) {
  return {.key = std::move(key), .command = std::move(command), .gate = std::nullopt};
}

TaskSpec retrying(std::uint32_t retries) {
  TaskSpec s;
  s.retry.max_retries = retries;
  return s;
}

// A process is gone once kill(pid, 0) fails or it is a zombie waiting for its (new) parent.
bool gone(pid_t pid) {
  if (::kill(pid, 0) != 0) return errno == ESRCH;
  const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
  const auto close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z';
}

// Waits (a real process may take a moment to die) up to 5 s.
bool gone_soon(pid_t pid) {
  for (int i = 0; i < 500; ++i) {
    if (gone(pid)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

TEST_SUITE("engine.live.process_task_runner") {
  TEST_CASE("a command failing on attempt 1 succeeds on its retry; logs and environment per attempt") {
    LiveHarness h(job_of({{"flaky", {}, retrying(2)}}),
                  {task("flaky", sh("echo \"$ORCHSIM_TASK_KEY $ORCHSIM_ATTEMPT $ORCHSIM_RUN_ID\"; "
                                    "test -d \"$ORCHSIM_TABLES_DIR\" || exit 9; "
                                    "echo oops >&2; test \"$ORCHSIM_ATTEMPT\" -ge 2"))});
    const RunId run = h.run_to_end();
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    CHECK(h.result("flaky") == TaskResult::kSuccess);
    CHECK(h.attempts("flaky") == 2);
    CHECK(read_text(h.dir.path / "logs/flaky.1.out") == "flaky 1 0\n");
    CHECK(read_text(h.dir.path / "logs/flaky.2.out") == "flaky 2 0\n");
    CHECK(read_text(h.dir.path / "logs/flaky.1.err") == "oops\n");
  }

  TEST_CASE("an exit code listed as permanent is not retried; another is") {
    LiveHarness h(job_of({{"perm", {}, retrying(3)}, {"other", {}, retrying(1)}}),
                  {task("perm", sh("exit 3", {3})), task("other", sh("exit 4", {3}))});
    h.run_to_end();
    CHECK(h.result("perm") == TaskResult::kFailed);
    CHECK(h.attempts("perm") == 1);
    CHECK(h.result("other") == TaskResult::kFailed);
    CHECK(h.attempts("other") == 2);  // 1 + max_retries
  }

  TEST_CASE("a program that cannot be started fails permanently, with the reason in its log") {
    LiveHarness h(job_of({{"missing", {}, retrying(3)}}),
                  {task("missing", TaskCommand{.argv = {"orchsim-no-such-program-xyz"}, .shell = false,
                                               .permanent_exit_codes = {}})});
    h.run_to_end();
    CHECK(h.result("missing") == TaskResult::kFailed);
    CHECK(h.attempts("missing") == 1);
    CHECK(read_text(h.dir.path / "logs/missing.1.err").find("cannot start") != std::string::npos);
  }

  TEST_CASE("a timeout kills a sleeping command and the children it started: no orphan") {
    TaskSpec spec{.timeout = Duration::millis(300)};
    live::ProcessRunnerOptions options;
    options.grace = Duration::millis(200);
    // The child ignores SIGTERM, so only the SIGKILL after the grace period ends it.
    LiveHarness h(job_of({{"slow", {}, spec}}),
                  {task("slow", sh("trap '' TERM; sleep 30 & echo $! > \"$ORCHSIM_TABLES_DIR/../../child.pid\"; wait"))},
                  options);
    const auto t0 = std::chrono::steady_clock::now();
    h.run_to_end();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(h.result("slow") == TaskResult::kTimedOut);
    CHECK(seconds < 10);  // far below the 30 s sleep
    const pid_t child = std::stoi(read_text(h.dir.path / "child.pid"));
    CHECK(gone_soon(child));
    CHECK(h.runner.running() == 0);
  }

  TEST_CASE("parallel branches overlap; --parallel 1 runs them one after the other") {
    for (std::uint32_t parallel : {0u, 1u}) {
      CAPTURE(parallel);
      live::ProcessRunnerOptions options;
      options.parallel = parallel;
      LiveHarness h(job_of({{"a"}, {"b", {"a"}}, {"c", {"a"}}}),
                    {task("a", sh("true")), task("b", sh("sleep 0.3")), task("c", sh("sleep 0.3"))}, options);
      h.run_to_end();
      REQUIRE(h.spans("b").size() == 1);
      REQUIRE(h.spans("c").size() == 1);
      const auto [b0, b1] = h.spans("b")[0];
      const auto [c0, c1] = h.spans("c")[0];
      const bool overlap = b0 < c1 && c0 < b1;
      CHECK(overlap == (parallel == 0));
      // A queued attempt reports RUNNING only when its process starts: the second begins after the first ends.
      if (parallel == 1) CHECK((c0 >= b1 || b0 >= c1));
    }
  }

  TEST_CASE("run_if branches: a failure runs the failure handler and the ALL_DONE cleanup") {
    LiveHarness h(job_of({{"load"},
                          {"publish", {"load"}},
                          {"rollback", {"load"}, spec_with(RunIf::kAtLeastOneFailed)},
                          {"cleanup", {"publish", "rollback"}, spec_with(RunIf::kAllDone)}}),
                  {task("load", sh("exit 1")), task("publish", sh("true")), task("rollback", sh("true")),
                   task("cleanup", sh("true"))});
    const RunId run = h.run_to_end();
    CHECK(h.result("load") == TaskResult::kFailed);
    CHECK(h.result("publish") == TaskResult::kUpstreamFailed);
    CHECK(h.result("rollback") == TaskResult::kSuccess);
    CHECK(h.result("cleanup") == TaskResult::kSuccess);
    // The leaf cleanup succeeded, but a task failed (docs/model.md §8: leaf rule).
    CHECK(h.engine.run(run).result() == JobResult::kSuccessWithFailures);
  }

  TEST_CASE("a failing gate command fails the attempt as gate_failed, not retried") {
    live::ProcessRunnerOptions options;
    QualityGate gate;
    gate.command = sh("echo checked; exit 1");
    LiveHarness h(job_of({{"gated", {}, retrying(2)}, {"passing", {}, retrying(2)}}),
                  {{.key = "gated", .command = sh("true"), .gate = gate},
                   {.key = "passing", .command = sh("true"), .gate = QualityGate{.command = sh("true")}}},
                  options);
    h.run_to_end();
    CHECK(h.result("gated") == TaskResult::kFailed);
    CHECK(h.attempts("gated") == 1);
    CHECK(read_text(h.dir.path / "logs/gated.1.gate.out") == "checked\n");
    std::vector<FailureKind> failures;
    for (const auto& e : h.trace.events()) {
      if (const auto* f = std::get_if<AttemptFinished>(&e.body); f && !f->result.succeeded) failures.push_back(f->result.failure);
    }
    CHECK(failures == std::vector<FailureKind>{FailureKind::kGateFailed});
    CHECK(h.result("passing") == TaskResult::kSuccess);
  }

  TEST_CASE("an output check that refuses fails the attempt before the gate command runs") {
    live::ProcessRunnerOptions options;
    options.check_output = [](const AttemptRequest&, const live::ProcessTask&) {
      return std::optional<std::string>("rows 0 < min_rows 1");
    };
    std::vector<live::AttemptProcess> ended;
    options.on_process_end = [&ended](const live::AttemptProcess& p) { ended.push_back(p); };
    LiveHarness h(job_of({{"t"}}), {{.key = "t", .command = sh("exit 0"), .gate = QualityGate{.command = sh("exit 0")}}},
                  options);
    h.run_to_end();
    CHECK(h.result("t") == TaskResult::kFailed);
    CHECK_FALSE(std::filesystem::exists(h.dir.path / "logs/t.1.gate.out"));
    CHECK(read_text(h.dir.path / "logs/t.1.err").find("rows 0 < min_rows 1") != std::string::npos);
    REQUIRE(ended.size() == 1);
    CHECK(ended[0].exit_code == 0);
    CHECK(ended[0].stdout_log == (h.dir.path / "logs/t.1.out").string());
  }

  TEST_CASE("cancel_run kills the running process group; the run is CANCELED and the handler still runs") {
    LiveHarness h(job_of({{"long"}, {"after", {"long"}}, {"cleanup", {"long"}, spec_with(RunIf::kAllDone)}}),
                  {task("long", sh("sleep 30")), task("after", sh("true")), task("cleanup", sh("true"))});
    struct Canceller final : TimerTarget {
      Engine* engine;
      void on_timer(std::uint64_t) override { engine->cancel_run(RunId(0)); }
    } canceller;
    canceller.engine = &h.engine;
    h.runtime.schedule_after(Duration::millis(200), canceller, 0);
    const auto t0 = std::chrono::steady_clock::now();
    const RunId run = h.run_to_end();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
    CHECK(h.result("long") == TaskResult::kCanceled);
    CHECK(h.result("after") == TaskResult::kUpstreamCanceled);
    CHECK(h.result("cleanup") == TaskResult::kSuccess);
    CHECK(h.engine.run(run).result() == JobResult::kCanceled);
  }
}
