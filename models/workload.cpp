#include "models/workload.h"

#include <unordered_set>

namespace orchsim::models {

std::optional<Dag> Workload::dag(Diagnostics& diagnostics) const {
  std::vector<TaskDecl> decls;
  decls.reserve(tasks.size());
  for (const auto& t : tasks) decls.push_back({t.key, t.depends_on, t.where, t.depends_where, t.depends_outcome});
  return Dag::build(decls, diagnostics, "workload");
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
