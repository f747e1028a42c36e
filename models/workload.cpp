#include "models/workload.h"

#include <unordered_set>

namespace orchsim::models {

SourceLocation WorkloadTask::dependency_where(std::size_t k) const {
  if (k >= depends_where.size()) return where;
  return {where.file, depends_where[k].line, depends_where[k].column};
}

std::optional<Dag> Workload::dag(Diagnostics& diagnostics) const {
  // A valid graph needs no dependency locations, so they are built (a SourceLocation per edge) only
  // to report the problems of an invalid one, in a second pass.
  auto decls = [&](bool located) {
    std::vector<TaskDecl> out;
    out.reserve(tasks.size());
    for (const auto& t : tasks) {
      std::vector<SourceLocation> where;
      if (located) {
        where.reserve(t.depends_where.size());
        for (std::size_t k = 0; k < t.depends_where.size(); ++k) where.push_back(t.dependency_where(k));
      }
      out.push_back({t.key, t.depends_on, t.where, std::move(where), t.depends_outcome});
    }
    return out;
  };
  Diagnostics unlocated;
  if (auto dag = Dag::build(decls(false), unlocated, "workload")) return dag;
  return Dag::build(decls(true), diagnostics, "workload");
}

std::vector<std::string> Workload::tables() const {
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;  // membership only; names keeps first-use order
  for (const auto& t : tasks) {
    for (const auto& table : t.tables) {
      if (seen.insert(table).second) names.push_back(table);
    }
  }
  return names;
}

}  // namespace orchsim::models
