// WfCommons importer: reads a WfFormat JSON workflow instance (a recorded real execution) into a
// Workload plus what the trace says about its machines and its recorded makespan. Schema 1.5
// (workflow.specification.tasks[] with id/parents/children, workflow.execution.tasks[] with
// runtimeInSeconds/coreCount/memoryInBytes/machines, workflow.specification.files[] with
// sizeInBytes, workflow.execution.machines[], workflow.execution.makespanInSeconds) and schema 1.4
// (workflow.tasks[] carrying both, keyed by name, with files[] and machine, workflow.machines[],
// workflow.makespanInSeconds). yaml-cpp parses the JSON, so every problem
// is reported as file:line:col in one InputError. Used by `orchsim validate TRACE...` through
// load_input (sim/input/load_input.h); no YAML node leaves sim/input. Any thread; no shared state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/workload.h"

namespace orchsim::sim {

struct TraceMachine {
  std::string name;
  int cores = 0;
  std::optional<double> mem_gib;
};

// What the trace recorded about where one task ran and what it moved, for the calibrated replay
// (sim/validation/trace_model.h). Aligned with WfCommonsTrace::workload.tasks.
struct TraceTaskRecord {
  std::string machine;       // the recorded machine's nodeName ("" when not recorded)
  double input_bytes = 0;    // Σ sizeInBytes of its input files (unknown sizes count 0)
  double output_bytes = 0;   // Σ sizeInBytes of its output files
};

struct WfCommonsTrace {
  std::string file;
  std::string name;
  std::string schema_version;
  // One task per trace task, in file order: duration = runtimeInSeconds, cores = coreCount (1 when
  // absent), mem_gib = memoryInBytes / 2^30 (0 when absent); depends_on = parents.
  models::Workload workload;
  std::vector<TraceTaskRecord> records;  // one per task, aligned with workload.tasks
  std::vector<TraceMachine> machines;
  std::optional<double> makespan_s;  // the recorded real makespan
  std::vector<std::string> defaults;  // what the trace did not say and the importer assumed
};

// Throws InputError (with file:line:col) for an unreadable file, malformed JSON, a missing or
// mistyped field, an unknown parent, a cycle, or specification and execution tasks that disagree.
WfCommonsTrace load_wfcommons(const std::string& path);
WfCommonsTrace parse_wfcommons(std::string_view json, const std::string& file);

}  // namespace orchsim::sim
