// RunHistory::Recorder: engine events to rows. Every event kind is listed in on_event's visitor,
// recorded or deliberately ignored (with the reason).
#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include "engine/live/run_history.h"
#include "engine/live/sqlite_statement.h"

namespace orchsim::live {

struct RunHistory::Recorder::State {
  RunHistory& history;
  RecordingContext context;
  std::vector<std::int64_t> run_ids;       // RunId -> runs.run_id (0: not recorded)
  std::vector<JobId> job_of_run;           // RunId -> JobId
  std::vector<std::int64_t> attempt_rows;  // AttemptId -> attempts.attempt_id (0: not recorded)
  std::vector<std::uint32_t> attempt_numbers;

  sqlite3* db() const { return history.db_; }
  const std::string& label() const { return history.label_; }
  std::int64_t unix_us(SimTime t) const { return context.epoch_unix_us + t.micros(); }

  template <class... Args>
  void exec(std::string_view sql, const Args&... args) {
    SqliteStatement(db(), sql, label()).bind_all(args...).run();
  }

  template <class T>
  static void put(std::vector<T>& v, std::size_t i, T value) {
    if (v.size() <= i) v.resize(i + 1);
    v[i] = value;
  }
  template <class T>
  static T get(const std::vector<T>& v, std::size_t i) {
    return i < v.size() ? v[i] : T{};
  }

  std::int64_t db_run(RunId run) const { return run.valid() ? get(run_ids, run.index()) : 0; }
  std::optional<std::int64_t> optional_db_run(RunId run) const {
    const std::int64_t id = db_run(run);
    return id != 0 ? std::optional(id) : std::nullopt;
  }
  const JobSpec* job(JobId id) const { return id.valid() && id.index() < context.jobs.size() ? &context.jobs[id.index()] : nullptr; }
  std::string job_name(JobId id) const {
    const JobSpec* j = job(id);
    return j != nullptr ? j->name : fmt::format("job {}", id);
  }
  std::string task_name(RunId run, TaskId task) const {
    const JobSpec* j = job(get(job_of_run, run.index()));
    if (j != nullptr && task.index() < j->dag.size()) return std::string(j->dag.key(task));
    return fmt::format("task {}", task);
  }
  std::optional<std::string> optional_task_name(RunId run, TaskId task) const {
    if (!task.valid()) return std::nullopt;
    return task_name(run, task);
  }
  std::string table_name(TableId table) const {
    return table.index() < context.tables.size() ? context.tables[table.index()] : fmt::format("table {}", table);
  }
  std::string compute_name(ComputeId compute) const {
    if (compute.valid() && compute.index() < context.computes.size()) return context.computes[compute.index()];
    return compute.valid() ? fmt::format("{}", compute) : std::string();
  }

  // Inserts the run (and its tasks, not started yet) the first time the engine mentions it.
  void ensure_run(RunId run, JobId job_id, RunId parent, const char* state) {
    put(job_of_run, run.index(), job_id);
    if (db_run(run) != 0) return;
    exec("INSERT INTO runs (source, scenario, strategy, replication, job, parent_run_id, state, invocation_dir) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
         context.source, context.scenario, context.strategy, context.replication, job_name(job_id),
         optional_db_run(parent), state, context.invocation_dir);
    const std::int64_t id = sqlite3_last_insert_rowid(db());
    put(run_ids, run.index(), id);
    if (const JobSpec* j = job(job_id)) {
      for (TaskId t : j->dag.topological_order()) {
        exec("INSERT OR IGNORE INTO tasks (run_id, task) VALUES (?1, ?2)", id, std::string(j->dag.key(t)));
      }
    }
  }

  void record(SimTime, const RunQueued& e) { ensure_run(e.run, e.job, e.parent, "QUEUED"); }
  void record(SimTime t, const RunStarted& e) {
    ensure_run(e.run, e.job, e.parent, "RUNNING");
    exec("UPDATE runs SET state = 'RUNNING', start_unix_us = ?2 WHERE run_id = ?1", db_run(e.run), unix_us(t));
  }
  void record(SimTime t, const RunFinished& e) {
    ensure_run(e.run, e.job, RunId::invalid(), "TERMINATED");
    exec("UPDATE runs SET state = 'TERMINATED', result = ?2, queue_us = ?3, setup_us = ?4, execution_us = ?5, "
         "cleanup_us = ?6, end_unix_us = ?7 WHERE run_id = ?1",
         db_run(e.run), to_string(e.result), e.timing.queue.micros(), e.timing.setup.micros(),
         e.timing.execution.micros(), e.timing.cleanup.micros(), unix_us(t));
  }
  void record(SimTime t, const TaskStarted& e) {
    // A repair reruns a task: its earlier result gives way to the new one.
    exec("INSERT INTO tasks (run_id, task, start_unix_us) VALUES (?1, ?2, ?3) ON CONFLICT (run_id, task) DO UPDATE "
         "SET result = NULL, start_unix_us = excluded.start_unix_us, end_unix_us = NULL",
         db_run(e.run), task_name(e.run, e.task), unix_us(t));
  }
  void record(SimTime t, const AttemptStarted& e) {
    exec("INSERT INTO attempts (run_id, task, number, iteration, compute, start_unix_us) VALUES (?1, ?2, ?3, ?4, ?5, "
         "?6)",
         db_run(e.run), task_name(e.run, e.task), e.number, e.iteration, compute_name(e.compute), unix_us(t));
    put(attempt_rows, e.attempt.index(), static_cast<std::int64_t>(sqlite3_last_insert_rowid(db())));
    put(attempt_numbers, e.attempt.index(), e.number);
  }
  void record(SimTime t, const AttemptRunning& e) {
    exec("UPDATE attempts SET running_unix_us = ?2 WHERE attempt_id = ?1", get(attempt_rows, e.attempt.index()),
         unix_us(t));
  }
  void record(SimTime t, const AttemptFinished& e) {
    exec("UPDATE attempts SET end_unix_us = ?2, result = ?3, failure = ?4 WHERE attempt_id = ?1",
         get(attempt_rows, e.attempt.index()), unix_us(t), e.result.succeeded ? "SUCCESS" : "FAILED",
         e.result.succeeded ? std::nullopt : std::optional<std::string>(to_string(e.result.failure)));
  }
  // The next attempt's row says when the retry ran; the schedule itself is not history.
  void record(SimTime, const RetryScheduled&) {}
  // Each iteration's attempts carry their iteration; the for_each task's row has the overall result.
  void record(SimTime, const IterationFinished&) {}
  void record(SimTime t, const TaskFinished& e) {
    exec("INSERT INTO tasks (run_id, task, result, end_unix_us) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (run_id, task) "
         "DO UPDATE SET result = excluded.result, end_unix_us = excluded.end_unix_us",
         db_run(e.run), task_name(e.run, e.task), to_string(e.result), unix_us(t));
  }
  // The condition task's result (SUCCESS or FAILED) and its branches' EXCLUDED results record it.
  void record(SimTime, const ConditionEvaluated&) {}
  void record(SimTime t, const TableCommitted& e) {
    exec("INSERT INTO table_versions (run_id, table_name, version, kind, task, attempt, time_unix_us) VALUES (?1, ?2, "
         "?3, 'commit', ?4, ?5, ?6)",
         db_run(e.run), table_name(e.table), e.version, task_name(e.run, e.task),
         get(attempt_numbers, e.attempt.index()), unix_us(t));
  }
  void record(SimTime, const RollbackStarted& e) {
    exec("UPDATE runs SET rollback = ?2 WHERE run_id = ?1", db_run(e.run), to_string(e.scope));
  }
  void record(SimTime t, const TableRestored& e) {
    exec("INSERT INTO table_versions (run_id, table_name, version, kind, restored_from, time_unix_us) VALUES (?1, ?2, "
         "?3, 'restore', ?4, ?5)",
         db_run(e.run), table_name(e.table), e.version, e.restored_from, unix_us(t));
  }
  void alert(const Alert& a, bool suppressed) {
    if (a.run.valid()) ensure_run(a.run, a.job, RunId::invalid(), "QUEUED");  // e.g. a run skipped before it started
    const bool job_level = !a.task.valid();
    exec("INSERT INTO alerts (run_id, time_unix_us, kind, task, attempt, result, suppressed) VALUES (?1, ?2, ?3, ?4, "
         "?5, ?6, ?7)",
         optional_db_run(a.run), unix_us(a.time), to_string(a.kind), optional_task_name(a.run, a.task), a.attempt,
         job_level ? to_string(a.job_result) : to_string(a.task_result), suppressed ? 1 : 0);
  }
  void record(SimTime, const AlertRaised& e) { alert(e.alert, false); }
  void record(SimTime, const AlertSuppressed& e) { alert(e.alert, true); }
  void record(SimTime, const RepairStarted& e) {
    exec("UPDATE runs SET state = 'RUNNING', result = NULL, end_unix_us = NULL, repairs = ?2 WHERE run_id = ?1",
         db_run(e.run), e.repair);
  }
};

RunHistory::Recorder::Recorder(RunHistory& history, RecordingContext context)
    : state_(std::make_shared<State>(State{.history = history, .context = std::move(context), .run_ids = {},
                                           .job_of_run = {}, .attempt_rows = {}, .attempt_numbers = {}})) {}

void RunHistory::Recorder::on_event(const EngineEvent& event) {
  SqliteTransaction tx(state_->db(), state_->label());
  std::visit([&](const auto& body) { state_->record(event.time, body); }, event.body);
  tx.commit();
}

void RunHistory::Recorder::attempt_process(AttemptId attempt, int exit_code, const std::string& stdout_log,
                                           const std::string& stderr_log) {
  state_->exec("UPDATE attempts SET exit_code = ?2, stdout_log = ?3, stderr_log = ?4 WHERE attempt_id = ?1",
               State::get(state_->attempt_rows, attempt.index()), exit_code, stdout_log, stderr_log);
}

void RunHistory::Recorder::continue_run(RunId run, std::int64_t run_id) {
  SqliteStatement q(state_->db(), "SELECT job FROM runs WHERE run_id = ?1", state_->label());
  q.bind_all(run_id);
  if (!q.step()) throw RunHistoryError(fmt::format("{}: no run {}", state_->label(), run_id));
  const std::string job = q.text(0);
  for (std::size_t j = 0; j < state_->context.jobs.size(); ++j) {
    if (state_->context.jobs[j].name == job) State::put(state_->job_of_run, run.index(), JobId(static_cast<JobId::Value>(j)));
  }
  State::put(state_->run_ids, run.index(), run_id);
}

std::int64_t RunHistory::Recorder::run_id(RunId run) const { return state_->db_run(run); }

void RunHistory::Recorder::alert_delivery_failed(const Alert& alert, const std::string& sink,
                                                 const std::string& error) {
  state_->exec("INSERT INTO alert_failures (run_id, time_unix_us, kind, task, attempt, sink, error) VALUES (?1, ?2, "
               "?3, ?4, ?5, ?6, ?7)",
               state_->optional_db_run(alert.run), state_->unix_us(alert.time), to_string(alert.kind),
               state_->optional_task_name(alert.run, alert.task), alert.attempt, sink, error);
}

}  // namespace orchsim::live
