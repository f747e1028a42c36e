// config_from_yaml: a YAML document (as load_yaml parsed and checked it) as a ConfigNode tree whose
// locations name `file`. Aliases are copied out (each use gets the anchored value); merge keys
// (`<<: *base`, `<<: [*a, *b]`) are resolved as YAML 1.1 defines them: keys written in the map win,
// then the merged maps in order, the first one winning. Problems (a merge key whose value is not a
// map or a list of maps, a tree nested deeper than kMaxConfigDepth) go to `diagnostics`. Inside
// sim/input only. Any thread.
#pragma once

#include <string>

#include "engine/error.h"
#include "sim/input/config_node.h"
#include "sim/input/yaml_tree.h"

namespace orchsim::sim {

// Deeper than this is refused rather than recursed into (a hostile file must not exhaust the stack).
inline constexpr int kMaxConfigDepth = 256;

ConfigNode config_from_yaml(const YamlNode& node, const std::string& file, Diagnostics& diagnostics);

}  // namespace orchsim::sim
