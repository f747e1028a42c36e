#include "engine/live/run_history.h"

#include <type_traits>
#include <variant>

#include <fmt/format.h>
#include <sqlite3.h>

#include "engine/live/sqlite_statement.h"

namespace orchsim::live {

namespace {

// Schema version 1 (docs/exec.md, "Run history"). A change to it bumps kSchemaVersion.
constexpr const char* kSchema = R"sql(
CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  scenario TEXT NOT NULL,
  strategy TEXT NOT NULL,
  replication INTEGER NOT NULL,
  job TEXT NOT NULL,
  parent_run_id INTEGER REFERENCES runs(run_id),
  state TEXT NOT NULL,
  result TEXT,
  queue_us INTEGER, setup_us INTEGER, execution_us INTEGER, cleanup_us INTEGER,
  start_unix_us INTEGER, end_unix_us INTEGER,
  rollback TEXT,
  repairs INTEGER NOT NULL DEFAULT 0,
  invocation_dir TEXT NOT NULL
);
CREATE TABLE tasks (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  task TEXT NOT NULL,
  result TEXT,
  start_unix_us INTEGER, end_unix_us INTEGER,
  PRIMARY KEY (run_id, task)
);
CREATE TABLE attempts (
  attempt_id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  task TEXT NOT NULL,
  number INTEGER NOT NULL,
  iteration INTEGER,
  compute TEXT NOT NULL,
  start_unix_us INTEGER NOT NULL, running_unix_us INTEGER, end_unix_us INTEGER,
  result TEXT, failure TEXT,
  exit_code INTEGER, stdout_log TEXT, stderr_log TEXT
);
CREATE INDEX attempts_of_run ON attempts(run_id);
CREATE TABLE alerts (
  alert_id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES runs(run_id),
  time_unix_us INTEGER NOT NULL,
  kind TEXT NOT NULL,
  task TEXT,
  attempt INTEGER NOT NULL,
  result TEXT NOT NULL,
  suppressed INTEGER NOT NULL
);
CREATE INDEX alerts_of_run ON alerts(run_id);
CREATE TABLE alert_failures (
  run_id INTEGER REFERENCES runs(run_id),
  time_unix_us INTEGER NOT NULL,
  kind TEXT NOT NULL,
  task TEXT,
  attempt INTEGER NOT NULL,
  sink TEXT NOT NULL,
  error TEXT NOT NULL
);
CREATE TABLE table_versions (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  table_name TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  restored_from INTEGER,
  task TEXT,
  attempt INTEGER,
  time_unix_us INTEGER NOT NULL
);
CREATE INDEX table_versions_of_run ON table_versions(run_id);
)sql";

constexpr const char* kRunColumns =
    "SELECT run_id, source, scenario, strategy, replication, job, parent_run_id, state, result, queue_us, setup_us, "
    "execution_us, cleanup_us, start_unix_us, end_unix_us, rollback, repairs, invocation_dir FROM runs";

RunRow run_row(const SqliteStatement& r) {
  return {.run_id = r.integer(0), .source = r.text(1), .scenario = r.text(2), .strategy = r.text(3),
          .replication = static_cast<std::uint64_t>(r.integer(4)), .job = r.text(5),
          .parent_run_id = r.optional_integer(6), .state = r.text(7), .result = r.text(8),
          .queue_us = r.optional_integer(9), .setup_us = r.optional_integer(10),
          .execution_us = r.optional_integer(11), .cleanup_us = r.optional_integer(12),
          .start_unix_us = r.optional_integer(13), .end_unix_us = r.optional_integer(14), .rollback = r.text(15),
          .repairs = static_cast<std::uint32_t>(r.integer(16)), .invocation_dir = r.text(17)};
}

template <class Enum, std::size_t N>
Enum parse_result(const std::string& name, const Enum (&values)[N]) {
  for (Enum v : values) {
    if (name == to_string(v)) return v;
  }
  return values[0];
}

TaskResult task_result(const std::string& name) {
  static constexpr TaskResult kAll[] = {TaskResult::kNone,           TaskResult::kSuccess,          TaskResult::kFailed,
                                        TaskResult::kTimedOut,       TaskResult::kCanceled,         TaskResult::kExcluded,
                                        TaskResult::kUpstreamFailed, TaskResult::kUpstreamCanceled, TaskResult::kDisabled,
                                        TaskResult::kInternalError};
  return parse_result(name, kAll);
}

JobResult job_result(const std::string& name) {
  static constexpr JobResult kAll[] = {JobResult::kNone,     JobResult::kSuccess,  JobResult::kSuccessWithFailures,
                                       JobResult::kFailed,   JobResult::kTimedOut, JobResult::kCanceled,
                                       JobResult::kSkipped};
  return parse_result(name, kAll);
}

std::optional<std::uint32_t> optional_u32(const std::optional<std::int64_t>& v) {
  if (!v) return std::nullopt;
  return static_cast<std::uint32_t>(*v);
}

}  // namespace

RunHistory::RunHistory(const std::filesystem::path& file) : label_("run history " + file.string()) {
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw RunHistoryError(fmt::format("{}: cannot open: {}", label_, message));
  }
  try {
    open_schema();
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

RunHistory::~RunHistory() { sqlite3_close(db_); }

void RunHistory::open_schema() {
  sqlite3_busy_timeout(db_, 5000);  // another reader (`orchsim runs`) may hold a lock briefly
  int version = 0;
  try {
    SqliteStatement q(db_, "PRAGMA user_version", label_);
    if (q.step()) version = static_cast<int>(q.integer(0));
  } catch (const RunHistoryError&) {
    throw RunHistoryError(fmt::format("{}: not a SQLite database ({})", label_, sqlite3_errmsg(db_)));
  }
  if (version > kSchemaVersion) {
    throw RunHistoryError(fmt::format("{}: schema version {} is newer than this orchsim's ({}); use a newer orchsim",
                                      label_, version, kSchemaVersion));
  }
  // Readers never block the writer and a killed writer loses no committed event; NORMAL syncs at
  // checkpoints only, which survives a killed process (not a power cut) and keeps a commit cheap.
  SqliteStatement(db_, "PRAGMA journal_mode=WAL", label_).run();
  SqliteStatement(db_, "PRAGMA synchronous=NORMAL", label_).run();
  SqliteStatement(db_, "PRAGMA foreign_keys=ON", label_).run();
  if (version == kSchemaVersion) return;
  SqliteTransaction tx(db_, label_);
  SqliteStatement tables(db_, "SELECT count(*) FROM sqlite_master", label_);
  if (tables.step() && tables.integer(0) != 0) {
    throw RunHistoryError(fmt::format("{}: a SQLite database, but not an orchsim run history (it has other tables "
                                      "and no schema version)", label_));
  }
  char* error = nullptr;
  if (sqlite3_exec(db_, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "?";
    sqlite3_free(error);
    throw RunHistoryError(fmt::format("{}: cannot create the schema: {}", label_, message));
  }
  SqliteStatement(db_, fmt::format("PRAGMA user_version={}", kSchemaVersion), label_).run();
  tx.commit();
}

std::vector<RecordedRun> RunHistory::list_runs(std::size_t limit) const {
  SqliteStatement q(db_,
                    "SELECT run_id, source, scenario, strategy, job, result, start_unix_us, end_unix_us FROM runs "
                    "ORDER BY run_id DESC LIMIT ?1",
                    label_);
  q.bind_all(static_cast<std::int64_t>(limit));
  std::vector<RecordedRun> runs;
  while (q.step()) {
    runs.push_back({.run_id = q.integer(0),
                    .source = q.text(1),
                    .scenario = q.text(2),
                    .strategy = q.text(3),
                    .job = q.text(4),
                    .result = job_result(q.text(5)),
                    .start_unix_us = q.optional_integer(6).value_or(0),
                    .end_unix_us = q.optional_integer(7).value_or(0),
                    .tasks = {}});
  }
  return runs;
}

RunHistory::Batch::Batch(RunHistory& history) : tx_(std::make_unique<SqliteTransaction>(history.db_, history.label_)) {}
RunHistory::Batch::~Batch() = default;
void RunHistory::Batch::commit() { tx_->commit(); }

std::vector<RunRow> RunHistory::list_run_rows(std::size_t limit) const {
  SqliteStatement q(db_, std::string(kRunColumns) + " ORDER BY run_id DESC LIMIT ?1", label_);
  q.bind_all(static_cast<std::int64_t>(limit));
  std::vector<RunRow> rows;
  while (q.step()) rows.push_back(run_row(q));
  return rows;
}

std::optional<RecordedRun> RunHistory::run(std::int64_t run_id) const {
  SqliteStatement q(db_,
                    "SELECT run_id, source, scenario, strategy, job, result, start_unix_us, end_unix_us FROM runs "
                    "WHERE run_id = ?1",
                    label_);
  q.bind_all(run_id);
  if (!q.step()) return std::nullopt;
  RecordedRun run{.run_id = q.integer(0),
                  .source = q.text(1),
                  .scenario = q.text(2),
                  .strategy = q.text(3),
                  .job = q.text(4),
                  .result = job_result(q.text(5)),
                  .start_unix_us = q.optional_integer(6).value_or(0),
                  .end_unix_us = q.optional_integer(7).value_or(0),
                  .tasks = {}};
  SqliteStatement t(db_,
                    "SELECT t.task, t.result, (SELECT max(number) FROM attempts a WHERE a.run_id = t.run_id AND "
                    "a.task = t.task) FROM tasks t WHERE t.run_id = ?1 ORDER BY t.rowid",
                    label_);
  t.bind_all(run_id);
  while (t.step()) {
    run.tasks.push_back({.job = run.job,
                         .task = t.text(0),
                         .result = task_result(t.text(1)),
                         .attempts = static_cast<std::uint32_t>(t.optional_integer(2).value_or(0))});
  }
  return run;
}

std::optional<RunDetails> RunHistory::details(std::int64_t run_id) const {
  SqliteStatement r(db_, std::string(kRunColumns) + " WHERE run_id = ?1", label_);
  r.bind_all(run_id);
  if (!r.step()) return std::nullopt;
  RunDetails d;
  d.run = run_row(r);
  SqliteStatement t(db_, "SELECT task, result, start_unix_us, end_unix_us FROM tasks WHERE run_id = ?1 ORDER BY rowid",
                    label_);
  t.bind_all(run_id);
  while (t.step()) {
    d.tasks.push_back({.task = t.text(0), .result = t.text(1), .start_unix_us = t.optional_integer(2),
                       .end_unix_us = t.optional_integer(3)});
  }
  SqliteStatement a(db_,
                    "SELECT task, number, iteration, compute, start_unix_us, running_unix_us, end_unix_us, result, "
                    "failure, exit_code, stdout_log, stderr_log FROM attempts WHERE run_id = ?1 ORDER BY attempt_id",
                    label_);
  a.bind_all(run_id);
  while (a.step()) {
    const auto exit_code = a.optional_integer(9);
    d.attempts.push_back({.task = a.text(0), .number = static_cast<std::uint32_t>(a.integer(1)),
                          .iteration = optional_u32(a.optional_integer(2)), .compute = a.text(3),
                          .start_unix_us = a.integer(4), .running_unix_us = a.optional_integer(5),
                          .end_unix_us = a.optional_integer(6), .result = a.text(7), .failure = a.text(8),
                          .exit_code = exit_code ? std::optional<int>(static_cast<int>(*exit_code)) : std::nullopt,
                          .stdout_log = a.text(10), .stderr_log = a.text(11)});
  }
  SqliteStatement al(db_,
                     "SELECT time_unix_us, kind, task, attempt, result, suppressed, (SELECT group_concat(f.sink || "
                     "': ' || f.error, '; ') FROM alert_failures f WHERE f.run_id = al.run_id AND f.time_unix_us = "
                     "al.time_unix_us AND f.kind = al.kind AND f.task IS al.task AND f.attempt = al.attempt) FROM "
                     "alerts al WHERE run_id = ?1 ORDER BY alert_id",
                     label_);
  al.bind_all(run_id);
  while (al.step()) {
    d.alerts.push_back({.time_unix_us = al.integer(0), .kind = al.text(1), .task = al.text(2),
                        .attempt = static_cast<std::uint32_t>(al.integer(3)), .result = al.text(4),
                        .suppressed = al.integer(5) != 0, .delivery_error = al.text(6)});
  }
  SqliteStatement v(db_,
                    "SELECT table_name, version, kind, restored_from, task, attempt, time_unix_us FROM table_versions "
                    "WHERE run_id = ?1 ORDER BY rowid",
                    label_);
  v.bind_all(run_id);
  while (v.step()) {
    const auto from = v.optional_integer(3);
    d.table_versions.push_back({.table = v.text(0), .version = static_cast<std::uint64_t>(v.integer(1)),
                                .kind = v.text(2),
                                .restored_from = from ? std::optional<std::uint64_t>(*from) : std::nullopt,
                                .task = v.text(4), .attempt = optional_u32(v.optional_integer(5)),
                                .time_unix_us = v.integer(6)});
  }
  return d;
}

}  // namespace orchsim::live
