#include "reports/import_report.h"

#include <map>
#include <utility>

#include <fmt/format.h>

#include "engine/json_escape.h"
#include "reports/table.h"

namespace orchsim::reports {

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += fmt::format("{}{}", out.empty() ? "" : ", ", s);
  return out;
}

// The defaulted tasks grouped by (task type, what defaulted), in order of first appearance: a
// 10,000-task bundle on defaults is one row, not 10,000.
struct DefaultGroup {
  std::string type;
  std::string what;
  std::vector<std::string> tasks;
};

std::vector<DefaultGroup> grouped_defaults(const ImportReport& r) {
  std::vector<DefaultGroup> rows;
  std::map<std::pair<std::string, std::string>, std::size_t> index;  // lookups only
  for (const auto& d : r.defaulted) {
    std::string what = joined(d.what);
    const auto [it, added] = index.try_emplace({d.type, what}, rows.size());
    if (added) rows.push_back({d.type, std::move(what), {}});
    rows[it->second].tasks.push_back(d.task);
  }
  return rows;
}

// The section's parts: (heading, intro, table); an empty table is left out.
struct Part {
  std::string heading;
  std::string intro;
  Table table;
};

std::vector<Part> parts(const ImportReport& r) {
  std::vector<Part> out;
  Part read{"What was read", "", {{"item", "value"}, {}, {}}};
  read.table.rows.push_back({"files", joined(r.sources)});
  read.table.rows.push_back({"jobs", joined(r.jobs)});
  if (!r.target.empty()) read.table.rows.push_back({"target", r.target});
  out.push_back(std::move(read));
  Part vars{"Variables", "Each bundle variable's value and where it was set.", {{"variable", "value", "set at"}, {}, {}}};
  for (const auto& v : r.variables) vars.table.rows.push_back({v.name, v.value, v.from});
  out.push_back(std::move(vars));
  Part defaults{"Tasks that used a default",
                "What the job file does not say came from orchsim's defaults for the task type; give it in "
                "`--profile` (docs/databricks.md).",
                {{"task type", "defaulted", "tasks", "count"}, {}, {false, false, false, true}}};
  for (const DefaultGroup& g : grouped_defaults(r)) {
    defaults.table.rows.push_back({g.type, g.what, joined(g.tasks), std::to_string(g.tasks.size())});
  }
  out.push_back(std::move(defaults));
  Part fields{"Read but not modelled", "These fields have no effect on the simulation.", {{"field", "first seen at"}, {}, {}}};
  for (const auto& u : r.unmodelled) fields.table.rows.push_back({u.what, u.where});
  out.push_back(std::move(fields));
  Part unpriced{"Node types without a price", "", {{"node type", "at"}, {}, {}}};
  for (const auto& u : r.unpriced) unpriced.table.rows.push_back({u.what, u.where});
  out.push_back(std::move(unpriced));
  Part notes{"Notes", "", {{"note"}, {}, {}}};
  for (const auto& n : r.notes) notes.table.rows.push_back({n});
  out.push_back(std::move(notes));
  return out;
}

std::string json_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += fmt::format("{}{}", out.empty() ? "" : ", ", json_string(s));
  return "[" + out + "]";
}

// A list of objects, one per line at depth 2.
template <typename T, typename F>
std::string json_rows(const std::vector<T>& items, F row) {
  std::string out;
  for (const T& item : items) out += fmt::format("{}\n      {}", out.empty() ? "" : ",", row(item));
  return out.empty() ? "[]" : "[" + out + "\n    ]";
}

}  // namespace

std::string import_markdown(const ImportReport& r) {
  std::string out = "## Import\n\nThe Databricks job as orchsim read it: where each gap was filled, and what it "
                    "read but does not simulate.\n";
  for (const Part& p : parts(r)) {
    if (p.table.rows.empty()) continue;
    out += fmt::format("\n### {}\n\n{}{}", p.heading, p.intro.empty() ? "" : p.intro + "\n\n", to_markdown(p.table));
  }
  return out;
}

std::string import_html(const ImportReport& r) {
  std::string out = "<h2>Import</h2>\n<p>The Databricks job as orchsim read it: where each gap was filled, and what it "
                    "read but does not simulate.</p>\n";
  for (const Part& p : parts(r)) {
    if (p.table.rows.empty()) continue;
    out += fmt::format("<h3>{}</h3>\n{}{}", html_inline(p.heading),
                       p.intro.empty() ? "" : "<p>" + html_inline(p.intro) + "</p>\n", to_html(p.table));
  }
  return out;
}

std::string import_json(const ImportReport& r) {
  const auto located = [](const ImportReport::Located& l) {
    return fmt::format("{{\"name\": {}, \"at\": {}}}", json_string(l.what), json_string(l.where));
  };
  return fmt::format(
      "{{\n    \"files\": {},\n    \"jobs\": {},\n    \"target\": {},\n    \"variables\": {},\n"
      "    \"defaulted\": {},\n    \"not_modelled\": {},\n    \"unpriced_node_types\": {},\n    \"notes\": {}\n  }}",
      json_list(r.sources), json_list(r.jobs), r.target.empty() ? "null" : json_string(r.target),
      json_rows(r.variables,
                [](const ImportReport::Variable& v) {
                  return fmt::format("{{\"name\": {}, \"value\": {}, \"set_at\": {}}}", json_string(v.name),
                                     json_string(v.value), json_string(v.from));
                }),
      json_rows(r.defaulted,
                [](const ImportReport::Defaulted& d) {
                  return fmt::format("{{\"task\": {}, \"type\": {}, \"defaulted\": {}}}", json_string(d.task),
                                     json_string(d.type), json_list(d.what));
                }),
      json_rows(r.unmodelled, located), json_rows(r.unpriced, located), json_list(r.notes));
}

}  // namespace orchsim::reports
