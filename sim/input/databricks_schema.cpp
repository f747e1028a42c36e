#include "sim/input/databricks_schema.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace orchsim::sim {

namespace {

// Jobs API fields the bundle schema leaves out (a `jobs get` response carries them).
constexpr std::array<std::string_view, 3> kJobsApiOnly{"format", "edit_mode", "deployment"};

struct Walker {
  bool jobs_api;
  ConfigReader& reader;
  ImportSummary& summary;

  void unknown(const ConfigEntry& entry, const SchemaType& type, const std::string& path) {
    std::vector<std::string_view> names;
    for (const SchemaField& f : type.fields) names.push_back(f.name);
    const std::string_view best = closest_word(entry.key, names);
    const std::string what = path.empty() ? "a job" : fmt::format("'{}'", path);
    reader.error(entry.key_where,
                 best.empty() ? fmt::format("unknown field '{}' in {} (not in the Databricks job schema)", entry.key, what)
                              : fmt::format("unknown field '{}' in {} (did you mean '{}'?)", entry.key, what, best));
  }

  // `listed`: an enclosing field is already in the summary, so its sub-fields are not listed again.
  void object(const ConfigNode& node, int type_index, const std::string& path, bool listed) {
    const SchemaType& type = schema_types()[static_cast<std::size_t>(type_index)];
    listed = listed || type.payload;
    if (!node.is_map()) {
      reader.error(node.where, fmt::format("'{}' must be a map, got {}", path.empty() ? "job" : path, node.kind_name()));
      return;
    }
    for (const ConfigEntry& entry : node.entries) {
      const std::string sub = path.empty() ? entry.key : fmt::format("{}.{}", path, entry.key);
      const SchemaField* field = find_schema_field(type, entry.key);
      if (field == nullptr) {
        const bool api = jobs_api && type_index == 0 &&
                         std::find(kJobsApiOnly.begin(), kJobsApiOnly.end(), entry.key) != kJobsApiOnly.end();
        if (api) summary.add_unmodelled(sub, entry.key_where);
        else unknown(entry, type, path);
        continue;
      }
      const bool list_here = !listed && !field->modelled;
      if (list_here) summary.add_unmodelled(sub, entry.key_where);
      value(entry.value, *field, sub, listed || list_here);
    }
  }

  void value(const ConfigNode& node, const SchemaField& field, const std::string& path, bool listed) {
    if (node.is_null() || field.type < 0) return;
    if (field.kind == SchemaKind::kObject) {
      object(node, field.type, path, listed);
    } else if (field.kind == SchemaKind::kList && node.is_sequence()) {
      for (const ConfigNode& item : node.items) object(item, field.type, path + "[]", listed);
    } else if (field.kind == SchemaKind::kMap && node.is_map()) {
      for (const ConfigEntry& e : node.entries) object(e.value, field.type, path + "." + e.key, listed);
    } else if (field.kind == SchemaKind::kList || field.kind == SchemaKind::kMap) {
      reader.error(node.where, fmt::format("'{}' must be {}, got {}", path,
                                           field.kind == SchemaKind::kList ? "a list" : "a map", node.kind_name()));
    }
  }
};

}  // namespace

const SchemaType* find_schema_type(std::string_view name) {
  for (const SchemaType& t : schema_types()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const SchemaField* find_schema_field(const SchemaType& type, std::string_view name) {
  const auto it = std::lower_bound(type.fields.begin(), type.fields.end(), name,
                                   [](const SchemaField& f, std::string_view n) { return f.name < n; });
  return it != type.fields.end() && it->name == name ? &*it : nullptr;
}

void check_job_schema(const ConfigNode& settings, bool jobs_api, ConfigReader& reader, ImportSummary& summary) {
  Walker{jobs_api, reader, summary}.object(settings, 0, "", false);
}

}  // namespace orchsim::sim
