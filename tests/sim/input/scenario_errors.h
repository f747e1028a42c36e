// The diagnostics a scenario text produces, as "file:line:col: message" strings (empty when it
// loads), for the loader tests. The text is named "s.yaml".
#pragma once

#include <string>
#include <vector>

#include "sim/input/scenario_loader.h"

namespace orchsim::testing {

inline std::vector<std::string> errors_of(const std::string& yaml) {
  try {
    sim::parse_scenario(yaml, "s.yaml");
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  return {};
}

}  // namespace orchsim::testing
