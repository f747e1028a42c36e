// read_config_document: a configuration file's text as a ConfigNode tree, read as strict JSON when
// it is JSON (a `.json` name, or a text opening with '{' or '[' whose name is not `.yml`/`.yaml`) and
// as YAML otherwise (anchors, aliases and merge keys resolved). Used by the Databricks readers for
// every file of a bundle or job definition. Problems go to `diagnostics` (a YAML syntax error too),
// so that every file of a bundle is reported at once. Inside sim/input. Any thread.
#pragma once

#include <string>
#include <string_view>

#include "engine/error.h"
#include "sim/input/config_node.h"

namespace orchsim::sim {

bool is_json_document(std::string_view text, const std::string& file);

ConfigNode read_config_document(std::string_view text, const std::string& file, Diagnostics& diagnostics);

}  // namespace orchsim::sim
