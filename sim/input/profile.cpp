#include "sim/input/profile.h"

namespace orchsim::sim {

void WorkProfile::apply(const WorkProfile& over) {
  if (over.duration) {
    duration = over.duration;
    duration_distribution = over.duration_distribution;
  }
  if (over.cores) cores = over.cores;
  if (over.mem_gib) mem_gib = over.mem_gib;
  if (over.failure_probability) failure_probability = over.failure_probability;
  if (over.permanent_failure_probability) permanent_failure_probability = over.permanent_failure_probability;
  if (over.failure_rate_per_hour) failure_rate_per_hour = over.failure_rate_per_hour;
  if (over.compute) compute = over.compute;
  if (over.command) command = over.command;
  if (over.gate) gate = over.gate;
}

namespace {

WorkProfile work(Duration duration, int cores, double mem_gib) {
  return {.duration = duration, .cores = cores, .mem_gib = mem_gib, .failure_probability = 0.0,
          .permanent_failure_probability = 0.0, .failure_rate_per_hour = 0.0, .compute = std::nullopt};
}

// Serverless compute of its own: SQL warehouses, pipelines and dashboards run on compute the job
// does not describe; serverless is what Databricks recommends for them now (docs/databricks.md).
models::ClusterTemplate own_serverless() {
  models::ClusterTemplate c;
  c.kind = models::ClusterKind::kServerless;
  return c;
}

}  // namespace

WorkProfile default_work(std::string_view type) {
  // orchsim assumptions (docs/model.md §12): a job file says nothing about run time.
  if (type == "sql" || type == "dashboard" || type == "alert" || type == "power_bi") {
    WorkProfile w = work(type == "sql" ? Duration::minutes(2) : Duration::minutes(1), 4, 4);
    w.compute = own_serverless();
    return w;
  }
  if (type == "pipeline") {
    WorkProfile w = work(Duration::minutes(15), 8, 16);
    w.compute = own_serverless();
    return w;
  }
  if (type == "dbt") return work(Duration::minutes(5), 2, 4);
  if (type == "condition" || type == "run_job") return work(Duration::zero(), 1, 0);
  return work(Duration::minutes(10), 4, 8);  // notebook, spark_python, python_wheel, spark_jar, spark_submit, …
}

}  // namespace orchsim::sim
