// RunRecords: a job's recorded run history, whatever file it came from (Jobs API runs/list and
// runs/get JSON, system.lakeflow.job_run_timeline / job_task_run_timeline and system.billing.usage
// exports; readers in sim/input/, see docs/calibration.md). The fitting (models/history_fit) and the
// backtest read only this. Times are Unix milliseconds, as the API and the system tables give them.
// Plain data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/error.h"

namespace orchsim::models {

// One attempt of one task (runs/list with expand_tasks: an element of `tasks`, a repair or retry
// being another element with a higher attempt_number).
struct TaskAttemptRecord {
  std::string task_key;
  std::uint32_t attempt_number = 0;  // 0 for the first attempt, as the Jobs API numbers them
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  // Jobs API phases (ms); absent in sources that do not split them.
  std::optional<std::int64_t> setup_ms;
  std::optional<std::int64_t> execution_ms;
  std::optional<std::int64_t> cleanup_ms;
  std::string result_state;  // SUCCESS, FAILED, TIMEDOUT, CANCELED, SKIPPED, UPSTREAM_FAILED, ...
  std::string compute;       // job_cluster_key, existing_cluster_id, or "serverless"
  std::string cluster_id;    // the cluster instance it ran on (cluster_instance.cluster_id; "" unknown)
  std::int64_t task_run_id = 0;   // the attempt's own run_id (0 when the source has none)
  std::string termination_code;   // status.termination_details.code or termination_code, as written
  SourceLocation where;      // for messages
};

// DBUs of one SKU billed to one run (system.billing.usage rows summed).
struct SkuUsage {
  std::string sku_name;
  double dbus = 0;
};

struct JobRunRecord {
  std::int64_t run_id = 0;
  std::int64_t job_id = 0;
  std::string job_name;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string result_state;  // the run's result (SUCCESS, FAILED, ...)
  std::string trigger;       // PERIODIC, ONE_TIME, RETRY, ...
  std::vector<TaskAttemptRecord> attempts;
  std::optional<double> dbus;      // from billing usage rows of this run, summed
  std::vector<SkuUsage> usage;     // the same by SKU, in SKU name order
  std::optional<double> list_cost_usd;  // when the export carries prices
  SourceLocation where;
};

struct RunRecords {
  std::vector<JobRunRecord> runs;  // in start order once merged (load_run_records)
  std::size_t unfinished_runs = 0;       // runs still running when exported (end_time 0): left out
  std::size_t unmatched_usage_rows = 0;  // billing rows naming a run no other record describes
};

}  // namespace orchsim::models
