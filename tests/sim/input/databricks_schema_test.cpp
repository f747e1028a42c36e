#include "sim/input/databricks_schema.h"

#include <filesystem>
#include <set>
#include <string>

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "sim/input/config_yaml.h"
#include "sim/input/yaml_document.h"

namespace orchsim::sim {
namespace {

ConfigNode parse(const char* text) {
  Diagnostics d;
  ConfigNode root = config_from_yaml(load_yaml(text, "j.yml"), "j.yml", d);
  REQUIRE(d.empty());
  return root;
}

TEST_CASE("the schema table knows the job, its tasks and their fields, and what orchsim models") {
  REQUIRE(schema_types()[0].name == "Job");
  const SchemaType* task = find_schema_type("jobs.Task");
  REQUIRE(task != nullptr);
  const SchemaField* key = find_schema_field(*task, "task_key");
  REQUIRE(key != nullptr);
  CHECK(key->modelled);
  CHECK(key->kind == SchemaKind::kString);
  const SchemaField* libraries = find_schema_field(*task, "libraries");
  REQUIRE(libraries != nullptr);
  CHECK_FALSE(libraries->modelled);
  CHECK(libraries->kind == SchemaKind::kList);
  const SchemaField* nc = find_schema_field(*task, "new_cluster");
  REQUIRE(nc != nullptr);
  CHECK(schema_types()[static_cast<std::size_t>(nc->type)].name == "compute.ClusterSpec");
  CHECK(find_schema_field(*task, "no_such_field") == nullptr);
  for (const char* name : {"jobs.ForEachTask", "jobs.ConditionTask", "jobs.RunJobTask", "jobs.JobCluster",
                           "compute.AutoScale", "compute.AwsAttributes", "compute.AzureAttributes",
                           "compute.GcpAttributes", "jobs.JobEmailNotifications", "jobs.WebhookNotifications",
                           "jobs.JobsHealthRules", "jobs.CronSchedule", "jobs.TriggerSettings", "jobs.Continuous",
                           "jobs.QueueSettings", "jobs.JobEnvironment", "jobs.TaskDependency"}) {
    CHECK_MESSAGE(find_schema_type(name) != nullptr, name);
  }
}

TEST_CASE("check_job_schema: unknown fields are errors with a hint, unmodelled ones are listed once") {
  const ConfigNode job = parse(
      "permissions: [{level: CAN_VIEW, group_name: g}]\n"
      "tasks:\n"
      "  - task_key: a\n"
      "    notebook_task: {notebook_path: x, base_parameters: {k: v}}\n"
      "    libraries: [{pypi: {package: p}}]\n"
      "    max_retrys: 1\n"
      "  - task_key: b\n"
      "    libraries: [{whl: w}]\n"
      "    new_cluster: {node_type_id: n, spark_env_vars: {A: b}, aws_attributes: {zone_idd: z}}\n");
  Diagnostics d;
  ConfigReader r(d);
  ImportSummary summary;
  check_job_schema(job, false, r, summary);
  REQUIRE(d.items().size() == 2);
  CHECK(d.items()[0].to_string() == "j.yml:6:5: unknown field 'max_retrys' in 'tasks[]' (did you mean 'max_retries'?)");
  CHECK(d.items()[1].to_string() ==
        "j.yml:9:77: unknown field 'zone_idd' in 'tasks[].new_cluster.aws_attributes' (did you mean 'zone_id'?)");
  std::vector<std::string> fields;
  for (const auto& u : summary.unmodelled) fields.push_back(u.field);
  // The payload (notebook_path, base_parameters) is the task's type: not listed.
  CHECK(fields == std::vector<std::string>{"permissions", "tasks[].libraries", "tasks[].new_cluster.spark_env_vars"});
}

TEST_CASE("check_job_schema: Jobs API fields a bundle may not set are accepted in a JSON envelope") {
  const ConfigNode job = parse("format: MULTI_TASK\ntasks: []\n");
  Diagnostics bundle_d, api_d;
  ConfigReader bundle_r(bundle_d), api_r(api_d);
  ImportSummary s1, s2;
  check_job_schema(job, false, bundle_r, s1);
  check_job_schema(job, true, api_r, s2);
  CHECK(bundle_d.items().size() == 1);
  CHECK(api_d.empty());
  REQUIRE(s2.unmodelled.size() == 1);
  CHECK(s2.unmodelled[0].field == "format");
}

// The shipped table must match the schema it was generated from (scripts/gen_databricks_schema.py).
TEST_CASE("the schema table matches the official bundle schema (when ../shared/examples is present)") {
  const std::filesystem::path file = std::filesystem::path(ORCHSIM_EXAMPLES_DIR) / "databricks-bundle-schema/jsonschema.json";
  if (!std::filesystem::exists(file)) return;
  const YAML::Node defs = YAML::LoadFile(file.string())["$defs"];
  const YAML::Node sdk = defs["github.com"]["databricks"]["databricks-sdk-go"]["service"];
  const YAML::Node cli = defs["github.com"]["databricks"]["cli"]["bundle"]["config"];
  for (const SchemaType& type : schema_types()) {
    const YAML::Node def = type.name == "Job" ? cli["resources.Job"]
                           : std::string(type.name).rfind("resources.", 0) == 0 ? cli[std::string(type.name)]
                                                                                 : sdk[std::string(type.name)];
    REQUIRE_MESSAGE(def, std::string(type.name));
    std::set<std::string> expected;
    for (const auto& p : def["oneOf"][0]["properties"]) expected.insert(p.first.as<std::string>());
    std::set<std::string> got;
    for (const SchemaField& f : type.fields) got.insert(std::string(f.name));
    CHECK_MESSAGE(got == expected, std::string(type.name));
  }
}

}  // namespace
}  // namespace orchsim::sim
