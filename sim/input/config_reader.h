// ConfigReader: typed, located reads from a ConfigNode tree (sim/input/config_node.h) for the
// Databricks job mapper and its helpers. Every mistake becomes a Diagnostic at the value's
// file:line:col and the read returns nullopt, so mapping goes on and every problem is reported at
// once. The rules Databricks files need: an explicit null is the same as an absent key; integral
// floats (`1.0`) are accepted where an integer is expected; a quoted number ("3600") or a typo
// (`3600,`) where a number is expected is reported, never coerced; an unknown key gets a "did you
// mean". Not thread-safe (it appends to one Diagnostics); one per mapping.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/error.h"
#include "sim/input/config_node.h"

namespace orchsim::sim {

// The candidate closest to `word` (edit distance at most 2), or empty: for "did you mean".
std::string_view closest_word(std::string_view word, std::span<const std::string_view> candidates);

class ConfigReader {
 public:
  explicit ConfigReader(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  Diagnostics& diagnostics() { return diagnostics_; }
  void error(const SourceLocation& where, std::string message) { diagnostics_.error(where, std::move(message)); }

  // map[key], or nullptr when absent, an explicit null, or `map` is no map.
  static const ConfigNode* get(const ConfigNode& map, std::string_view key);

  // True when `node` is a map (or a list); else an error "'what' must be a map, got a list" there.
  bool expect_map(const ConfigNode& node, std::string_view what);
  bool expect_list(const ConfigNode& node, std::string_view what);
  // Reports every key of `map` not in `allowed`, with the closest allowed key as a suggestion.
  void allow_keys(const ConfigNode& map, std::span<const std::string_view> allowed, std::string_view what);

  // Each reads map[key]; absent or null gives nullopt (and an error too when `required`).
  std::optional<std::string> string(const ConfigNode& map, std::string_view key, bool required = false);
  std::optional<std::int64_t> integer(const ConfigNode& map, std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<double> number(const ConfigNode& map, std::string_view key, double min, double max);
  std::optional<bool> boolean(const ConfigNode& map, std::string_view key);
  // One of `values` (names as written in the file), else an error listing them.
  template <class T>
  std::optional<T> choice(const ConfigNode& map, std::string_view key,
                          std::span<const std::pair<std::string_view, T>> values);

 private:
  const ConfigNode* scalar(const ConfigNode& map, std::string_view key, bool required);
  // The node's value as a number, reporting quoted numbers and non-numbers.
  std::optional<double> numeric(const ConfigNode& node, std::string_view key, const char* expected);
  void unknown_choice(const ConfigNode& node, std::string_view key, std::span<const std::string_view> names);

  Diagnostics& diagnostics_;
};

template <class T>
std::optional<T> ConfigReader::choice(const ConfigNode& map, std::string_view key,
                                      std::span<const std::pair<std::string_view, T>> values) {
  const auto text = string(map, key);
  if (!text) return std::nullopt;
  for (const auto& [name, value] : values) {
    if (name == *text) return value;
  }
  std::vector<std::string_view> names;
  for (const auto& entry : values) names.push_back(entry.first);
  unknown_choice(*get(map, key), key, names);
  return std::nullopt;
}

}  // namespace orchsim::sim
