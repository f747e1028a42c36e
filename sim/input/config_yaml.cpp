#include "sim/input/config_yaml.h"

#include <cstddef>

#include <fmt/format.h>

namespace orchsim::sim {

namespace {

// Aliases are copied out, so a few lines of nested aliases could expand to billions of nodes. Each
// value costs some 250 bytes: at 4,000,000 a 1 KB bomb took 7 s and 1 GB before being refused
// (found by fuzz/fuzz_databricks); a bundle of 1,000 tasks × 50 settings is 50,000 values.
constexpr std::size_t kMaxConfigNodes = 500'000;

class YamlToConfig {
 public:
  YamlToConfig(const std::string& file, Diagnostics& diagnostics) : file_(file), diagnostics_(diagnostics) {}

  ConfigNode convert(const YamlNode& node, int depth) {
    ConfigNode out;
    out.where = at(node);
    if (!node || node.IsNull() || stopped_) return out;
    if (++nodes_ > kMaxConfigNodes || depth > kMaxConfigDepth) {
      stopped_ = true;
      diagnostics_.error(out.where, nodes_ > kMaxConfigNodes
                                        ? fmt::format("the document expands to more than {} values (aliases "
                                                      "inside aliases?)", kMaxConfigNodes)
                                        : fmt::format("nested more than {} levels deep", kMaxConfigDepth));
      return out;
    }
    if (node.IsScalar()) {
      out.kind = ConfigNode::Kind::kScalar;
      out.scalar = node.Scalar();
      out.quoted = node.quoted();
    } else if (node.IsSequence()) {
      out.kind = ConfigNode::Kind::kSequence;
      for (const auto& item : node) out.items.push_back(convert(item, depth + 1));
    } else if (node.IsMap()) {
      out.kind = ConfigNode::Kind::kMap;
      fill_map(node, depth, out);
    }
    return out;
  }

 private:
  SourceLocation at(const YamlNode& node) const { return {file_, node.line(), node.column()}; }

  void fill_map(const YamlNode& node, int depth, ConfigNode& out) {
    std::vector<ConfigNode> merged;
    for (const auto& entry : node) {
      const SourceLocation key_where = at(entry.first);
      if (!entry.first.IsScalar()) {
        diagnostics_.error(key_where, "a key must be a plain value, not a list or a map");
        continue;
      }
      if (entry.first.text() == "<<" && !entry.first.in_quotes()) {
        collect_merge(entry.second, depth, merged);
        continue;
      }
      out.entries.push_back({entry.first.Scalar(), key_where, convert(entry.second, depth + 1)});
    }
    // Keys written in the map win over merged ones; among merged maps the first wins (YAML 1.1).
    for (ConfigNode& source : merged) {
      for (ConfigEntry& entry : source.entries) {
        if (out.find(entry.key) == nullptr) out.entries.push_back(std::move(entry));
      }
    }
  }

  void collect_merge(const YamlNode& value, int depth, std::vector<ConfigNode>& merged) {
    if (value.IsMap()) {
      merged.push_back(convert(value, depth + 1));
      return;
    }
    if (value.IsSequence()) {
      bool all_maps = true;
      for (const auto& item : value) all_maps = all_maps && item.IsMap();
      if (all_maps) {
        for (const auto& item : value) merged.push_back(convert(item, depth + 1));
        return;
      }
    }
    diagnostics_.error(at(value), "a merge key '<<' takes a map or a list of maps (e.g. '<<: *defaults')");
  }

  const std::string& file_;
  Diagnostics& diagnostics_;
  std::size_t nodes_ = 0;
  bool stopped_ = false;
};

}  // namespace

ConfigNode config_from_yaml(const YamlNode& node, const std::string& file, Diagnostics& diagnostics) {
  return YamlToConfig(file, diagnostics).convert(node, 0);
}

}  // namespace orchsim::sim
