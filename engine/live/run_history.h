// RunHistory: the SQLite record of runs (docs/exec.md has the schema). `orchsim exec` writes every
// run, task, attempt (times, state, exit code, log paths), alert and table version as it happens;
// `compare --db` writes simulated replications to the same schema; `orchsim runs` and any SQLite
// client read it. One connection, used from the loop thread only.
//
// Identifiers: a run's `run_id` in the database is global to the file (INTEGER PRIMARY KEY) and is
// what users see; the engine's RunId is per engine and only maps to it through a Recorder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/events.h"
#include "engine/job.h"
#include "engine/live/run_details.h"
#include "engine/run_result.h"

struct sqlite3;

namespace orchsim::live {
class SqliteTransaction;
}

namespace orchsim::live {

// What one recording session is about (one `exec` invocation, or one simulated replication).
struct RecordingContext {
  std::string source;    // "live" or "simulated"
  std::string scenario;  // file the jobs came from
  std::string strategy;  // layout name; empty live
  std::uint64_t replication = 0;
  std::int64_t epoch_unix_us = 0;  // wall-clock time of SimTime zero, so times are absolute
  std::span<const JobSpec> jobs;   // names of jobs and tasks
  std::vector<std::string> tables;  // TableId -> name
  std::vector<std::string> computes;  // ComputeId -> name (a missing name is written as its number)
  std::string invocation_dir;       // live: where the logs and staging are
};

// One task of a recorded run, as `exec --repair` needs it.
struct RecordedTask {
  std::string job;
  std::string task;
  TaskResult result = TaskResult::kNone;
  std::uint32_t attempts = 0;  // highest attempt number so far (repairs continue the numbering)
};

struct RecordedRun {
  std::int64_t run_id = 0;
  std::string source;
  std::string scenario;
  std::string strategy;
  std::string job;
  JobResult result = JobResult::kNone;
  std::int64_t start_unix_us = 0;
  std::int64_t end_unix_us = 0;
  std::vector<RecordedTask> tasks;  // filled by RunHistory::run(), empty in list_runs()
};

// A database that cannot be opened, is not a run history, has a newer schema, or fails a write.
// The CLI reports it as bad input (exit 2).
struct RunHistoryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class RunHistory {
 public:
  static constexpr int kSchemaVersion = 1;  // PRAGMA user_version of a file this code writes

  // Opens (creating the file and schema if needed) the database; throws RunHistoryError with
  // the path and SQLite's message when it cannot, when the file is not a SQLite database or
  // holds other tables than a run history, or when its schema is newer than kSchemaVersion.
  explicit RunHistory(const std::filesystem::path& file);
  ~RunHistory();
  RunHistory(const RunHistory&) = delete;
  RunHistory& operator=(const RunHistory&) = delete;

  // Writes what one engine emits, as it emits it (each event in its own short transaction, so a
  // killed `exec` leaves every finished step recorded).
  class Recorder final : public EventSink {
   public:
    Recorder(RunHistory& history, RecordingContext context);
    void on_event(const EngineEvent& event) override;
    // The process side of an attempt, which engine events do not carry.
    void attempt_process(AttemptId attempt, int exit_code, const std::string& stdout_log,
                         const std::string& stderr_log);
    // Repair: engine run `run` continues database run `run_id` instead of creating a new one.
    void continue_run(RunId run, std::int64_t run_id);
    // An alert sink failed to deliver `alert` (the pipeline goes on); `sink` names the sink.
    void alert_delivery_failed(const Alert& alert, const std::string& sink, const std::string& error);
    // The database run id of an engine run (0 if not recorded yet).
    std::int64_t run_id(RunId run) const;

   private:
    struct State;
    std::shared_ptr<State> state_;
  };

  // Makes everything recorded until commit() one transaction (bulk writers: `compare --db`, where a
  // transaction per event would cost a write each); destroyed uncommitted, it rolls everything back.
  class Batch {
   public:
    explicit Batch(RunHistory& history);
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
    void commit();

   private:
    std::unique_ptr<SqliteTransaction> tx_;
  };

  std::vector<RecordedRun> list_runs(std::size_t limit = 50) const;
  // The same runs with every column (times absent rather than 0 when unknown), for `orchsim runs`.
  std::vector<RunRow> list_run_rows(std::size_t limit = 50) const;
  std::optional<RecordedRun> run(std::int64_t run_id) const;
  // Everything recorded about one run, for `orchsim runs show`.
  std::optional<RunDetails> details(std::int64_t run_id) const;

 private:
  void open_schema();

  std::string label_;  // "run history <path>", the prefix of every error
  sqlite3* db_ = nullptr;
};

}  // namespace orchsim::live
