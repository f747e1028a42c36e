// Readers of the keys `orchsim exec` needs (scenarios/README.md, "Running it for real"): a task's
// `command`, `shell` and `permanent_exit_codes`, its `gate`, and a job's `alerts.destinations`.
// Shared by the scenario loader and the Databricks profile loader, so both accept the same
// spellings with the same diagnostics. Inside sim/input only. Any thread.
#pragma once

#include <optional>
#include <vector>


#include "engine/alert_destination.h"
#include "engine/task_command.h"
#include "sim/input/yaml_reader.h"

namespace orchsim::sim {

// `command` (a list of strings = argv, or one string with `shell: true`), `shell` and
// `permanent_exit_codes` of map `n`; nullopt when `n` has no command (then `shell` and
// `permanent_exit_codes` are errors).
std::optional<TaskCommand> read_task_command(YamlReader& r, const YamlNode& n);
// n["gate"]: {command, shell, min_rows, max_rows, columns, failure_probability, duration}.
std::optional<QualityGate> read_quality_gate(YamlReader& r, const YamlNode& n);
// An `alerts.destinations` list: `- stdout`, `- {stdout: {}}`, `- {jsonl: PATH}`,
// `- {webhook: {url, slack, timeout, retries}}`.
std::vector<AlertDestination> read_alert_destinations(YamlReader& r, const YamlNode& list);

}  // namespace orchsim::sim
