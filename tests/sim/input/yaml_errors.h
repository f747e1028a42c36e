// The diagnostics load_yaml gives for a text, one "file:line:col: message" per line (empty when
// it loads), for the YAML front end's tests. The text is named "t.yml".
#pragma once

#include <string>
#include <string_view>

#include "engine/error.h"
#include "sim/input/yaml_document.h"

namespace orchsim::testing {

inline std::string load_errors(std::string_view text) {
  try {
    (void)sim::load_yaml(text, "t.yml");
  } catch (const InputError& e) {
    std::string out;
    for (const Diagnostic& d : e.diagnostics()) out += d.to_string() + "\n";
    return out;
  }
  return "";
}

}  // namespace orchsim::testing
