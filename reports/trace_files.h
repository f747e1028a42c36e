// trace_files: the files of one strategy's trace folder (`orchsim compare --trace DIR`, written to
// DIR/<strategy>/ by the CLI): `events.jsonl` (the engine's event log) and `tasks.csv` (task,
// state, attempts, start_s, end_s: each workload task's final state, attempts started, first
// attempt's start and settling time in seconds from the run's start; empty when it never happened).
// A writer only; takes the trace by value so that a caller done with it moves the event log in
// rather than holding it twice.
#pragma once

#include <vector>

#include "reports/bundle.h"
#include "sim/experiment/trace_result.h"

namespace orchsim::reports {

std::vector<ReportFile> trace_files(sim::StrategyTrace trace);

}  // namespace orchsim::reports
