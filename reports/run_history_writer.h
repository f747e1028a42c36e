// RunHistoryWriter: simulated runs (models::JobRunRecord, made by sim/experiment/replication_history.h)
// written as the run records Databricks exports, for `orchsim compare --history-out DIR`: per
// strategy, `runs.json` (a Jobs API 2.1 runs/list page with expand_tasks: each run's tasks with
// their attempts, phases, cluster and result), and the system-table CSV layout:
// `job_run_timeline.csv` and `job_task_run_timeline.csv` (one row per run or task run and UTC hour
// slice, the result on the last slice, in the tables' words: SUCCEEDED, CANCELLED, TIMED_OUT) and
// `billing_usage.csv` (one row per run: its DBUs under its SKU, usage_metadata as JSON).
// load_run_records (sim/input/run_records_reader.h) reads every one of them back. Runs are appended
// one at a time so that nothing but the output text is held. A writer only; one per strategy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/run_records.h"
#include "reports/bundle.h"

namespace orchsim::reports {

// Unix milliseconds as the system tables write a timestamp: "2026-01-01 00:00:00.000+00:00".
std::string system_table_timestamp(std::int64_t unix_ms);

class RunHistoryWriter {
 public:
  RunHistoryWriter();
  void add(const models::JobRunRecord& run, std::string_view sku_name);
  // The four files; the writer is spent afterwards.
  std::vector<ReportFile> files();

 private:
  void add_timeline_rows(const models::JobRunRecord& run);

  std::string runs_json_, job_timeline_, task_timeline_, usage_;
  bool first_run_ = true;
};

}  // namespace orchsim::reports
