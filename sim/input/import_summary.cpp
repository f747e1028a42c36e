#include "sim/input/import_summary.h"

#include <algorithm>

#include <fmt/format.h>

namespace orchsim::sim {

std::string location_text(const SourceLocation& where) {
  std::string out = where.file;
  if (where.line > 0) out += fmt::format(":{}", where.line);
  if (where.line > 0 && where.column > 0) out += fmt::format(":{}", where.column);
  return out;
}

void ImportSummary::add_unmodelled(std::string field, SourceLocation where) {
  const bool seen = std::any_of(unmodelled.begin(), unmodelled.end(), [&](const Unmodelled& u) { return u.field == field; });
  if (!seen) unmodelled.push_back({std::move(field), std::move(where)});
}

void ImportSummary::note(std::string text) {
  if (std::find(notes.begin(), notes.end(), text) == notes.end()) notes.push_back(std::move(text));
}

std::string ImportSummary::to_text() const {
  std::string out = "import summary:\n";
  if (!unmodelled.empty()) {
    out += "  read but not modelled (no effect on the simulation):\n";
    for (const Unmodelled& u : unmodelled) {
      out += fmt::format("    {} ({})\n", u.field, location_text(u.where));
    }
  }
  if (!defaulted.empty()) {
    out += "  tasks that used a default (give them in --profile, see docs/databricks.md):\n";
    for (const Defaulted& d : defaulted) {
      std::string what;
      for (const std::string& w : d.what) what += fmt::format("{}{}", what.empty() ? "" : ", ", w);
      out += fmt::format("    {}: {} default for {}\n", d.task, d.type, what);
    }
  }
  for (const std::string& n : notes) out += fmt::format("  note: {}\n", n);
  if (empty()) out += "  everything was read as written\n";
  return out;
}

}  // namespace orchsim::sim
