// SystemTableRecords: rows of Databricks system-table exports gathered into run records.
// system.lakeflow.job_run_timeline (one row per run and hour slice: the slices of one run_id are
// merged, start = first period_start_time, end = last period_end_time, result = the slice that has
// one, in the Jobs API's words: SUCCEEDED is SUCCESS, ERROR FAILED…), system.lakeflow.job_task_run_timeline (the same per task run, each task run an attempt of
// its job_run_id, numbered in start order per task_key) and system.billing.usage (usage_quantity
// summed per usage_metadata.job_run_id and sku_name; a record_id seen twice counts once). A row
// comes from a CSV export with a header row or from a JSON object (list or JSON Lines); both are
// first made a TableRow of located texts. Used by load_run_records; columns in docs/calibration.md.
// Not thread-safe (one per load).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/run_records.h"
#include "sim/input/config_node.h"
#include "sim/input/csv_reader.h"

namespace orchsim::sim {

enum class SystemTable : std::uint8_t { kNone, kJobRunTimeline, kTaskRunTimeline, kBillingUsage };

// One row: column name → located text; absent and null columns are left out; a nested object
// (usage_metadata) is flattened to "usage_metadata.job_run_id"; a list (compute_ids) keeps its items
// joined by ','.
struct TableRow {
  std::vector<std::pair<std::string, CsvCell>> cells;
  SourceLocation where;

  const CsvCell* find(std::string_view column) const;
};

// Which table has these columns (kNone when none fits).
SystemTable system_table_of(const TableRow& row);
SystemTable system_table_of(const std::vector<CsvCell>& header);
// "job_run_timeline", … for messages.
const char* system_table_name(SystemTable table);

TableRow table_row_from_json(const ConfigNode& object);
// A CSV row; a usage_metadata cell holding a JSON object, or a compute_ids cell holding a JSON list,
// is parsed and flattened; an empty cell is SQL NULL, left out.
TableRow table_row_from_csv(const std::vector<CsvCell>& header, const std::vector<CsvCell>& cells,
                            Diagnostics& diagnostics);

// A system-table timestamp ("2024-05-01 10:00:00.000+00:00", ISO 8601 with T and Z or an offset, or
// epoch milliseconds) as Unix milliseconds; nullopt when it is none of these.
std::optional<std::int64_t> parse_timestamp_ms(std::string_view text);

class SystemTableRecords {
 public:
  void add(SystemTable table, const TableRow& row, Diagnostics& diagnostics);

  // Runs described by timeline rows (finished ones; attempts from the task timeline).
  std::vector<models::JobRunRecord> timeline_runs(std::size_t& unfinished) const;
  // Task attempts per job run from the task timeline (attempt numbers assigned).
  std::map<std::int64_t, std::vector<models::TaskAttemptRecord>> task_attempts() const;
  // Billing per job run: DBUs by SKU, and the number of rows.
  struct Usage {
    std::map<std::string, double> dbus_by_sku;
    std::size_t rows = 0;
  };
  const std::map<std::int64_t, Usage>& usage() const { return usage_; }

 private:
  struct Span {
    std::int64_t job_id = 0;
    std::int64_t job_run_id = 0;  // task runs: the job run
    std::string task_key, name, trigger, result_state, termination_code, cluster_id;
    std::int64_t start_ms = 0, end_ms = 0;
    SourceLocation where;
  };
  void add_span(std::map<std::int64_t, Span>& spans, bool task, const TableRow& row, Diagnostics& diagnostics);
  void add_usage(const TableRow& row, Diagnostics& diagnostics);

  std::map<std::int64_t, Span> job_runs_;   // by run_id
  std::map<std::int64_t, Span> task_runs_;  // by the task run's run_id
  std::map<std::int64_t, Usage> usage_;
  std::set<std::string> record_ids_;
};

}  // namespace orchsim::sim
