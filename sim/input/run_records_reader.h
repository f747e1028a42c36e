// load_run_records: a job's recorded run history from any number of files, as one RunRecords
// (models/run_records.h) for the fitting and the backtest. Each file's format is told by its
// content: Jobs API runs JSON (a runs/list page, a runs/get run, a list of runs, or JSON Lines of
// runs; sim/input/jobs_runs_reader.h), or a system-table export as CSV with a header row, JSON
// list or JSON Lines (job_run_timeline, job_task_run_timeline, billing usage;
// sim/input/system_table_reader.h). Runs are merged by run_id across files (a run seen in several
// files keeps the first file's run fields; attempts come from the first file that has any, DBUs
// from the billing rows) and ordered by start time. Every problem of every file is reported in
// one InputError (file:line:col). Formats field by field: docs/calibration.md. Any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/run_records.h"

namespace orchsim::sim {

models::RunRecords load_run_records(const std::vector<std::string>& paths);

// The same from texts already read: each pair is (file name for messages, text).
models::RunRecords parse_run_records(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace orchsim::sim
