// The Asset Bundle writer. Expected values by hand from the Databricks docs' field meanings
// (jsonschema.json's descriptions): min_retry_interval_millis in milliseconds, timeout_seconds in
// seconds, max_retries -1 = forever, depends_on[].outcome "true"/"false" after a condition task,
// run_job_task.job_id of a bundle job as ${resources.jobs.<key>.id}. Schema validity of every
// shipped export is tests/tools/validate_bundle.py's job.
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include "reports/databricks_bundle_writer.h"
#include "tests/reports/databricks_writers_test.h"

using namespace orchsim;
using orchsim::testing::plan_strategy;

namespace {

constexpr const char* kTiny = R"(
name: tiny
cluster: {node_type: m5.xlarge, workers: 2}
workload:
  name: etl
  timeout: 1h
  tasks:
    - {task_key: load, duration: 5m, max_retries: 3, min_retry_interval: 1m30s, timeout: 10m}
    - {task_key: report, depends_on: [load], duration: 1m, run_if: ALL_DONE}
strategies: [single_job_shared_cluster]
)";

constexpr const char* kGated = R"(
name: gated
workload:
  name: p
  tasks:
    - {task_key: a, duration: 1m, max_retries: -1}
    - {task_key: gate, depends_on: [a], condition: {op: GREATER_THAN, left: "5", right: "3"}}
    - {task_key: b, depends_on: [{task_key: gate, outcome: "true"}], duration: 1m}
    - {task_key: c, depends_on: [{task_key: gate, outcome: "false"}], duration: 1m, run_if: one_success}
strategies: [multi_job, single_job_shared_cluster]
)";

constexpr const char* kCompute = R"(
name: compute
pools: [{name: warm pool}]
workload:
  name: p
  alerts: {events: [on_failure], duration_warning: 2h}
  tasks:
    - {task_key: a, duration: 1m, cores: 12, alerts: {events: [on_start], alert_on_last_attempt: true}}
    - {task_key: each, depends_on: [a], duration: 1m, for_each: {inputs: 3, concurrency: 2}, max_retries: 1}
strategies:
  - serverless
  - all_purpose_shared
  - {kind: single_job_shared_cluster, name: pooled, pool: warm pool}
  - {kind: single_job_cluster_per_task, name: spot, cluster: {workers: 0, photon: true, spot_workers: true, first_on_demand: 2}}
  - {kind: single_job_shared_cluster, name: scaling, cluster: {node_type: r5.xlarge, autoscale: {min_workers: 1, max_workers: 5}, spot_workers: true}}
)";

YAML::Node bundle_of(const char* yaml, const std::string& strategy) {
  return YAML::Load(reports::databricks_bundle(plan_strategy(yaml, strategy).deployment, "b", "").text);
}

}  // namespace

TEST_SUITE("reports.databricks_bundle_writer") {
  TEST_CASE("one job on a shared job cluster, written in full") {
    const auto written = reports::databricks_bundle(plan_strategy(kTiny, "single_job_shared_cluster").deployment, "tiny", "");
    CHECK(written.notes.empty());
    CHECK(written.text ==
          "bundle:\n"
          "  name: tiny\n"
          "variables:\n"
          "  spark_version:\n"
          "    description: \"Databricks Runtime of every cluster (edit)\"\n"
          "    default: \"15.4.x-scala2.12\"\n"
          "resources:\n"
          "  jobs:\n"
          "    etl:\n"
          "      name: etl\n"
          "      max_concurrent_runs: 1\n"
          "      timeout_seconds: 3600\n"
          "      job_clusters:\n"
          "        - job_cluster_key: shared_cluster\n"
          "          new_cluster:\n"
          "            spark_version: \"${var.spark_version}\"\n"
          "            node_type_id: m5.xlarge\n"
          "            driver_node_type_id: m5.xlarge\n"
          "            num_workers: 2\n"
          "            aws_attributes:\n"
          "              availability: ON_DEMAND\n"
          "      tasks:\n"
          "        - task_key: load\n"
          "          job_cluster_key: shared_cluster\n"
          "          notebook_task:\n"
          "            notebook_path: \"./src/load.ipynb\"\n"
          "          max_retries: 3\n"
          "          min_retry_interval_millis: 90000\n"
          "          timeout_seconds: 600\n"
          "        - task_key: report\n"
          "          depends_on:\n"
          "            - task_key: load\n"
          "          run_if: ALL_DONE\n"
          "          job_cluster_key: shared_cluster\n"
          "          notebook_task:\n"
          "            notebook_path: \"./src/report.ipynb\"\n");
  }

  TEST_CASE("the header and the notes open the file as comments") {
    const auto written = reports::databricks_bundle(plan_strategy(kGated, "single_job_shared_cluster").deployment, "g", "line one\nline two");
    CHECK(written.text.rfind("# line one\n# line two\n# What Databricks cannot express (orchsim simulated it):\n"
                             "# - job 'p', task 'c': Airflow rule 'one_success' has no Databricks equivalent; written "
                             "as AT_LEAST_ONE_SUCCESS\nbundle:\n", 0) == 0);
    REQUIRE(written.notes.size() == 1);
  }

  TEST_CASE("multi_job: the condition stays in the parent with the run_job tasks that read its outcome") {
    const YAML::Node b = bundle_of(kGated, "multi_job");
    const YAML::Node jobs = b["resources"]["jobs"];
    REQUIRE(jobs.size() == 4);  // the orchestrator and a, b, c: no job for the condition
    CHECK(jobs.begin()->first.as<std::string>() == "p_orchestrator");
    const YAML::Node tasks = jobs["p_orchestrator"]["tasks"];
    REQUIRE(tasks.size() == 4);
    CHECK(tasks[0]["run_job_task"]["job_id"].as<std::string>() == "${resources.jobs.a.id}");
    CHECK(tasks[1]["task_key"].as<std::string>() == "gate");
    CHECK(tasks[1]["condition_task"]["op"].as<std::string>() == "GREATER_THAN");
    CHECK(tasks[1]["condition_task"]["left"].as<std::string>() == "5");
    CHECK(tasks[2]["depends_on"][0]["task_key"].as<std::string>() == "gate");
    CHECK(tasks[2]["depends_on"][0]["outcome"].as<std::string>() == "true");
    CHECK(tasks[2]["run_job_task"]["job_id"].as<std::string>() == "${resources.jobs.b.id}");
    CHECK(tasks[3]["depends_on"][0]["outcome"].as<std::string>() == "false");
    CHECK(tasks[3]["run_if"].as<std::string>() == "AT_LEAST_ONE_SUCCESS");
    CHECK(jobs["a"]["tasks"][0]["max_retries"].as<int>() == -1);
    CHECK(jobs["a"]["job_clusters"][0]["job_cluster_key"].as<std::string>() == "a_cluster");
    CHECK(!jobs["gate"]);
  }

  TEST_CASE("serverless: an environment per job, Python file tasks, performance-optimised") {
    const YAML::Node job = bundle_of(kCompute, "serverless")["resources"]["jobs"]["p"];
    CHECK(job["performance_target"].as<std::string>() == "PERFORMANCE_OPTIMIZED");
    CHECK(job["environments"][0]["environment_key"].as<std::string>() == "default");
    CHECK(!job["job_clusters"]);
    CHECK(job["tasks"][0]["environment_key"].as<std::string>() == "default");
    CHECK(job["tasks"][0]["spark_python_task"]["python_file"].as<std::string>() == "./src/a.py");
    // for_each: the nested task runs the work, with the retries; the outer task has the inputs.
    const YAML::Node each = job["tasks"][1]["for_each_task"];
    CHECK(each["inputs"].as<std::string>() == "[0,1,2]");
    CHECK(each["concurrency"].as<int>() == 2);
    CHECK(each["task"]["task_key"].as<std::string>() == "each_iteration");
    CHECK(each["task"]["environment_key"].as<std::string>() == "default");
    CHECK(each["task"]["max_retries"].as<int>() == 1);
    CHECK(!job["tasks"][1]["max_retries"]);
  }

  TEST_CASE("alerts: e-mail to a variable, notification settings, a duration health rule") {
    const YAML::Node b = bundle_of(kCompute, "serverless");
    CHECK(b["variables"]["alert_email"]["default"].as<std::string>() == "data-team@example.com");
    const YAML::Node job = b["resources"]["jobs"]["p"];
    CHECK(job["email_notifications"]["on_failure"][0].as<std::string>() == "${var.alert_email}");
    CHECK(job["email_notifications"]["on_duration_warning_threshold_exceeded"][0].as<std::string>() == "${var.alert_email}");
    CHECK(job["health"]["rules"][0]["metric"].as<std::string>() == "RUN_DURATION_SECONDS");
    CHECK(job["health"]["rules"][0]["op"].as<std::string>() == "GREATER_THAN");
    CHECK(job["health"]["rules"][0]["value"].as<int>() == 7200);
    CHECK(job["tasks"][0]["email_notifications"]["on_start"][0].as<std::string>() == "${var.alert_email}");
    CHECK(job["tasks"][0]["notification_settings"]["alert_on_last_attempt"].as<bool>());
  }

  TEST_CASE("an all-purpose cluster and a pool are variables looked up by name") {
    YAML::Node b = bundle_of(kCompute, "all_purpose_shared");
    CHECK(b["resources"]["jobs"]["p"]["tasks"][0]["existing_cluster_id"].as<std::string>() ==
          "${var.all_purpose_cluster_id}");
    CHECK(b["variables"]["all_purpose_cluster_id"]["lookup"]["cluster"].as<std::string>() == "all_purpose_cluster");
    b = bundle_of(kCompute, "pooled");
    const YAML::Node cluster = b["resources"]["jobs"]["p"]["job_clusters"][0]["new_cluster"];
    CHECK(cluster["instance_pool_id"].as<std::string>() == "${var.warm_pool_pool_id}");
    CHECK(cluster["driver_instance_pool_id"].as<std::string>() == "${var.warm_pool_pool_id}");
    CHECK(!cluster["node_type_id"]);  // a pool's clusters take its node type
    CHECK(b["variables"]["warm_pool_pool_id"]["lookup"]["instance_pool"].as<std::string>() == "warm pool");
  }

  TEST_CASE("per-task clusters: single node, Photon, spot with on-demand first nodes; autoscaling on AWS") {
    YAML::Node b = bundle_of(kCompute, "spot");
    const YAML::Node c = b["resources"]["jobs"]["p"]["tasks"][0]["new_cluster"];
    CHECK(c["num_workers"].as<int>() == 0);
    CHECK(c["spark_conf"]["spark.databricks.cluster.profile"].as<std::string>() == "singleNode");
    CHECK(c["custom_tags"]["ResourceClass"].as<std::string>() == "SingleNode");
    CHECK(c["runtime_engine"].as<std::string>() == "PHOTON");
    CHECK(c["azure_attributes"]["availability"].as<std::string>() == "SPOT_WITH_FALLBACK_AZURE");
    CHECK(c["azure_attributes"]["first_on_demand"].as<int>() == 2);
    b = bundle_of(kCompute, "scaling");
    const YAML::Node s = b["resources"]["jobs"]["p"]["job_clusters"][0]["new_cluster"];
    CHECK(s["autoscale"]["min_workers"].as<int>() == 1);
    CHECK(s["autoscale"]["max_workers"].as<int>() == 5);
    CHECK(!s["num_workers"]);
    CHECK(s["aws_attributes"]["availability"].as<std::string>() == "SPOT_WITH_FALLBACK");
    CHECK(s["aws_attributes"]["first_on_demand"].as<int>() == 1);
  }

  TEST_CASE("a GCP node type (no `Standard_` prefix, no dot) gets gcp_attributes") {
    const YAML::Node b = bundle_of(
        "node_types: [{name: n2-highmem-4, vcpus: 4, mem_gib: 32}]\n"
        "cluster: {node_type: n2-highmem-4, spot_workers: true}\n"
        "workload: {tasks: [{task_key: t, duration: 1m}]}\nstrategies: [single_job_shared_cluster]\n",
        "single_job_shared_cluster");
    const YAML::Node c = b["resources"]["jobs"]["scenario"]["job_clusters"][0]["new_cluster"];
    CHECK(c["gcp_attributes"]["availability"].as<std::string>() == "PREEMPTIBLE_WITH_FALLBACK_GCP");
    CHECK(c["gcp_attributes"]["first_on_demand"].as<int>() == 1);
  }

  TEST_CASE("keys Databricks cannot take are made safe, and a note says so") {
    const auto written = reports::databricks_bundle(
        plan_strategy("workload: {name: '9 lives', tasks: [{task_key: 'a b', duration: 1m}, "
                      "{task_key: 'a/b', depends_on: ['a b'], duration: 1m}]}\nstrategies: [multi_job]\n",
                      "multi_job").deployment, "x", "");
    const YAML::Node jobs = YAML::Load(written.text)["resources"]["jobs"];
    CHECK(jobs["job_9_lives_orchestrator"]);
    CHECK(jobs["job_9_lives_orchestrator"]["tasks"][0]["task_key"].as<std::string>() == "a_b");
    CHECK(jobs["job_9_lives_orchestrator"]["tasks"][1]["task_key"].as<std::string>() == "a_b-2");
    CHECK(jobs["job_9_lives_orchestrator"]["tasks"][1]["depends_on"][0]["task_key"].as<std::string>() == "a_b");
    CHECK(jobs["job_9_lives_orchestrator"]["tasks"][1]["run_job_task"]["job_id"].as<std::string>() ==
          "${resources.jobs.a_b_2.id}");
    CHECK(std::find(written.notes.begin(), written.notes.end(),
                    "job '9 lives_orchestrator', task 'a/b': written as task_key 'a_b-2'") != written.notes.end());
  }

  TEST_CASE("two clusters whose names sanitise alike get a variable each") {
    const YAML::Node b = bundle_of(
        "clusters: {'a b': {kind: all_purpose}, a_b: {kind: all_purpose}}\n"
        "workload: {tasks: [{task_key: t1, duration: 1m, cluster: 'a b'}, {task_key: t2, duration: 1m, cluster: a_b}]}\n"
        "strategies: [as_defined]\n", "as_defined");
    CHECK(b["variables"]["a_b_id"]["lookup"]["cluster"].as<std::string>() == "a b");
    CHECK(b["variables"]["a_b_id_2"]["lookup"]["cluster"].as<std::string>() == "a_b");
    const YAML::Node tasks = b["resources"]["jobs"]["scenario"]["tasks"];
    CHECK(tasks[0]["existing_cluster_id"].as<std::string>() == "${var.a_b_id}");
    CHECK(tasks[1]["existing_cluster_id"].as<std::string>() == "${var.a_b_id_2}");
  }

  TEST_CASE("databricks_key: a letter first, a letter or digit last, [A-Za-z0-9_-] between") {
    CHECK(reports::databricks_key("etl", "job") == "etl");
    CHECK(reports::databricks_key("my job.v2", "job") == "my_job_v2");
    CHECK(reports::databricks_key("9x", "job") == "job_9x");
    CHECK(reports::databricks_key("trailing_", "job") == "trailing");
    CHECK(reports::databricks_key("", "job") == "job");
    CHECK(reports::databricks_key("__", "job") == "job");
  }
}
