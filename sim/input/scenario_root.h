// The scenario loader's entry point for an already-parsed YAML document, for the other readers of
// sim/scenario (the sweep loader substitutes swept values into the tree, then loads it, so that a
// bad value is reported at its own line:col in the sweep list). Inside sim/scenario only: no
// YAML::Node crosses that boundary.
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "sim/input/scenario_spec.h"

namespace orchsim::sim {

// Parses `yaml`; a syntax error throws InputError with its file:line:col.
YAML::Node load_yaml(std::string_view yaml, const std::string& file);
// Loads a scenario from its document root; throws InputError listing every problem.
ScenarioSpec parse_scenario_root(const YAML::Node& root, const std::string& file);

}  // namespace orchsim::sim
