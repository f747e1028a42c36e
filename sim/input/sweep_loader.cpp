#include "sim/input/sweep_loader.h"

#include <optional>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "sim/input/input_file.h"
#include "sim/input/yaml_document.h"
#include "sim/input/yaml_reader.h"
#include "sim/input/yaml_tree.h"

namespace orchsim::sim {

namespace {

struct Axis {
  std::string parameter;
  YamlNode where;  // the parameter node, for messages
  std::vector<YamlNode> values;
};

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

// The element of sequence `list` that `seg` names (a scalar item, or a map's task_key, name or
// kind, or an index).
std::optional<std::size_t> element(const YamlNode& list, const std::string& seg) {
  std::optional<std::size_t> found;
  for (std::size_t k = 0; k < list.size() && !found; ++k) {
    const YamlNode e = list[k];
    if (e.IsScalar() && e.text() == seg) found = k;
    for (const char* key : {"task_key", "name", "kind"}) {
      if (!found && e.IsMap() && e[key] && e[key].IsScalar() && e[key].text() == seg) found = k;
    }
  }
  // An index: at most 9 digits, so that stoul cannot overflow.
  if (!found && seg.size() <= 9 && seg.find_first_not_of("0123456789") == std::string::npos &&
      std::stoul(seg) < list.size()) {
    found = std::stoul(seg);
  }
  return found;
}

// The index of `key` among map's entries, if there.
std::optional<std::size_t> entry(const YamlNode& map, const std::string& key) {
  std::size_t i = 0;
  for (const auto& e : map) {
    if (e.first.IsScalar() && e.first.text() == key) return i;
    ++i;
  }
  return std::nullopt;
}

// Sets the node at `path` in `tree` to node `value`. Returns an error message, or "" on success.
std::string assign(YamlTree& tree, const std::vector<std::string>& path, std::uint32_t value) {
  YamlNode node = tree.root();
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& seg = path[i];
    const bool last = i + 1 == path.size();
    if (seg.empty()) return "empty path segment";
    if (node.IsSequence()) {
      const std::optional<std::size_t> found = element(node, seg);
      if (!found) return fmt::format("no list element named '{}'", seg);
      if (last) {
        tree.set_child(node.id(), *found, value);
        return "";
      }
      YamlNode e = node[*found];
      if (e.IsScalar()) {  // a strategy given by kind alone: make it a map to set a field on
        const std::uint32_t map = tree.make_kind_map(e.id());
        tree.set_child(node.id(), *found, map);
        e = YamlNode(&tree, map);
      }
      node = e;
      continue;
    }
    if (!node.IsMap()) return fmt::format("'{}' is not inside a map", seg);
    const std::optional<std::size_t> at = entry(node, seg);
    if (last) {
      if (at) tree.set_child(node.id(), *at, value);
      else tree.add_entry(node.id(), seg, value);
      return "";
    }
    if (!at) {
      const std::uint32_t map = tree.open_container(YamlTree::Kind::kMap, 0, 0, false);
      tree.close_container(map, nullptr, 0);
      tree.add_entry(node.id(), seg, map);
    }
    const YamlNode child = node[seg];
    if (child.IsScalar()) return fmt::format("'{}' is a value, not a map or list", seg);
    node = child;
  }
  return "empty path";
}

// `node` as a yaml-cpp node, in the style it was written, for YAML::Dump. A value nested deeper
// than kMaxLabelDepth (an alias inside itself) is cut off.
constexpr int kMaxLabelDepth = 64;

YAML::Node to_yaml_cpp(const YamlNode& node, int depth) {
  if (node.IsScalar()) {
    YAML::Node out(node.Scalar());
    if (node.in_quotes()) out.SetTag("!");
    else if (node.quoted()) out.SetTag("tag:yaml.org,2002:str");
    return out;
  }
  if (depth > kMaxLabelDepth || (!node.IsSequence() && !node.IsMap())) return YAML::Node(YAML::NodeType::Null);
  YAML::Node out(node.IsMap() ? YAML::NodeType::Map : YAML::NodeType::Sequence);
  for (const auto& item : node) {
    if (node.IsMap()) out.force_insert(to_yaml_cpp(item.first, depth + 1), to_yaml_cpp(item.second, depth + 1));
    else out.push_back(to_yaml_cpp(item, depth + 1));
  }
  if (node.flow()) out.SetStyle(YAML::EmitterStyle::Flow);
  return out;
}

}  // namespace

SweepPlan parse_sweep(std::string_view yaml, const std::string& file) {
  YamlTree tree = load_yaml(yaml, file);
  return parse_sweep_root(tree, file);
}

SweepPlan parse_sweep_root(YamlTree& tree, const std::string& file, std::size_t max_points) {
  const YamlNode root = tree.root();
  Diagnostics diagnostics;
  YamlReader r(file, diagnostics);
  SweepPlan plan;
  plan.file = file;
  const YamlNode sweep = root.IsMap() ? root["sweep"] : YamlNode();
  if (!sweep) {
    diagnostics.error({file, 1, 1}, "missing 'sweep' (e.g. sweep: {parameter: cluster.startup, values: [1m, 4m30s]})");
    diagnostics.throw_if_any();
  }
  std::vector<Axis> axes;
  std::vector<YamlNode> specs;
  if (sweep.IsMap()) specs.push_back(sweep);
  else if (sweep.IsSequence()) for (const auto& s : sweep) specs.push_back(s);
  if (specs.empty() || specs.size() > 2) r.error(sweep, "sweep is one {parameter, values} map, or a list of one or two");
  for (const YamlNode& s : specs) {
    if (!s.IsMap()) {
      r.error(s, "a sweep axis is a map with 'parameter' and 'values'");
      continue;
    }
    r.allow_keys(s, {"parameter", "values"});
    Axis axis{.parameter = {}, .where = s["parameter"] ? s["parameter"] : s, .values = {}};
    if (auto p = r.string(s, "parameter", true)) {
      axis.parameter = *p;
      if (p->empty()) r.error(axis.where, "sweep parameter must not be empty (e.g. parameter: cluster.startup)");
      // The points are written into the tree that holds the sweep: it must not sweep itself.
      if (split(*p).front() == "sweep") r.error(axis.where, "a sweep parameter cannot be inside 'sweep'");
    }
    const YamlNode values = s["values"];
    if (!values || !values.IsSequence() || values.size() == 0) {
      r.error(values ? values : s, "values must be a non-empty list");
      continue;
    }
    for (const auto& v : values) axis.values.push_back(v);
    if (!axis.parameter.empty()) axes.push_back(std::move(axis));
  }
  std::size_t points = 1;
  for (const Axis& a : axes) points *= a.values.size();  // at most two axes, each far below 2^32 values
  if (points > max_points) {
    r.error(sweep, fmt::format("the sweep grid has {} points, more than the limit of {}", points, max_points));
  }
  diagnostics.throw_if_any();

  // Check each path once, on a copy, so a typo is one message and not one per point.
  for (const Axis& a : axes) {
    YamlTree copy = tree;
    const std::string error = assign(copy, split(a.parameter), a.values.front().id());
    if (!error.empty()) r.error(a.where, fmt::format("sweep parameter '{}': {}", a.parameter, error));
  }
  diagnostics.throw_if_any();

  for (const Axis& a : axes) {
    SweepAxis out{.parameter = a.parameter, .labels = {}};
    for (const auto& v : a.values) out.labels.push_back(v.IsScalar() ? v.Scalar() : YAML::Dump(to_yaml_cpp(v, 0)));
    plan.axes.push_back(std::move(out));
  }
  const std::size_t inner = axes.size() == 2 ? axes[1].values.size() : 1;
  // Each point assigns the same paths in the parsed tree itself, overwriting the previous point's
  // values: a clone would lose every line:col, and a mistake elsewhere in the file must keep its own.
  for (std::size_t i = 0; i < axes[0].values.size(); ++i) {
    for (std::size_t j = 0; j < inner; ++j) {
      assign(tree, split(axes[0].parameter), axes[0].values[i].id());
      if (axes.size() == 2) assign(tree, split(axes[1].parameter), axes[1].values[j].id());
      plan.points.push_back(parse_scenario_root(tree.root(), file));
    }
  }
  plan.name = plan.points.front().name;
  for (const auto& p : plan.points) {
    if (p.strategies.size() != plan.points.front().strategies.size()) {
      r.error(sweep, "every point of a sweep must have the same strategies");
      break;
    }
  }
  diagnostics.throw_if_any();
  return plan;
}

SweepPlan load_sweep(const std::string& path) {
  return parse_sweep(read_input_file(path, "sweep file"), path);
}

}  // namespace orchsim::sim
