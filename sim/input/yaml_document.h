// YAML documents inside sim/input: a file's text parsed once into a document (yaml-cpp reads JSON
// too), and each reader's entry point on a parsed document. load_input (sim/input/load_input.cpp)
// parses a file once, detects its format from the document and hands it to one of these; the sweep
// loader substitutes swept values into the tree before loading each point, so that a bad value is
// reported at its own line:col in the sweep list. Inside sim/input only: no YAML::Node crosses that
// boundary. Any thread; no shared state.
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "sim/input/scenario_spec.h"
#include "sim/input/sweep_loader.h"
#include "sim/input/wfcommons.h"

namespace orchsim::sim {

// Parses `text`; a syntax error throws InputError "file:line:col: <syntax_error>: <what yaml-cpp said>".
YAML::Node load_yaml(std::string_view text, const std::string& file, std::string_view syntax_error = "invalid YAML");

// Each throws InputError listing every problem of the document, as file:line:col.
ScenarioSpec parse_scenario_root(const YAML::Node& root, const std::string& file);
SweepPlan parse_sweep_root(const YAML::Node& root, const std::string& file);
WfCommonsTrace parse_wfcommons_root(const YAML::Node& root, const std::string& file);

}  // namespace orchsim::sim
