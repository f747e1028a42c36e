// RunDetails: everything the run history holds about one run (its attempts with exit codes and log
// paths, its alerts, the table versions it wrote), as RunHistory::details() reads it for
// `orchsim runs show`. Plain values; times are unix microseconds; absent values are nullopt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orchsim::live {

struct RunRow {
  std::int64_t run_id = 0;
  std::string source;
  std::string scenario;
  std::string strategy;
  std::uint64_t replication = 0;
  std::string job;
  std::optional<std::int64_t> parent_run_id;
  std::string state;   // QUEUED, RUNNING or TERMINATED
  std::string result;  // a JobResult name; empty until the run finished
  std::optional<std::int64_t> queue_us, setup_us, execution_us, cleanup_us;
  std::optional<std::int64_t> start_unix_us, end_unix_us;
  std::string rollback;  // the scope of a rollback the run started; empty without one
  std::uint32_t repairs = 0;
  std::string invocation_dir;
};

struct TaskRow {
  std::string task;
  std::string result;  // empty while the task has not finished
  std::optional<std::int64_t> start_unix_us, end_unix_us;
};

struct AttemptRow {
  std::string task;
  std::uint32_t number = 0;
  std::optional<std::uint32_t> iteration;
  std::string compute;
  std::int64_t start_unix_us = 0;
  std::optional<std::int64_t> running_unix_us, end_unix_us;
  std::string result;   // SUCCESS or FAILED; empty while running
  std::string failure;  // a FailureKind name when FAILED
  std::optional<int> exit_code;
  std::string stdout_log, stderr_log;
};

struct AlertRow {
  std::int64_t time_unix_us = 0;
  std::string kind;
  std::string task;  // empty for a job-level alert
  std::uint32_t attempt = 0;
  std::string result;
  bool suppressed = false;  // dedup or rate limit kept it from the sinks
  std::string delivery_error;  // a sink's failure; empty when every sink took it
};

struct TableVersionRow {
  std::string table;
  std::uint64_t version = 0;
  std::string kind;  // commit or restore
  std::optional<std::uint64_t> restored_from;
  std::string task;
  std::optional<std::uint32_t> attempt;
  std::int64_t time_unix_us = 0;
};

struct RunDetails {
  RunRow run;
  std::vector<TaskRow> tasks;
  std::vector<AttemptRow> attempts;
  std::vector<AlertRow> alerts;
  std::vector<TableVersionRow> table_versions;
};

}  // namespace orchsim::live
