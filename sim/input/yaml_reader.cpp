#include "sim/input/yaml_reader.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "sim/input/closest_name.h"
#include "sim/input/scenario_loader.h"

namespace orchsim::sim {

SourceLocation YamlReader::location(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {file_, 0, 0};
  return {file_, mark.line + 1, mark.column + 1};
}

void YamlReader::error(const YAML::Node& node, std::string message) {
  diagnostics_.error(location(node), std::move(message));
}

const char* YamlReader::kind(const YAML::Node& node) {
  if (!node || node.IsNull()) return "nothing";
  if (node.IsScalar()) return "a scalar";
  if (node.IsSequence()) return "a list";
  return "a map";
}

YAML::Node YamlReader::child(const YAML::Node& map, const char* key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  return map[key];
}

bool YamlReader::expect_map(const YAML::Node& node, std::string_view what) {
  if (node.IsMap()) return true;
  error(node, fmt::format("expected {}, got {}", what, kind(node)));
  return false;
}

bool YamlReader::allow_keys(const YAML::Node& node, std::initializer_list<std::string_view> allowed) {
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
    const std::string key = entry.first.Scalar();
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

std::optional<YAML::Node> YamlReader::scalar(const YAML::Node& map, const char* key, bool required) {
  if (!map.IsMap()) return std::nullopt;
  const YAML::Node node = map[key];
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

std::optional<std::string> YamlReader::string(const YAML::Node& map, const char* key, bool required) {
  const auto found = scalar(map, key, required);
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  return node.Scalar();
}

std::optional<std::int64_t> YamlReader::integer(const YAML::Node& map, const char* key, std::int64_t min,
                                                std::int64_t max) {
  const auto found = scalar(map, key, false);
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  // Jobs API files write integers as floats ("1.0"): accept whole numbers written that way.
  std::int64_t value = 0;
  double as_double = 0;
  if (YAML::convert<std::int64_t>::decode(node, value)) {
  } else if (YAML::convert<double>::decode(node, as_double) && std::isfinite(as_double) &&
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

std::optional<double> YamlReader::number(const YAML::Node& map, const char* key, double min, double max) {
  const auto found = scalar(map, key, false);
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  double value = 0;
  if (!YAML::convert<double>::decode(node, value) || !std::isfinite(value)) {
    error(node, fmt::format("'{}' must be a number, got '{}'", key, node.Scalar()));
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(node, fmt::format("'{}' must be between {} and {}, got {}", key, min, max, value));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& map, const char* key) {
  const auto found = scalar(map, key, false);
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  bool value = false;
  if (!YAML::convert<bool>::decode(node, value)) {
    error(node, fmt::format("'{}' must be true or false, got '{}'", key, node.Scalar()));
    return std::nullopt;
  }
  return value;
}

std::optional<Duration> YamlReader::duration(const YAML::Node& map, const char* key, bool required) {
  const auto found = scalar(map, key, required);
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  auto d = parse_duration(node.Scalar());
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
