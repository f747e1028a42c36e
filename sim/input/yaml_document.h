// YAML documents inside sim/input: a file's text parsed once into a compact YamlTree (by libyaml's
// event parser, which reads JSON too), and each reader's entry point on a parsed document.
// load_input (sim/input/load_input.cpp) parses a file once, detects its format from the document and hands it to one of these; the sweep
// loader substitutes swept values into the tree before loading each point, so that a bad value is
// reported at its own line:col in the sweep list. Inside sim/input only: no YamlTree crosses that
// boundary. Any thread; no shared state.
#pragma once

#include <string>
#include <string_view>


#include "engine/error.h"
#include "sim/input/scenario_spec.h"
#include "sim/input/sweep_loader.h"
#include "sim/input/wfcommons.h"
#include "sim/input/yaml_tree.h"

namespace orchsim::sim {

// Parses `text`; a syntax error throws InputError "file:line:col: <syntax_error>: <what libyaml said>".
YamlTree load_yaml(std::string_view text, const std::string& file, std::string_view syntax_error = "invalid YAML");

// Each throws InputError listing every problem of the document, as file:line:col.
ScenarioSpec parse_scenario_root(const YamlNode& root, const std::string& file);
// parse_scenario_root in two steps, so that load_input can free the tree (and the file's text)
// before the checks across tasks build the DAG: the document read into a spec, its problems added to
// `diagnostics` (it throws only when the root is no map); then those checks.
ScenarioSpec read_scenario_root(const YamlNode& root, const std::string& file, Diagnostics& diagnostics);
void check_scenario(ScenarioSpec& spec, Diagnostics& diagnostics);
// The sweep loader rewrites `tree` (each point's values in turn).
SweepPlan parse_sweep_root(YamlTree& tree, const std::string& file, std::size_t max_points = kMaxSweepPoints);
WfCommonsTrace parse_wfcommons_root(const YamlNode& root, const std::string& file);

}  // namespace orchsim::sim
