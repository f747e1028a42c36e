#include "sim/input/sweep_loader.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "sim/input/input_file.h"
#include "sim/input/yaml_document.h"
#include "sim/input/yaml_reader.h"

namespace orchsim::sim {

namespace {

struct Axis {
  std::string parameter;
  YAML::Node where;  // the parameter node, for messages
  std::vector<YAML::Node> values;
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

// Sets the node at `path` in `root` to `value`. Returns an error message, or "" on success.
std::string assign(YAML::Node root, const std::vector<std::string>& path, const YAML::Node& value) {
  YAML::Node node = root;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& seg = path[i];
    const bool last = i + 1 == path.size();
    if (seg.empty()) return "empty path segment";
    if (node.IsSequence()) {
      std::optional<std::size_t> found;
      for (std::size_t k = 0; k < node.size() && !found; ++k) {
        const YAML::Node e = node[k];
        if (e.IsScalar() && e.Scalar() == seg) found = k;
        for (const char* key : {"task_key", "name", "kind"}) {
          if (!found && e.IsMap() && e[key] && e[key].IsScalar() && e[key].Scalar() == seg) found = k;
        }
      }
      // An index: at most 9 digits, so that stoul cannot overflow.
      if (!found && seg.size() <= 9 && seg.find_first_not_of("0123456789") == std::string::npos &&
          std::stoul(seg) < node.size()) {
        found = std::stoul(seg);
      }
      if (!found) return fmt::format("no list element named '{}'", seg);
      if (last) {
        node[*found] = value;
        return "";
      }
      YAML::Node e = node[*found];
      if (e.IsScalar()) {  // a strategy given by kind alone: make it a map to set a field on
        YAML::Node map(YAML::NodeType::Map);
        map["kind"] = e.Scalar();
        node[*found] = map;
        e = node[*found];
      }
      node.reset(e);
      continue;
    }
    if (!node.IsMap()) return fmt::format("'{}' is not inside a map", seg);
    if (last) {
      node[seg] = value;
      return "";
    }
    if (!node[seg]) node[seg] = YAML::Node(YAML::NodeType::Map);
    YAML::Node child = node[seg];
    if (child.IsScalar()) return fmt::format("'{}' is a value, not a map or list", seg);
    node.reset(child);
  }
  return "empty path";
}

}  // namespace

SweepPlan parse_sweep(std::string_view yaml, const std::string& file) {
  return parse_sweep_root(load_yaml(yaml, file), file);
}

SweepPlan parse_sweep_root(const YAML::Node& root, const std::string& file) {
  Diagnostics diagnostics;
  YamlReader r(file, diagnostics);
  SweepPlan plan;
  plan.file = file;
  const YAML::Node sweep = root.IsMap() ? root["sweep"] : YAML::Node();
  if (!sweep) {
    diagnostics.error({file, 1, 1}, "missing 'sweep' (e.g. sweep: {parameter: cluster.startup, values: [1m, 4m30s]})");
    diagnostics.throw_if_any();
  }
  std::vector<Axis> axes;
  std::vector<YAML::Node> specs;
  if (sweep.IsMap()) specs.push_back(sweep);
  else if (sweep.IsSequence()) for (const auto& s : sweep) specs.push_back(s);
  if (specs.empty() || specs.size() > 2) r.error(sweep, "sweep is one {parameter, values} map, or a list of one or two");
  for (const YAML::Node& s : specs) {
    if (!s.IsMap()) {
      r.error(s, "a sweep axis is a map with 'parameter' and 'values'");
      continue;
    }
    r.allow_keys(s, {"parameter", "values"});
    // Copied, not assigned: assigning yaml-cpp's node for an absent key throws.
    Axis axis{.parameter = {}, .where = s["parameter"] ? s["parameter"] : s, .values = {}};
    if (auto p = r.string(s, "parameter", true)) {
      axis.parameter = *p;
      if (p->empty()) r.error(axis.where, "sweep parameter must not be empty (e.g. parameter: cluster.startup)");
      // The points are written into the tree that holds the sweep: it must not sweep itself.
      if (split(*p).front() == "sweep") r.error(axis.where, "a sweep parameter cannot be inside 'sweep'");
    }
    const YAML::Node values = s["values"];
    if (!values || !values.IsSequence() || values.size() == 0) {
      r.error(values ? values : s, "values must be a non-empty list");
      continue;
    }
    for (const auto& v : values) axis.values.push_back(v);
    if (!axis.parameter.empty()) axes.push_back(std::move(axis));
  }
  std::size_t points = 1;
  for (const Axis& a : axes) points *= a.values.size();  // at most two axes, each far below 2^32 values
  if (points > kMaxSweepPoints) {
    r.error(sweep, fmt::format("the sweep grid has {} points, more than the limit of {}", points, kMaxSweepPoints));
  }
  diagnostics.throw_if_any();

  // Check each path once, on a copy, so a typo is one message and not one per point.
  for (const Axis& a : axes) {
    const std::string error = assign(YAML::Clone(root), split(a.parameter), a.values.front());
    if (!error.empty()) r.error(a.where, fmt::format("sweep parameter '{}': {}", a.parameter, error));
  }
  diagnostics.throw_if_any();

  for (const Axis& a : axes) {
    SweepAxis out{.parameter = a.parameter, .labels = {}};
    for (const auto& v : a.values) out.labels.push_back(v.IsScalar() ? v.Scalar() : YAML::Dump(v));
    plan.axes.push_back(std::move(out));
  }
  const std::size_t inner = axes.size() == 2 ? axes[1].values.size() : 1;
  // Each point assigns the same paths in the parsed tree itself, overwriting the previous point's
  // values: a clone would lose every line:col, and a mistake elsewhere in the file must keep its own.
  for (std::size_t i = 0; i < axes[0].values.size(); ++i) {
    for (std::size_t j = 0; j < inner; ++j) {
      YAML::Node point = root;
      assign(point, split(axes[0].parameter), axes[0].values[i]);
      if (axes.size() == 2) assign(point, split(axes[1].parameter), axes[1].values[j]);
      plan.points.push_back(parse_scenario_root(point, file));
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
