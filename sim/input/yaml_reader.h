// YamlReader: typed, located reads from a parsed YAML tree (sim/input/yaml_tree.h) for the scenario
// loader and the importers.
// Every mistake (wrong type, out of range, unknown key) becomes a Diagnostic with the node's
// file:line:col; reads return nullopt then, so loading goes on and reports everything at once.
// Only sim/input may use it. Not thread-safe (it appends to one Diagnostics).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>


#include "engine/error.h"
#include "engine/time.h"
#include "sim/input/yaml_tree.h"

namespace orchsim::sim {

class YamlReader {
 public:
  YamlReader(std::string file, Diagnostics& diagnostics) : file_(std::move(file)), diagnostics_(diagnostics) {}

  SourceLocation location(const YamlNode& node) const;
  void error(const YamlNode& node, std::string message);
  // Reports every key of map `node` not in `allowed`, suggesting the closest allowed key. False (and
  // an error "expected a map, got a list") when `node` is no map: the caller must not look inside.
  bool allow_keys(const YamlNode& node, std::initializer_list<std::string_view> allowed);
  // True when `node` is a map; else an error "expected <what>, got a scalar" at the node.
  bool expect_map(const YamlNode& node, std::string_view what);
  // map[key] when `map` is a map, else an undefined node (YamlNode throws on a scalar's operator[]).
  static YamlNode child(const YamlNode& map, const char* key);
  // "a scalar", "a list", "a map", "nothing".
  static const char* kind(const YamlNode& node);

  // Each reads map[key]; absent (or null) gives nullopt, or an error too when `required`.
  std::optional<std::string> string(const YamlNode& map, const char* key, bool required = false);
  std::optional<std::int64_t> integer(const YamlNode& map, const char* key, std::int64_t min, std::int64_t max);
  // `value` itself (a map's value already looked up) as integer() reads map[key].
  std::optional<std::int64_t> integer_value(const YamlNode& value, const char* key, std::int64_t min,
                                            std::int64_t max);
  std::optional<double> number(const YamlNode& map, const char* key, double min, double max);
  std::optional<bool> boolean(const YamlNode& map, const char* key);
  std::optional<Duration> duration(const YamlNode& map, const char* key, bool required = false);

 private:
  std::optional<YamlNode> scalar(const YamlNode& map, const char* key, bool required);
  // `node` (map[key]) when it is a scalar; nothing when absent or null (an error "missing" at `map`
  // too when `required`), an error when a list or map.
  std::optional<YamlNode> scalar_value(const YamlNode& map, const YamlNode& node, const char* key, bool required);
  std::optional<std::int64_t> integer_of(const std::optional<YamlNode>& found, const char* key, std::int64_t min,
                                         std::int64_t max);

  std::string file_;
  Diagnostics& diagnostics_;
};

}  // namespace orchsim::sim
