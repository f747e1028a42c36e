// ConfigNode: a parsed configuration document as a tree of located values, for the Databricks
// readers. Every node keeps the file, line and column it was written at, so that a bundle put
// together from several files (includes, target overrides, `${var.*}` substitutions) still reports
// each value where the user wrote it. Built from YAML by config_from_yaml (sim/input/config_yaml.h)
// or from strict JSON by the JSON reader. No yaml-cpp type appears here. Plain data; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace orchsim::sim {

struct ConfigEntry;

struct ConfigNode {
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };

  Kind kind = Kind::kNull;
  std::string scalar;              // kScalar: the text as written (unescaped)
  bool quoted = false;             // kScalar: written in quotes, so a string and never a number or bool
  std::vector<ConfigNode> items;   // kSequence
  std::vector<ConfigEntry> entries;  // kMap, in the order written; keys are unique
  SourceLocation where;

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_map() const { return kind == Kind::kMap; }
  // The value at `key` of a map, or nullptr (also when this is no map).
  const ConfigNode* find(std::string_view key) const;
  ConfigNode* find(std::string_view key);
  // "a string", "a list", "a map", "null": for "expected X, got Y" messages.
  const char* kind_name() const;
};

struct ConfigEntry {
  std::string key;
  SourceLocation key_where;
  ConfigNode value;
};

inline const ConfigNode* ConfigNode::find(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const ConfigEntry& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

inline ConfigNode* ConfigNode::find(std::string_view key) {
  return const_cast<ConfigNode*>(static_cast<const ConfigNode&>(*this).find(key));
}

inline const char* ConfigNode::kind_name() const {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kScalar: return "a scalar";
    case Kind::kSequence: return "a list";
    case Kind::kMap: return "a map";
  }
  return "?";
}

}  // namespace orchsim::sim
