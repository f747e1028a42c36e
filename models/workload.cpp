#include "models/workload.h"

#include <algorithm>

namespace orchsim::models {

std::optional<Dag> Workload::dag(Diagnostics& diagnostics) const {
  std::vector<TaskDecl> decls;
  decls.reserve(tasks.size());
  for (const auto& t : tasks) decls.push_back({t.key, t.depends_on, t.where, t.depends_where, t.depends_outcome});
  return Dag::build(decls, diagnostics, "workload");
}

std::vector<std::string> Workload::tables() const {
  std::vector<std::string> names;
  for (const auto& t : tasks) {
    for (const auto& table : t.tables) {
      if (std::find(names.begin(), names.end(), table) == names.end()) names.push_back(table);
    }
  }
  return names;
}

}  // namespace orchsim::models
