// The result of trace_replication (sim/experiment/replication_trace.h): per strategy, one
// replication's engine events as JSONL and each workload task's end. Read by reports/trace_files.h;
// plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/run_result.h"
#include "engine/time.h"

namespace orchsim::sim {

// One workload task's end in the replication. Under multi_job a task whose job never ran takes
// the result of the orchestrating run_job task that stood for it (e.g. UPSTREAM_FAILED).
struct TaskTrace {
  std::string task;
  TaskResult state = TaskResult::kNone;  // kNone: it never settled
  std::uint32_t attempts = 0;            // attempts started, for_each iterations' included
  std::optional<SimTime> start;          // its first attempt's start (or, without one, when it started)
  std::optional<SimTime> end;            // when it (last) settled
};

struct StrategyTrace {
  std::string strategy;
  JobResult outcome = JobResult::kNone;  // the pipeline run's
  std::string events_jsonl;              // every engine event, one JSON object per line
  std::vector<TaskTrace> tasks;          // in the workload's order
};

}  // namespace orchsim::sim
