// The Jobs API JSON writer. One job: the create payload itself. Several: a `jobs list`-shaped
// {"jobs": [{"job_id", "settings"}]} in creation order, each job after the jobs its run_job tasks
// run, with placeholder ids 1, 2, … that the run_job tasks refer to (worked by hand below).
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include "reports/databricks_json_writer.h"
#include "tests/reports/databricks_writers_test.h"

using namespace orchsim;
using orchsim::testing::plan_strategy;

namespace {

constexpr const char* kChain = R"(
name: chain
cluster: {workers: 1}
workload:
  name: p
  tasks:
    - {task_key: a, duration: 1m}
    - {task_key: gate, depends_on: [a], condition: {op: EQUAL_TO, left: "x", right: "x"}}
    - {task_key: b, depends_on: [{task_key: gate, outcome: "true"}], duration: 1m, timeout: 90s}
strategies: [multi_job, single_job_shared_cluster, all_purpose_shared]
)";

}  // namespace

TEST_SUITE("reports.databricks_json_writer") {
  TEST_CASE("one job: the create payload, written in full") {
    const auto written = reports::databricks_json(
        plan_strategy("workload: {name: w, tasks: [{task_key: t, duration: 1m, max_retries: 2}]}\n"
                      "cluster: {workers: 1}\nstrategies: [single_job_shared_cluster]\n",
                      "single_job_shared_cluster").deployment);
    CHECK(written.text ==
          "{\n"
          "  \"name\": \"w\",\n"
          "  \"max_concurrent_runs\": 1,\n"
          "  \"job_clusters\": [\n"
          "    {\n"
          "      \"job_cluster_key\": \"shared_cluster\",\n"
          "      \"new_cluster\": {\n"
          "        \"spark_version\": \"15.4.x-scala2.12\",\n"
          "        \"node_type_id\": \"Standard_DS3_v2\",\n"
          "        \"driver_node_type_id\": \"Standard_DS3_v2\",\n"
          "        \"num_workers\": 1,\n"
          "        \"azure_attributes\": {\n"
          "          \"availability\": \"ON_DEMAND_AZURE\"\n"
          "        }\n"
          "      }\n"
          "    }\n"
          "  ],\n"
          "  \"tasks\": [\n"
          "    {\n"
          "      \"task_key\": \"t\",\n"
          "      \"job_cluster_key\": \"shared_cluster\",\n"
          "      \"notebook_task\": {\n"
          "        \"notebook_path\": \"/Workspace/Shared/orchsim/w/t\"\n"
          "      },\n"
          "      \"max_retries\": 2\n"
          "    }\n"
          "  ]\n"
          "}\n");
  }

  TEST_CASE("several jobs: children first, run_job tasks name their placeholder ids") {
    const YAML::Node doc = YAML::Load(reports::databricks_json(plan_strategy(kChain, "multi_job").deployment).text);
    const YAML::Node jobs = doc["jobs"];
    // Post-order from the orchestrator (job 0), children in task order: a (1), b (2), then it (3).
    REQUIRE(jobs.size() == 3);
    CHECK(jobs[0]["job_id"].as<int>() == 1);
    CHECK(jobs[0]["settings"]["name"].as<std::string>() == "a");
    CHECK(jobs[1]["job_id"].as<int>() == 2);
    CHECK(jobs[1]["settings"]["name"].as<std::string>() == "b");
    CHECK(jobs[1]["settings"]["tasks"][0]["timeout_seconds"].as<int>() == 90);
    CHECK(jobs[2]["job_id"].as<int>() == 3);
    const YAML::Node tasks = jobs[2]["settings"]["tasks"];
    CHECK(jobs[2]["settings"]["name"].as<std::string>() == "p_orchestrator");
    CHECK(tasks[0]["run_job_task"]["job_id"].as<int>() == 1);
    CHECK(tasks[1]["condition_task"]["op"].as<std::string>() == "EQUAL_TO");
    CHECK(tasks[2]["depends_on"][0]["outcome"].as<std::string>() == "true");
    CHECK(tasks[2]["run_job_task"]["job_id"].as<int>() == 2);
  }

  TEST_CASE("placeholders are example values, not bundle variables") {
    const std::string text = reports::databricks_json(plan_strategy(kChain, "all_purpose_shared").deployment).text;
    CHECK(text.find("\"existing_cluster_id\": \"<id of all-purpose cluster 'all_purpose_cluster'>\"") != std::string::npos);
    CHECK(text.find("${") == std::string::npos);
  }
}
