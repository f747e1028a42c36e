#include "sim/input/config_document.h"

#include "sim/input/config_yaml.h"
#include "sim/input/json_reader.h"
#include "sim/input/yaml_document.h"

namespace orchsim::sim {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool is_json_document(std::string_view text, const std::string& file) {
  if (ends_with(file, ".json")) return true;
  if (ends_with(file, ".yml") || ends_with(file, ".yaml")) return false;
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

ConfigNode read_config_document(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  if (is_json_document(text, file)) return config_from_json(text, file, diagnostics);
  try {
    return config_from_yaml(load_yaml(text, file), file, diagnostics);
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) diagnostics.error(d.where, d.message);
  }
  ConfigNode empty;
  empty.where = {file, 1, 1};
  return empty;
}

}  // namespace orchsim::sim
