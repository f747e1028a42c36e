#include "sim/input/config_reader.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "engine/parse_number.h"
#include "sim/input/closest_name.h"

namespace orchsim::sim {

namespace {

std::string list_names(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) out += fmt::format("{}{}", out.empty() ? "" : ", ", n);
  return out;
}

}  // namespace

std::string_view closest_word(std::string_view word, std::span<const std::string_view> candidates) {
  std::string_view best;
  std::size_t best_distance = 3;  // near misses only
  for (std::string_view candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

const ConfigNode* ConfigReader::get(const ConfigNode& map, std::string_view key) {
  const ConfigNode* node = map.find(key);
  return node == nullptr || node->is_null() ? nullptr : node;
}

bool ConfigReader::expect_map(const ConfigNode& node, std::string_view what) {
  if (node.is_map()) return true;
  error(node.where, fmt::format("'{}' must be a map, got {}", what, node.kind_name()));
  return false;
}

bool ConfigReader::expect_list(const ConfigNode& node, std::string_view what) {
  if (node.is_sequence()) return true;
  error(node.where, fmt::format("'{}' must be a list, got {}", what, node.kind_name()));
  return false;
}

void ConfigReader::allow_keys(const ConfigNode& map, std::span<const std::string_view> allowed, std::string_view what) {
  for (const ConfigEntry& entry : map.entries) {
    if (std::find(allowed.begin(), allowed.end(), entry.key) != allowed.end()) continue;
    const std::string_view best = closest_word(entry.key, allowed);
    error(entry.key_where, best.empty() ? fmt::format("unknown key '{}' in {}", entry.key, what)
                                        : fmt::format("unknown key '{}' in {} (did you mean '{}'?)", entry.key, what, best));
  }
}

const ConfigNode* ConfigReader::scalar(const ConfigNode& map, std::string_view key, bool required) {
  const ConfigNode* node = get(map, key);
  if (node == nullptr) {
    if (required) error(map.where, fmt::format("missing '{}'", key));
    return nullptr;
  }
  if (!node->is_scalar()) {
    error(node->where, fmt::format("'{}' must be a single value, got {}", key, node->kind_name()));
    return nullptr;
  }
  return node;
}

std::optional<std::string> ConfigReader::string(const ConfigNode& map, std::string_view key, bool required) {
  const ConfigNode* node = scalar(map, key, required);
  return node == nullptr ? std::nullopt : std::optional(node->scalar);
}

std::optional<double> ConfigReader::numeric(const ConfigNode& node, std::string_view key, const char* expected) {
  const std::optional<double> value = parse_number(node.scalar);
  if (node.quoted) {
    error(node.where, value ? fmt::format("'{}' must be {}, got the quoted string \"{}\" (write it without quotes)", key,
                                          expected, node.scalar)
                            : fmt::format("'{}' must be {}, got the string \"{}\"", key, expected, node.scalar));
    return std::nullopt;
  }
  if (!value || !std::isfinite(*value)) {
    error(node.where, fmt::format("'{}' must be {}, got \"{}\"", key, expected, node.scalar));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> ConfigReader::integer(const ConfigNode& map, std::string_view key, std::int64_t min,
                                                  std::int64_t max) {
  const ConfigNode* node = scalar(map, key, false);
  if (node == nullptr) return std::nullopt;
  const auto value = numeric(*node, key, "an integer");
  if (!value) return std::nullopt;
  // Jobs API files write integers as floats ("1.0"): a whole number written so is accepted.
  if (std::trunc(*value) != *value || std::fabs(*value) > 9e15) {
    error(node->where, fmt::format("'{}' must be an integer, got {}", key, node->scalar));
    return std::nullopt;
  }
  const auto whole = static_cast<std::int64_t>(*value);
  if (whole < min || whole > max) {
    error(node->where, fmt::format("'{}' must be between {} and {}, got {}", key, min, max, whole));
    return std::nullopt;
  }
  return whole;
}

std::optional<double> ConfigReader::number(const ConfigNode& map, std::string_view key, double min, double max) {
  const ConfigNode* node = scalar(map, key, false);
  if (node == nullptr) return std::nullopt;
  const auto value = numeric(*node, key, "a number");
  if (value && (*value < min || *value > max)) {
    error(node->where, fmt::format("'{}' must be between {} and {}, got {}", key, min, max, node->scalar));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ConfigReader::boolean(const ConfigNode& map, std::string_view key) {
  const ConfigNode* node = scalar(map, key, false);
  if (node == nullptr) return std::nullopt;
  const std::string& s = node->scalar;
  if (!node->quoted && (s == "true" || s == "True" || s == "TRUE")) return true;
  if (!node->quoted && (s == "false" || s == "False" || s == "FALSE")) return false;
  error(node->where, fmt::format("'{}' must be true or false, got {}\"{}\"", key, node->quoted ? "the string " : "", s));
  return std::nullopt;
}

void ConfigReader::unknown_choice(const ConfigNode& node, std::string_view key, std::span<const std::string_view> names) {
  const std::string_view best = closest_word(node.scalar, names);
  error(node.where, best.empty() ? fmt::format("'{}': unknown value '{}' (expected one of {})", key, node.scalar,
                                               list_names(names))
                                 : fmt::format("'{}': unknown value '{}' (did you mean '{}'?)", key, node.scalar, best));
}

}  // namespace orchsim::sim
