// RunHistory: engine events become rows (a run scripted by hand, so every expected row is worked out
// from the script), the file survives reopening, and hostile files are refused with a clear error.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <sqlite3.h>

#include "engine/live/run_history.h"
#include "engine/memory_table_store.h"
#include "tests/engine/harness.h"

using namespace orchsim;
using namespace orchsim::testing;
namespace fs = std::filesystem;

namespace {

// A fresh directory per test case, removed at the end.
struct TempDir {
  explicit TempDir(const char* name)
      : path(fs::temp_directory_path() / fmt::format("orchsim-history-{}-{}", name, static_cast<const void*>(this))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

constexpr std::int64_t kEpoch = 1'800'000'000'000'000;  // an arbitrary wall-clock time of SimTime zero
constexpr std::int64_t kSecond = 1'000'000;

// ingest (writes bronze) -> refine (one retry; both attempts fail), job rollback, job-level
// on_failure. By hand, with 1 s attempts and no retry delay: ingest runs [0, 1] s and commits bronze
// v1; refine #1 runs [1, 2] s and fails, #2 runs [2, 3] s and fails; the run FAILS at 3 s and
// restores bronze to v0 as v2; one on_failure alert with result FAILED.
struct FailingRun {
  FailingRun() : bronze(store.add_table("bronze", 11)), harness(make_job(bronze), EngineOptions{.tables = &store}) {
    harness.runner.script("refine", {{Duration::seconds(1), kFail}, {Duration::seconds(1), kFail}});
    harness.run_to_end();
  }
  static JobSpec make_job(TableId bronze) {
    TaskSpec refine;
    refine.retry.max_retries = 1;
    JobSpec job = job_of({{"ingest", {}, {.writes = {bronze}}}, {"refine", {"ingest"}, refine}},
                         "etl");
    job.rollback = RollbackScope::kJob;
    job.set_notifications({.on_failure = true});
    return job;
  }
  void record(live::RunHistory& history, live::RecordingContext context) const {
    context.jobs = harness.jobs;
    context.tables = {"bronze"};
    live::RunHistory::Recorder recorder(history, std::move(context));
    for (const auto& e : harness.trace.events()) recorder.on_event(e);
  }

  MemoryTableStore store;
  TableId bronze;
  Harness harness;
};

live::RecordingContext live_context() {
  return {.source = "live", .scenario = "etl.yaml", .strategy = "", .replication = 0, .epoch_unix_us = kEpoch,
          .jobs = {}, .tables = {}, .computes = {"shared"}, .invocation_dir = "runs/0001"};
}

void execute(const fs::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace

TEST_SUITE("engine.live.run_history") {
  TEST_CASE("a failing run with a retry, a rollback and an alert becomes the rows worked out by hand") {
    TempDir dir("rows");
    FailingRun run;
    {
      live::RunHistory history(dir.path / "runs.sqlite");
      run.record(history, live_context());
    }
    live::RunHistory history(dir.path / "runs.sqlite");  // reopened: everything was committed
    const auto runs = history.list_runs();
    REQUIRE(runs.size() == 1);
    const auto d = history.details(runs[0].run_id);
    REQUIRE(d);
    CHECK(d->run.source == "live");
    CHECK(d->run.scenario == "etl.yaml");
    CHECK(d->run.job == "etl");
    CHECK(d->run.state == "TERMINATED");
    CHECK(d->run.result == "FAILED");
    CHECK(d->run.rollback == "job");
    CHECK(d->run.invocation_dir == "runs/0001");
    CHECK(d->run.start_unix_us == kEpoch);
    CHECK(d->run.end_unix_us == kEpoch + 3 * kSecond);
    CHECK(d->run.execution_us == 3 * kSecond);

    REQUIRE(d->tasks.size() == 2);
    CHECK(d->tasks[0].task == "ingest");
    CHECK(d->tasks[0].result == "SUCCESS");
    CHECK(d->tasks[1].task == "refine");
    CHECK(d->tasks[1].result == "FAILED");

    REQUIRE(d->attempts.size() == 3);
    CHECK(d->attempts[0].task == "ingest");
    CHECK(d->attempts[0].compute == "shared");
    CHECK(d->attempts[0].start_unix_us == kEpoch);
    CHECK(d->attempts[0].end_unix_us == kEpoch + kSecond);
    CHECK(d->attempts[0].result == "SUCCESS");
    CHECK(d->attempts[0].failure.empty());
    CHECK(d->attempts[1].number == 1);
    CHECK(d->attempts[2].task == "refine");
    CHECK(d->attempts[2].number == 2);
    CHECK(d->attempts[2].start_unix_us == kEpoch + 2 * kSecond);
    CHECK(d->attempts[2].result == "FAILED");
    CHECK(d->attempts[2].failure == "task_error");
    CHECK_FALSE(d->attempts[2].exit_code);

    REQUIRE(d->table_versions.size() == 2);
    CHECK(d->table_versions[0].table == "bronze");
    CHECK(d->table_versions[0].version == 1);
    CHECK(d->table_versions[0].kind == "commit");
    CHECK(d->table_versions[0].task == "ingest");
    CHECK(d->table_versions[0].attempt == 1u);
    CHECK(d->table_versions[1].version == 2);
    CHECK(d->table_versions[1].kind == "restore");
    CHECK(d->table_versions[1].restored_from == 0u);

    REQUIRE(d->alerts.size() == 1);
    CHECK(d->alerts[0].kind == "on_failure");
    CHECK(d->alerts[0].task.empty());
    CHECK(d->alerts[0].result == "FAILED");
    CHECK_FALSE(d->alerts[0].suppressed);

    const auto recorded = history.run(runs[0].run_id);
    REQUIRE(recorded);
    CHECK(recorded->result == JobResult::kFailed);
    REQUIRE(recorded->tasks.size() == 2);
    CHECK(recorded->tasks[1].task == "refine");
    CHECK(recorded->tasks[1].result == TaskResult::kFailed);
    CHECK(recorded->tasks[1].attempts == 2);
  }

  TEST_CASE("process details, sink failures and a continued run land on the recorded rows") {
    TempDir dir("process");
    FailingRun run;
    live::RunHistory history(dir.path / "runs.sqlite");
    live::RecordingContext context = live_context();
    context.jobs = run.harness.jobs;
    live::RunHistory::Recorder recorder(history, context);
    const auto& events = run.harness.trace.events();
    for (const auto& e : events) recorder.on_event(e);
    const std::int64_t id = recorder.run_id(RunId(0));
    CHECK(id == 1);
    const AttemptId ingest = run.harness.events<AttemptStarted>()[0].attempt;
    recorder.attempt_process(ingest, 0, "runs/0001/ingest.1.out", "runs/0001/ingest.1.err");
    const auto raised = run.harness.events<AlertRaised>();
    REQUIRE(raised.size() == 1);
    recorder.alert_delivery_failed(raised[0].alert, "webhook", "HTTP 500");

    // A second recorder (a repair in a later `exec`) continues run 1 instead of creating a run.
    live::RunHistory::Recorder repair(history, context);
    repair.continue_run(RunId(0), id);
    repair.on_event({SimTime::zero() + Duration::seconds(10), RepairStarted{RunId(0), 1, 1}});
    CHECK(repair.run_id(RunId(0)) == id);

    CHECK(history.list_runs().size() == 1);
    const auto d = history.details(id);
    REQUIRE(d);
    CHECK(d->attempts[0].exit_code == 0);
    CHECK(d->attempts[0].stdout_log == "runs/0001/ingest.1.out");
    CHECK(d->attempts[0].stderr_log == "runs/0001/ingest.1.err");
    CHECK(d->alerts[0].delivery_error == "webhook: HTTP 500");
    CHECK(d->run.state == "RUNNING");
    CHECK(d->run.result.empty());
    CHECK(d->run.repairs == 1);
    CHECK_THROWS_AS(repair.continue_run(RunId(1), 99), live::RunHistoryError);
  }

  TEST_CASE("a run skipped before it started is recorded with its result and its alert") {
    TempDir dir("skipped");
    // max_concurrent_runs 0: every new run is skipped (engine/job.h), and on_failure fires for
    // MAXIMUM_CONCURRENT_RUNS_REACHED (engine/alerts.h).
    JobSpec job = job_of({{"only"}}, "etl");
    job.max_concurrent_runs = 0;
    job.set_notifications({.on_failure = true});
    Harness h(std::move(job));
    h.run_to_end();
    live::RunHistory history(dir.path / "runs.sqlite");
    live::RecordingContext context = live_context();
    context.jobs = h.jobs;
    live::RunHistory::Recorder recorder(history, context);
    for (const auto& e : h.trace.events()) recorder.on_event(e);
    const auto d = history.details(1);
    REQUIRE(d);
    CHECK(d->run.state == "TERMINATED");
    CHECK(d->run.result == "MAXIMUM_CONCURRENT_RUNS_REACHED");
    CHECK_FALSE(d->run.start_unix_us);
    REQUIRE(d->alerts.size() == 1);
    CHECK(d->alerts[0].result == "MAXIMUM_CONCURRENT_RUNS_REACHED");
    CHECK(history.list_runs().size() == 1);
  }

  TEST_CASE("list_runs is newest first and honours the limit") {
    TempDir dir("list");
    FailingRun run;
    live::RunHistory history(dir.path / "runs.sqlite");
    for (int i = 0; i < 3; ++i) run.record(history, live_context());
    const auto runs = history.list_runs(2);
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].run_id == 3);
    CHECK(runs[1].run_id == 2);
    CHECK_FALSE(history.run(4));
    CHECK_FALSE(history.details(4));
  }

  TEST_CASE("a batch is one transaction: committed, it keeps every event; abandoned, none") {
    TempDir dir("batch");
    FailingRun run;
    live::RunHistory history(dir.path / "runs.sqlite");
    {
      live::RunHistory::Batch batch(history);
      run.record(history, live_context());
    }
    CHECK(history.list_runs().empty());
    {
      live::RunHistory::Batch batch(history);
      run.record(history, live_context());
      batch.commit();
    }
    REQUIRE(history.list_runs().size() == 1);
    CHECK(history.details(history.list_runs()[0].run_id)->attempts.size() == 3);
  }

  TEST_CASE("a writer killed with SIGKILL leaves every event it recorded") {
    TempDir dir("killed");
    FailingRun run;
    const fs::path file = dir.path / "runs.sqlite";
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {  // records the whole run, then dies without closing anything
      live::RunHistory history(file);
      run.record(history, live_context());
      ::kill(::getpid(), SIGKILL);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    live::RunHistory history(file);
    const auto runs = history.list_runs();
    REQUIRE(runs.size() == 1);
    const auto d = history.details(runs[0].run_id);
    CHECK(d->run.result == "FAILED");
    CHECK(d->attempts.size() == 3);
    CHECK(d->table_versions.size() == 2);
    CHECK(d->alerts.size() == 1);
  }

  TEST_CASE("the schema is versioned and the journal is WAL") {
    TempDir dir("schema");
    const fs::path file = dir.path / "runs.sqlite";
    { live::RunHistory history(file); }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(q) == SQLITE_ROW);
    CHECK(sqlite3_column_int(q, 0) == live::RunHistory::kSchemaVersion);
    sqlite3_finalize(q);
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(q) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, 0))) == "wal");
    sqlite3_finalize(q);
    sqlite3_close(db);
  }

  TEST_CASE("hostile files: not SQLite, another application's database, a newer schema") {
    TempDir dir("hostile");
    const fs::path text = dir.path / "notes.txt";
    std::ofstream(text) << "this is not a database, just some text that is long enough to fill a header page\n";
    CHECK_THROWS_WITH_AS(live::RunHistory{text}, doctest::Contains("not a SQLite database"), live::RunHistoryError);

    const fs::path other = dir.path / "other.sqlite";
    execute(other, "CREATE TABLE customers (name TEXT)");
    CHECK_THROWS_WITH_AS(live::RunHistory{other}, doctest::Contains("not an orchsim run history"),
                         live::RunHistoryError);

    const fs::path newer = dir.path / "newer.sqlite";
    { live::RunHistory history(newer); }
    execute(newer, "PRAGMA user_version = 99");
    CHECK_THROWS_WITH_AS(live::RunHistory{newer}, doctest::Contains("schema version 99 is newer"),
                         live::RunHistoryError);

    CHECK_THROWS_AS(live::RunHistory{dir.path / "missing-dir" / "runs.sqlite"}, live::RunHistoryError);
  }

  TEST_CASE("names with quotes and SQL in them are stored as given (bound, never pasted)") {
    TempDir dir("quotes");
    FailingRun run;
    live::RunHistory history(dir.path / "runs.sqlite");
    live::RecordingContext context = live_context();
    context.scenario = "it's'); DROP TABLE runs; --";
    run.record(history, context);
    const auto runs = history.list_runs();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].scenario == context.scenario);
  }
}
