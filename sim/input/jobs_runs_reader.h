// read_jobs_runs: job runs from Databricks Jobs API 2.1/2.2 JSON as RunRecords runs: a `runs/list`
// page ({"runs": [...], "has_more", "next_page_token"}, with expand_tasks=true for the task
// attempts), one `runs/get` run object, or a list of run objects (what `databricks jobs list-runs
// -o json` prints). Field by field in docs/calibration.md. Used by load_run_records
// (sim/input/run_records_reader.h); every problem is a located diagnostic. Any thread.
#pragma once

#include <cstddef>
#include <vector>

#include "models/run_records.h"
#include "sim/input/config_reader.h"

namespace orchsim::sim {

// Is this node a Jobs API run object (a map with run_id and start_time, and no system-table
// period_start_time)?
bool is_jobs_run(const ConfigNode& node);
// Is this document a runs/list page, a run or a list of runs?
bool looks_like_jobs_runs(const ConfigNode& root);

// Appends the finished runs of `root` to `runs`; counts runs still running (end_time 0) in
// `unfinished`. A run_id given twice in one document is an error at the second.
void read_jobs_runs(const ConfigNode& root, ConfigReader& reader, std::vector<models::JobRunRecord>& runs,
                    std::size_t& unfinished);

}  // namespace orchsim::sim
