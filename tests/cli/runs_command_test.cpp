// `orchsim runs` and `compare --db`: simulated runs written to the run history, read back through
// the CLI and with plain SQL (any SQLite client), deterministic in content; bad files and ids are
// exit 2.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <sqlite3.h>

#include "engine/live/run_history.h"
#include "tests/cli/cli_invoke.h"
#include "tests/engine/harness.h"

using namespace orchsim;
using namespace orchsim::testing;
namespace fs = std::filesystem;

namespace {

const std::string kScenario = ORCHSIM_SOURCE_DIR "/scenarios/rollback-alerts.yaml";

struct TempDir {
  TempDir() : path(fs::temp_directory_path() / fmt::format("orchsim-runs-{}", static_cast<const void*>(this))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const char* name) const { return (path / name).string(); }
  fs::path path;
};

// Every row of every table, in insertion order, as text: what two histories must share.
std::string dump(const std::string& file) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  std::string text;
  for (const char* table : {"runs", "tasks", "attempts", "alerts", "alert_failures", "table_versions"}) {
    sqlite3_stmt* q = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, fmt::format("SELECT * FROM {} ORDER BY rowid", table).c_str(), -1, &q, nullptr) ==
            SQLITE_OK);
    text += fmt::format("[{}]\n", table);
    while (sqlite3_step(q) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(q); ++c) {
        const auto* v = sqlite3_column_text(q, c);
        text += v != nullptr ? reinterpret_cast<const char*>(v) : "NULL";
        text += '|';
      }
      text += '\n';
    }
    sqlite3_finalize(q);
  }
  sqlite3_close(db);
  return text;
}

std::string scalar(const std::string& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &q, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  const auto* v = sqlite3_column_text(q, 0);
  std::string value = v != nullptr ? reinterpret_cast<const char*>(v) : "NULL";
  sqlite3_finalize(q);
  sqlite3_close(db);
  return value;
}

}  // namespace

TEST_SUITE("cli.runs") {
  TEST_CASE("compare --db writes replication 0 of each strategy; the content is the same every time") {
    TempDir dir;
    const std::string a = dir.file("a.sqlite"), b = dir.file("b.sqlite");
    REQUIRE(invoke({"compare", kScenario, "-n", "4", "--db", a}).code == 0);
    REQUIRE(invoke({"compare", kScenario, "-n", "4", "--threads", "1", "--db", b}).code == 0);
    CHECK(dump(a) == dump(b));
    // The scenario's comment: single_job_shared_cluster is one job run; multi_job grouped by
    // bronze/silver/gold is an orchestrator and three jobs. 1 + 4 runs, all of replication 0.
    CHECK(scalar(a, "SELECT count(*) FROM runs") == "5");
    CHECK(scalar(a, "SELECT count(*) FROM runs WHERE source = 'simulated' AND replication = 0") == "5");
    CHECK(scalar(a, "SELECT count(*) FROM runs WHERE parent_run_id IS NOT NULL") == "3");
    CHECK(scalar(a, "SELECT group_concat(task, ',') FROM (SELECT task FROM tasks WHERE run_id = 1 ORDER BY rowid)") ==
          "ingest,transform,publish,check_gold");
    CHECK(scalar(a, "SELECT count(*) FROM runs WHERE state != 'TERMINATED' OR result IS NULL") == "0");
    // Each attempt is ended, and each task's result came from its TaskFinished.
    CHECK(scalar(a, "SELECT count(*) FROM attempts WHERE end_unix_us IS NULL OR result IS NULL") == "0");
    CHECK(scalar(a, "SELECT count(*) FROM tasks WHERE result IS NULL") == "0");
  }

  TEST_CASE("--db-all-replications writes every replication; a second compare appends") {
    TempDir dir;
    const std::string f = dir.file("all.sqlite");
    REQUIRE(invoke({"compare", kScenario, "-n", "3", "--db", f, "--db-all-replications"}).code == 0);
    CHECK(scalar(f, "SELECT count(*) FROM runs") == "15");
    CHECK(scalar(f, "SELECT group_concat(DISTINCT replication) FROM runs") == "0,1,2");
    REQUIRE(invoke({"compare", kScenario, "-n", "3", "--db", f}).code == 0);
    CHECK(scalar(f, "SELECT count(*) FROM runs") == "20");
  }

  TEST_CASE("runs lists newest first and runs show prints a run's tasks, attempts, alerts and tables") {
    TempDir dir;
    const std::string f = dir.file("h.sqlite");
    REQUIRE(invoke({"compare", kScenario, "-n", "2", "--db", f}).code == 0);
    const auto list = invoke({"runs", "--db", f, "--limit", "2"});
    REQUIRE(list.code == 0);
    CHECK(list.out.find("\n     5  simulated") != std::string::npos);
    CHECK(list.out.find("\n     4  simulated") != std::string::npos);
    CHECK(list.out.find("\n     3  simulated") == std::string::npos);
    const auto show = invoke({"runs", "show", "1", "--db", f});
    REQUIRE(show.code == 0);
    CHECK(show.out.rfind("run 1: job gold_pipeline (simulated), TERMINATED ", 0) == 0);
    CHECK(show.out.find("\ntasks (4)\n") != std::string::npos);
    CHECK(show.out.find("\nattempts (") != std::string::npos);
    CHECK(show.out.find("\nalerts (") != std::string::npos);
    CHECK(show.out.find("\ntable versions (") != std::string::npos);
    CHECK(show.out.find("bronze v1: commit by ingest #1") != std::string::npos);
  }

  TEST_CASE("runs show prints a live attempt's exit code and log paths") {
    TempDir dir;
    const std::string f = dir.file("live.sqlite");
    {
      std::vector<JobSpec> jobs;
      jobs.push_back(job_of({{"load"}}, "etl"));
      live::RunHistory history(f);
      // A run at unix time 1 700 000 000 s (2023-11-14T22:13:20Z): load's attempt 1 on compute
      // "local" starts at once, runs from 0.5 s, fails at 2 s with exit code 3.
      live::RunHistory::Recorder recorder(history, {.source = "live", .scenario = "etl.yaml",
                                                    .epoch_unix_us = 1'700'000'000'000'000, .jobs = jobs,
                                                    .computes = {"local"}, .invocation_dir = "out/runs/etl"});
      const SimTime t0 = SimTime::zero();
      recorder.on_event({t0, RunStarted{RunId(0), JobId(0), RunId::invalid()}});
      recorder.on_event({t0, TaskStarted{RunId(0), TaskId(0)}});
      recorder.on_event({t0, AttemptStarted{RunId(0), TaskId(0), AttemptId(0), 1, ComputeId(0), std::nullopt}});
      recorder.on_event({t0 + Duration::millis(500), AttemptRunning{RunId(0), TaskId(0), AttemptId(0)}});
      recorder.attempt_process(AttemptId(0), 3, "out/runs/etl/load.1.out", "out/runs/etl/load.1.err");
      recorder.on_event({t0 + Duration::seconds(2),
                         AttemptFinished{RunId(0), TaskId(0), AttemptId(0), AttemptResult::failed(FailureKind::kPermanent)}});
    }
    const auto show = invoke({"runs", "show", "1", "--db", f});
    REQUIRE(show.code == 0);
    CHECK(show.out.find("run 1: job etl (live), RUNNING -\n") != std::string::npos);
    CHECK(show.out.find("  run directory: out/runs/etl\n") != std::string::npos);
    CHECK(show.out.find("  load #1 on local: FAILED (permanent), exit 3, 2023-11-14T22:13:20.000000Z .. "
                        "2023-11-14T22:13:22.000000Z\n"
                        "      stdout out/runs/etl/load.1.out\n"
                        "      stderr out/runs/etl/load.1.err\n") != std::string::npos);
    const auto list = invoke({"runs", "--db", f});
    CHECK(list.out.find("\n     1  live       RUNNING                 2023-11-14T22:13:20.000000Z") != std::string::npos);
  }

  TEST_CASE("bad files, ids and options are exit 2 with a message") {
    TempDir dir;
    const std::string text = dir.file("notes.txt");
    std::ofstream(text) << "not a database at all, but long enough to look like it could have a header\n";
    const auto not_db = invoke({"runs", "--db", text});
    CHECK(not_db.code == 2);
    CHECK(not_db.err.find("not a SQLite database") != std::string::npos);
    const auto compare_not_db = invoke({"compare", kScenario, "-n", "2", "--db", text});
    CHECK(compare_not_db.code == 2);
    CHECK(compare_not_db.out.empty());  // refused before the experiment ran
    const auto missing = invoke({"runs", "--db", dir.file("missing.sqlite")});
    CHECK(missing.code == 2);
    CHECK(missing.err.find("no run history at") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path / "missing.sqlite"));

    const std::string f = dir.file("h.sqlite");
    REQUIRE(invoke({"compare", kScenario, "-n", "2", "--db", f}).code == 0);
    const auto unknown = invoke({"runs", "show", "99", "--db", f});
    CHECK(unknown.code == 2);
    CHECK(unknown.err.find("no run 99") != std::string::npos);
    CHECK(invoke({"runs", "show", "abc", "--db", f}).code == 2);
    CHECK(invoke({"runs", "show", "--db", f}).code == 2);
    CHECK(invoke({"runs", "list", "--db", f}).code == 2);
    CHECK(invoke({"runs", "--db", f, "--limit", "0"}).code == 2);
    CHECK(invoke({"compare", kScenario, "--db-all-replications"}).code == 2);
  }
}
