// write_history_out: `orchsim compare --history-out DIR`. Simulates replications 0 … N−1 of every
// strategy again (the experiment's seed and replications, so run i is replication i) as run records
// (sim/experiment/replication_history.h), renders them (reports/run_history_writer.h), and writes
// DIR/<strategy>/ (runs.json, job_run_timeline.csv, job_task_run_timeline.csv, billing_usage.csv) as
// soon as that strategy is done, each folder all or nothing (cli/bundle_writer.h): one strategy's
// text is held at a time. CLI thread.
#pragma once

#include <string>

#include "sim/experiment/experiment_result.h"
#include "sim/input/scenario_spec.h"

namespace orchsim::cli {

void write_history_out(const std::string& dir, const sim::ScenarioSpec& scenario, const sim::ExperimentResult& result,
                       unsigned threads);

}  // namespace orchsim::cli
