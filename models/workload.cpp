#include "models/workload.h"

namespace orchsim::models {

std::optional<Dag> Workload::dag(Diagnostics& diagnostics) const {
  std::vector<TaskDecl> decls;
  decls.reserve(tasks.size());
  for (const auto& t : tasks) decls.push_back({t.key, t.depends_on, t.where, t.depends_where});
  return Dag::build(decls, diagnostics, "workload");
}

}  // namespace orchsim::models
