#include "reports/databricks_json_writer.h"

namespace orchsim::reports {

DatabricksExport databricks_json(const models::Deployment& deployment) {
  DatabricksJobs jobs = databricks_jobs(deployment, DatabricksFlavour::kJobsApi);
  if (jobs.creation.size() == 1) {
    return {.text = to_json(jobs.jobs[jobs.creation[0]].settings), .notes = std::move(jobs.notes)};
  }
  TextTree root = TextTree::map();
  TextTree& list = root.set("jobs", TextTree::list());
  for (std::size_t i : jobs.creation) {
    TextTree& job = list.push(TextTree::map());
    job.set("job_id", TextTree::integer(jobs.jobs[i].placeholder_id));
    job.set("settings", std::move(jobs.jobs[i].settings));
  }
  return {.text = to_json(root), .notes = std::move(jobs.notes)};
}

}  // namespace orchsim::reports
