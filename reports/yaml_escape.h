// yaml_scalar: the one YAML escaper, for every string the product writes into YAML: the Databricks
// bundle export (reports/databricks_bundle_writer.h) and the scenario written by `orchsim import`
// (reports/scenario_yaml_writer.h), through reports/text_tree.h. Pure.
#pragma once

#include <string>
#include <string_view>

namespace orchsim::reports {

// `text` as a YAML scalar that every YAML 1.1 or 1.2 reader (yaml-cpp, PyYAML, the Databricks
// CLI's Go reader) reads back as that same string: plain when it is made of letters, digits and
// `_ . / -`, starts with a letter, `_` or `/` (or is a duration such as `4m30s`), and is none of
// the words a reader would take for a boolean or null (`yes`, `off`, `null`, `~`, …); otherwise
// double-quoted, with `"` and `\` escaped and control characters as `\n`, `\t`, `\xXX`
// (YAML 1.2 §5.7). UTF-8 passes through unchanged.
std::string yaml_scalar(std::string_view text);

}  // namespace orchsim::reports
