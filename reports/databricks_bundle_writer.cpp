#include "reports/databricks_bundle_writer.h"

#include <string>

namespace orchsim::reports {

DatabricksExport databricks_bundle(const models::Deployment& deployment, std::string_view bundle_name,
                                   std::string_view header) {
  DatabricksJobs jobs = databricks_jobs(deployment, DatabricksFlavour::kBundle);
  std::string comment(header);
  if (!jobs.notes.empty()) {
    comment += std::string(comment.empty() ? "" : "\n") + "What Databricks cannot express (orchsim simulated it):";
    for (const auto& note : jobs.notes) comment += "\n- " + note;
  }
  TextTree root = TextTree::map();
  root.set("bundle", TextTree::map(), comment).set("name", TextTree::string(std::string(bundle_name)));
  if (!jobs.variables.empty()) root.set("variables", std::move(jobs.variables));
  TextTree& resources = root.set("resources", TextTree::map()).set("jobs", TextTree::map());
  for (std::size_t i = 0; i < jobs.jobs.size(); ++i) {
    if (jobs.jobs[i].synthetic) continue;
    const bool entry = deployment.entry.valid() && deployment.entry.index() == i;
    resources.set(jobs.jobs[i].key, std::move(jobs.jobs[i].settings), entry && jobs.jobs.size() > 1 ? "the entry job: run this one" : "");
  }
  return {.text = to_yaml(root), .notes = std::move(jobs.notes)};
}

}  // namespace orchsim::reports
