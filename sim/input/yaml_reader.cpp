#include "sim/input/yaml_reader.h"

#include <algorithm>
#include <cmath>
#include <charconv>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include "sim/input/closest_name.h"
#include "sim/input/scenario_loader.h"

namespace orchsim::sim {

namespace {

// Plain decimal digits without a leading zero: yaml-cpp's stream reading (which also takes octal
// "010", hex "0x1f" and a leading '+') gives the same value as from_chars, only slower.
bool plain_decimal(std::string_view text, bool fraction) {
  std::size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
  const std::size_t digits = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  const std::size_t integral = i - digits;
  if (integral == 0 || integral > 15 || (integral > 1 && text[digits] == '0')) return false;
  if (fraction && i < text.size() && text[i] == '.') {
    const std::size_t dot = i++;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == dot + 1 || i - dot > 16) return false;
  }
  return i == text.size();
}

// The scalar as yaml-cpp's convert<T>::decode reads it (a scratch node, reused).
template <class T>
bool decode_as_yaml_cpp(std::string_view text, T& out) {
  thread_local YAML::Node scratch;
  scratch = std::string(text);
  return YAML::convert<T>::decode(scratch, out);
}

bool decode_integer(std::string_view text, std::int64_t& out) {
  if (plain_decimal(text, false)) return std::from_chars(text.data(), text.data() + text.size(), out).ec == std::errc();
  return decode_as_yaml_cpp(text, out);
}

bool decode_number(std::string_view text, double& out) {
  if (plain_decimal(text, true)) return std::from_chars(text.data(), text.data() + text.size(), out).ec == std::errc();
  return decode_as_yaml_cpp(text, out);
}

bool decode_boolean(std::string_view text, bool& out) { return decode_as_yaml_cpp(text, out); }

}  // namespace

SourceLocation YamlReader::location(const YamlNode& node) const { return {file_, node.line(), node.column()}; }

void YamlReader::error(const YamlNode& node, std::string message) {
  diagnostics_.error(location(node), std::move(message));
}

const char* YamlReader::kind(const YamlNode& node) {
  if (!node || node.IsNull()) return "nothing";
  if (node.IsScalar()) return "a scalar";
  if (node.IsSequence()) return "a list";
  return "a map";
}

YamlNode YamlReader::child(const YamlNode& map, const char* key) {
  if (!map.IsMap()) return {};
  return map[key];
}

bool YamlReader::expect_map(const YamlNode& node, std::string_view what) {
  if (node.IsMap()) return true;
  error(node, fmt::format("expected {}, got {}", what, kind(node)));
  return false;
}

bool YamlReader::allow_keys(const YamlNode& node, std::initializer_list<std::string_view> allowed) {
  if (!node.IsMap()) {
    std::string keys;
    for (std::string_view k : allowed) {
      if (keys.size() > 40) { keys += ", …"; break; }
      keys += fmt::format("{}{}", keys.empty() ? "" : ", ", k);
    }
    error(node, fmt::format("expected a map of {}, got {}", keys, kind(node)));
    return false;
  }
  for (const auto& entry : node) {
    const std::string_view key = entry.first.text();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string_view best;
    std::size_t best_distance = 3;  // suggest only near misses
    for (std::string_view candidate : allowed) {
      const std::size_t d = edit_distance(key, candidate);
      if (d < best_distance) { best = candidate; best_distance = d; }
    }
    error(entry.first, best.empty() ? fmt::format("unknown key '{}'", key)
                                    : fmt::format("unknown key '{}' (did you mean '{}'?)", key, best));
  }
  return true;
}

std::optional<YamlNode> YamlReader::scalar(const YamlNode& map, const char* key, bool required) {
  if (!map.IsMap()) return std::nullopt;
  return scalar_value(map, map[key], key, required);
}

std::optional<YamlNode> YamlReader::scalar_value(const YamlNode& map, const YamlNode& node, const char* key,
                                                 bool required) {
  if (!node || node.IsNull()) {
    if (required) error(map, fmt::format("missing '{}'", key));
    return std::nullopt;
  }
  if (!node.IsScalar()) {
    error(node, fmt::format("'{}' must be a single value", key));
    return std::nullopt;
  }
  return node;
}

std::optional<std::string> YamlReader::string(const YamlNode& map, const char* key, bool required) {
  const auto found = scalar(map, key, required);
  if (!found) return std::nullopt;
  const YamlNode& node = *found;
  return node.Scalar();
}

std::optional<std::int64_t> YamlReader::integer(const YamlNode& map, const char* key, std::int64_t min,
                                                std::int64_t max) {
  return integer_of(scalar(map, key, false), key, min, max);
}

std::optional<std::int64_t> YamlReader::integer_value(const YamlNode& value, const char* key, std::int64_t min,
                                                      std::int64_t max) {
  return integer_of(scalar_value(value, value, key, false), key, min, max);
}

std::optional<std::int64_t> YamlReader::integer_of(const std::optional<YamlNode>& found, const char* key,
                                                   std::int64_t min, std::int64_t max) {
  if (!found) return std::nullopt;
  const YamlNode& node = *found;
  // Jobs API files write integers as floats ("1.0"): accept whole numbers written that way.
  std::int64_t value = 0;
  double as_double = 0;
  if (decode_integer(node.text(), value)) {
  } else if (decode_number(node.text(), as_double) && std::isfinite(as_double) &&
             std::trunc(as_double) == as_double && std::fabs(as_double) < 9e15) {
    value = static_cast<std::int64_t>(as_double);
  } else {
    error(node, fmt::format("'{}' must be an integer, got '{}'", key, node.Scalar()));
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(node, fmt::format("'{}' must be between {} and {}, got {}", key, min, max, value));
    return std::nullopt;
  }
  return value;
}

std::optional<double> YamlReader::number(const YamlNode& map, const char* key, double min, double max) {
  const auto found = scalar(map, key, false);
  if (!found) return std::nullopt;
  const YamlNode& node = *found;
  double value = 0;
  if (!decode_number(node.text(), value) || !std::isfinite(value)) {
    error(node, fmt::format("'{}' must be a number, got '{}'", key, node.Scalar()));
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(node, fmt::format("'{}' must be between {} and {}, got {}", key, min, max, value));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> YamlReader::boolean(const YamlNode& map, const char* key) {
  const auto found = scalar(map, key, false);
  if (!found) return std::nullopt;
  const YamlNode& node = *found;
  bool value = false;
  if (!decode_boolean(node.text(), value)) {
    error(node, fmt::format("'{}' must be true or false, got '{}'", key, node.Scalar()));
    return std::nullopt;
  }
  return value;
}

std::optional<Duration> YamlReader::duration(const YamlNode& map, const char* key, bool required) {
  const auto found = scalar(map, key, required);
  if (!found) return std::nullopt;
  const YamlNode& node = *found;
  auto d = parse_duration(node.text());
  if (d && *d > kMaxDuration) {
    error(node, fmt::format("'{}' must be at most {}, got '{}'", key, kMaxDurationText, node.Scalar()));
    return std::nullopt;
  }
  if (!d) {
    error(node, fmt::format("'{}' must be a duration like 90s, 4m30s, 1.5h or a number of seconds, got '{}'",
                            key, node.Scalar()));
  }
  return d;
}

}  // namespace orchsim::sim
