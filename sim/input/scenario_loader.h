// The one YAML loader for scenario files (schema: scenarios/README.md). Parses once, validates
// everything, and reports every problem as "file:line:col: message" in one InputError. Unknown
// keys are errors (a typo must not be silently ignored); durations are strings like "4m30s" or
// plain numbers of seconds. Commands reach it through load_input (sim/input/load_input.h), which
// detects the format first; the validation ladder parses its built-in scenarios here directly.
#pragma once

#include <string>
#include <string_view>

#include "sim/input/scenario_spec.h"

namespace orchsim::sim {

// Reads and validates the file at `path`. Throws InputError (also for an unreadable file).
ScenarioSpec load_scenario(const std::string& path);
// Same, from text; `file` names it in diagnostics.
ScenarioSpec parse_scenario(std::string_view yaml, const std::string& file);

// The longest duration a scenario may give: 100 years, past any pipeline and far inside the int64
// microsecond range, so sums of such durations cannot overflow.
inline constexpr Duration kMaxDuration = Duration::hours(24 * 36525);

// "4m30s", "1h", "250ms", "1.5s", "90" (seconds). nullopt when malformed, negative or longer than
// kMaxDuration.
std::optional<Duration> parse_duration(std::string_view text);

}  // namespace orchsim::sim
