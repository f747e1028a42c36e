// databricks_json: a deployment as Databricks Jobs API 2.1 JSON, written by
// `orchsim export --format json`. One job: its create payload (the JobSettings object `POST
// /api/2.1/jobs/create` takes). Several jobs: the shape of a `jobs list` response,
// `{"jobs": [{"job_id": 1, "settings": {...}}, ...]}`, in creation order (a job after every job
// its run_job tasks run), where each job_id is a placeholder numbered from 1 and every
// `run_job_task.job_id` is its target's placeholder: create the jobs in this order and replace
// each placeholder with the id the create call returned. Values the workspace must supply are
// example values (`15.4.x-scala2.12`, `data-team@example.com`, `<id of instance pool 'warm'>`).
// Pure; no thread affinity.
#pragma once

#include "models/deployment.h"
#include "reports/databricks_jobs.h"

namespace orchsim::reports {

DatabricksExport databricks_json(const models::Deployment& deployment);

}  // namespace orchsim::reports
