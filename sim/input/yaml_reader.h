// YamlReader: typed, located reads from yaml-cpp nodes for the scenario loader and the importers.
// Every mistake (wrong type, out of range, unknown key) becomes a Diagnostic with the node's
// file:line:col; reads return nullopt then, so loading goes on and reports everything at once.
// Only sim/input may use it (it alone sees yaml-cpp).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "engine/error.h"
#include "engine/time.h"

namespace orchsim::sim {

class YamlReader {
 public:
  YamlReader(std::string file, Diagnostics& diagnostics) : file_(std::move(file)), diagnostics_(diagnostics) {}

  SourceLocation location(const YAML::Node& node) const;
  void error(const YAML::Node& node, std::string message);
  // Reports every key of map `node` not in `allowed`, suggesting the closest allowed key. False (and
  // an error "expected a map, got a list") when `node` is no map: the caller must not look inside.
  bool allow_keys(const YAML::Node& node, std::initializer_list<std::string_view> allowed);
  // True when `node` is a map; else an error "expected <what>, got a scalar" at the node.
  bool expect_map(const YAML::Node& node, std::string_view what);
  // map[key] when `map` is a map, else an undefined node: yaml-cpp throws on a scalar's operator[].
  static YAML::Node child(const YAML::Node& map, const char* key);
  // "a scalar", "a list", "a map", "nothing".
  static const char* kind(const YAML::Node& node);

  // Each reads map[key]; absent (or null) gives nullopt, or an error too when `required`.
  std::optional<std::string> string(const YAML::Node& map, const char* key, bool required = false);
  std::optional<std::int64_t> integer(const YAML::Node& map, const char* key, std::int64_t min, std::int64_t max);
  std::optional<double> number(const YAML::Node& map, const char* key, double min, double max);
  std::optional<bool> boolean(const YAML::Node& map, const char* key);
  std::optional<Duration> duration(const YAML::Node& map, const char* key, bool required = false);

 private:
  std::optional<YAML::Node> scalar(const YAML::Node& map, const char* key, bool required);

  std::string file_;
  Diagnostics& diagnostics_;
};

}  // namespace orchsim::sim
