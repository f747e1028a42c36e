#include "cli/import_report_of.h"

namespace orchsim::cli {

reports::ImportReport import_report_of(const sim::DatabricksImport& import) {
  reports::ImportReport r{.sources = import.files, .jobs = import.jobs, .target = import.target,
                          .variables = {}, .defaulted = {}, .unmodelled = {}, .unpriced = {},
                          .notes = import.summary.notes};
  for (const auto& v : import.variables) r.variables.push_back({v.name, v.value, sim::location_text(v.from)});
  for (const auto& d : import.summary.defaulted) r.defaulted.push_back({d.task, d.type, d.what});
  for (const auto& u : import.summary.unmodelled) r.unmodelled.push_back({u.field, sim::location_text(u.where)});
  for (const auto& [name, where] : import.unpriced_node_types) r.unpriced.push_back({name, sim::location_text(where)});
  return r;
}

}  // namespace orchsim::cli
