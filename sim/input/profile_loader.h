// load_profile: reads a `--profile p.yaml` (format: docs/databricks.md) into a Profile. Durations,
// clusters and node types are written as in a scenario file (scenarios/README.md) and read by the
// scenario loader's own readers. Unknown keys are errors with a "did you mean"; every problem is
// thrown once as InputError (file:line:col). Any thread.
#pragma once

#include <string>
#include <string_view>

#include "sim/input/profile.h"

namespace orchsim::sim {

Profile load_profile(const std::string& path);
// From text; `file` names it in messages.
Profile parse_profile(std::string_view text, const std::string& file);

}  // namespace orchsim::sim
