#include "sim/input/profile_loader.h"

#include "sim/input/glob_pattern.h"

#include <doctest/doctest.h>

namespace orchsim::sim {
namespace {

std::vector<std::string> problems(const char* text) {
  std::vector<std::string> out;
  try {
    (void)parse_profile(text, "p.yml");
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) out.push_back(d.to_string());
  }
  return out;
}

TEST_CASE("a profile reads defaults, rules, values, counts, clusters, pools, outside jobs and prices") {
  const Profile p = parse_profile(
      "defaults: {notebook: {duration: 20m, cores: 8}}\n"
      "tasks:\n"
      "  - {match: 'etl_*', duration: 1h, compute: {kind: serverless}}\n"
      "values: {'{{job.parameters.x}}': 3}\n"
      "conditions: {gate: {outcome: false}}\n"
      "for_each: {fan: 7}\n"
      "existing_clusters: {c1: {node_type: Standard_DS4_v2, workers: 3}}\n"
      "pools: {pool1: {node_type: m5.xlarge, min_idle: 2}}\n"
      "outside_jobs: {'42': {duration: 5m}}\n"
      "node_types: [{name: X1, vcpus: 2, mem_gib: 4, dbu_per_hour: 0.5, vm_usd_per_hour: 0.1}]\n",
      "p.yml");
  REQUIRE(p.type_defaults.size() == 1);
  CHECK(p.type_defaults[0].second.duration == Duration::minutes(20));
  REQUIRE(p.tasks.size() == 1);
  CHECK(p.tasks[0].work.compute->kind == models::ClusterKind::kServerless);
  CHECK(*Profile::find(p.values, "{{job.parameters.x}}") == "3");
  CHECK(Profile::find(p.conditions, "gate")->outcome == std::optional(false));
  CHECK(*Profile::find(p.for_each, "fan") == 7);
  const auto* c1 = Profile::find(p.existing_clusters, "c1");
  REQUIRE(c1 != nullptr);
  CHECK(c1->kind == models::ClusterKind::kAllPurpose);
  CHECK(c1->workers == 3);
  CHECK(Profile::find(p.pools, "pool1")->min_idle == 2);
  CHECK(Profile::find(p.outside_jobs, "42")->duration == Duration::minutes(5));
  CHECK(p.catalog.find("X1") != nullptr);
  CHECK(p.catalog.find("Standard_DS3_v2") != nullptr);  // the built-in catalog stays
}

TEST_CASE("a profile's mistakes are all reported at their line:col") {
  const auto errors = problems(
      "defualts: {}\n"
      "tasks:\n"
      "  - {type: notbook, duration: 2m}\n"
      "  - {cores: 4}\n"
      "for_each: {fan: many}\n");
  REQUIRE(errors.size() == 4);
  CHECK(errors[0] == "p.yml:1:1: unknown key 'defualts' (did you mean 'defaults'?)");
  CHECK(errors[1].rfind("p.yml:3:12: unknown task type 'notbook'", 0) == 0);
  CHECK(errors[2] == "p.yml:4:5: a 'tasks' entry needs 'match' (a task key or glob) or 'type'");
  CHECK(errors[3] == "p.yml:5:17: 'fan' must be an integer, got 'many'");
}

TEST_CASE("an empty profile gives every default") {
  const Profile p = parse_profile("", "p.yml");
  CHECK(p.tasks.empty());
  CHECK(p.catalog.find("i3.xlarge") != nullptr);
}

TEST_CASE("glob_match and the per-type defaults") {
  CHECK(glob_match("etl_*", "etl_load"));
  CHECK(glob_match("*_load", "etl_load"));
  CHECK(glob_match("e?l_*d", "etl_load"));
  CHECK_FALSE(glob_match("etl_?", "etl_load"));
  // docs/databricks.md, "Defaults per task type".
  CHECK(default_work("notebook").duration == Duration::minutes(10));
  CHECK(default_work("notebook").cores == 4);
  CHECK_FALSE(default_work("notebook").compute.has_value());
  CHECK(default_work("sql").duration == Duration::minutes(2));
  CHECK(default_work("sql").compute->kind == models::ClusterKind::kServerless);
  CHECK(default_work("pipeline").cores == 8);
  CHECK(default_work("dbt").duration == Duration::minutes(5));
}

}  // namespace
}  // namespace orchsim::sim
