// TaskCommand: the real program a task runs under `orchsim exec` (engine/live/process_task_runner),
// and QualityGate: the checks a task's output must pass before its table writes are committed.
// Plain data read from a scenario (sim/input) or a Databricks profile; the simulator ignores the
// command and prices the gate by its failure probability (sim/world). Defined in the engine so
// both the loaders (through models::WorkloadTask) and engine/live can name them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"

namespace orchsim {

struct TaskCommand {
  // argv form: argv[0] is looked up on PATH. With `shell`, argv must hold one string, run as
  // `/bin/sh -c <string>`.
  std::vector<std::string> argv;
  bool shell = false;
  // Exit codes that mean "no retry can fix this" (FailureKind::kPermanent); any other non-zero
  // exit is a retryable task error.
  std::vector<int> permanent_exit_codes;
};

// Write-audit-publish: after an attempt succeeds and before its staged table writes are committed,
// every check below must pass; a failed gate is a permanent failure of the attempt (no retry), so
// the job's rollback applies as for any final failure.
struct QualityGate {
  // Live checks.
  std::optional<TaskCommand> command;      // exit 0 passes; runs with the attempt's environment
  std::optional<std::uint64_t> min_rows;   // per written table, from its manifest
  std::optional<std::uint64_t> max_rows;
  std::vector<std::string> columns;        // each written table's manifest must list these
  // Simulation: the chance the checks reject an otherwise successful attempt, and their duration.
  double failure_probability = 0;
  Duration duration;
};

}  // namespace orchsim
