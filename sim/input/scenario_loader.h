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

// "4m30s", "1h", "250ms", "1.5s", "90" (seconds). nullopt when malformed, negative or beyond the
// int64 microsecond range; callers reject what is longer than kMaxDuration with their own message.
std::optional<Duration> parse_duration(std::string_view text);

// The longest duration a scenario may give (README: Limits): longer is a typo, and the simulated
// clock (int64 µs, about 292,000 years) must not overflow when one is added to it.
inline constexpr Duration kMaxDuration = Duration::micros(36'500LL * 86'400 * 1'000'000);  // 100 years
inline constexpr const char* kMaxDurationText = "36500d (100 years)";

}  // namespace orchsim::sim
