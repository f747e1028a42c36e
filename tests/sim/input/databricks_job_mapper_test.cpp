#include "sim/input/databricks_job_mapper.h"

#include "models/branch_probability.h"
#include "models/deployment.h"

#include <algorithm>

#include <doctest/doctest.h>

#include "sim/input/profile_loader.h"
#include "tests/sim/input/databricks_test_source.h"

namespace orchsim::sim {
namespace {

using testing::bundle_source;
using testing::fixture_source;
using testing::fixture_text;

const models::WorkloadTask& task(const DatabricksImport& in, const std::string& key) {
  const auto& tasks = in.scenario.workload.tasks;
  const auto it = std::find_if(tasks.begin(), tasks.end(), [&](const models::WorkloadTask& t) { return t.key == key; });
  REQUIRE_MESSAGE(it != tasks.end(), key);
  return *it;
}

const models::NamedCluster& cluster(const DatabricksImport& in, const std::string& name) {
  const auto& clusters = in.scenario.strategies.front().clusters;
  const auto it = std::find_if(clusters.begin(), clusters.end(), [&](const models::NamedCluster& c) { return c.name == name; });
  REQUIRE_MESSAGE(it != clusters.end(), name);
  return *it;
}

Profile test_profile() { return parse_profile(fixture_text("profile.yml"), "profile.yml"); }

// Every message of the InputError `f` throws, as "line:col: message" (the file left out).
template <class F>
std::vector<std::string> problems(F f) {
  std::vector<std::string> out;
  try {
    f();
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) out.push_back(fmt::format("{}:{}: {}", d.where.line, d.where.column, d.message));
  }
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& prefix) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return s.rfind(prefix, 0) == 0; });
}

TEST_CASE("the job mapper reads tasks, dependencies, run_if, retries and timeouts as written") {
  const DatabricksImport in = map_databricks_job(fixture_source("etl_bundle.yml"), test_profile(), "");
  CHECK(in.job == "nightly_etl");
  CHECK(in.scenario.name == "Nightly ETL");
  REQUIRE(in.scenario.workload.tasks.size() == 9);
  const auto& ingest = task(in, "ingest");
  CHECK(ingest.retry.retries_forever());  // max_retries: -1
  CHECK(ingest.retry.min_retry_interval == Duration::seconds(60));
  CHECK(ingest.retry.retry_on_timeout);
  CHECK_FALSE(ingest.rare->timeout.has_value());  // timeout_seconds: 0 = none
  const auto& transform = task(in, "transform");
  CHECK(transform.retry.max_retries == std::optional<std::uint32_t>(2));  // written 2.0
  CHECK(transform.rare->timeout == Duration::seconds(1800));
  REQUIRE(transform.depends_on.names() == std::vector<std::string>{"check_rows"});
  CHECK(transform.depends_on[0].gate == EdgeGate::kTrue);
  const auto& check = task(in, "check_rows");
  REQUIRE(check.orchestration->condition.has_value());
  CHECK(check.orchestration->condition->op == ConditionOp::kGreaterThan);
  CHECK(check.orchestration->condition->left == "12");
  CHECK(task(in, "adhoc").disabled);
  const auto& cleanup = task(in, "cleanup");
  CHECK(cleanup.run_if == RunIf::kAllDone);
  CHECK(cleanup.depends_on.size() == 3);
  CHECK(cleanup.alerts->on_start);
  CHECK(cleanup.alerts->alert_on_last_attempt);
  const auto& per_region = task(in, "per_region");
  REQUIRE(per_region.orchestration->for_each.has_value());
  CHECK(per_region.orchestration->for_each->inputs == 3);  // '["eu", "us", "apac"]'
  CHECK(per_region.orchestration->for_each->concurrency == 2);
  CHECK(per_region.retry.max_retries == std::optional<std::uint32_t>(1));  // the nested task's
}

TEST_CASE("the job mapper reads job-level settings, notifications, health and the schedule") {
  const DatabricksImport in = map_databricks_job(fixture_source("etl_bundle.yml"), test_profile(), "");
  const models::JobSettings& job = in.scenario.workload.job;
  CHECK(job.timeout == Duration::seconds(7200));
  CHECK(job.max_concurrent_runs == 2);
  CHECK(job.queue);
  CHECK(job.alerts.on_failure);
  CHECK_FALSE(job.alerts.on_start);
  CHECK(job.alerts.duration_warning == Duration::seconds(5400));
  REQUIRE(in.trigger.has_value());
  CHECK(in.trigger->kind == "schedule");
  CHECK(in.trigger->detail == "0 30 2 * * ? (Europe/Paris)");
}

TEST_CASE("the job mapper takes work from the profile: type defaults, then matching rules in order") {
  const DatabricksImport in = map_databricks_job(fixture_source("etl_bundle.yml"), test_profile(), "");
  const auto& ingest = task(in, "ingest");  // defaults.notebook (20m, 8 cores), then match ingest
  CHECK(ingest.duration == Duration::minutes(45));
  CHECK(ingest.cores == 8);
  CHECK(ingest.rare->mem_gib == 32);
  CHECK(ingest.failure_probability == 0.05);
  const auto& report = task(in, "report");  // the sql rule
  CHECK(report.duration == Duration::minutes(3));
  CHECK(report.cores == 2);
  CHECK(task(in, "per_region").duration == Duration::minutes(5));  // glob per_region*
  const auto& transform = task(in, "transform");  // spark_python: no rule, built-in default
  CHECK(transform.duration == Duration::minutes(10));
  CHECK(transform.cores == 4);
  // Tasks that used a default are listed, with what they took.
  const auto& defaulted = in.summary.defaulted;
  const auto it = std::find_if(defaulted.begin(), defaulted.end(), [](const auto& d) { return d.task == "transform"; });
  REQUIRE(it != defaulted.end());
  CHECK(it->type == "spark_python");
  CHECK(it->what == std::vector<std::string>{"duration", "cores", "mem_gib", "failure rates"});
  CHECK(std::none_of(defaulted.begin(), defaulted.end(), [](const auto& d) { return d.task == "report"; }));
}

TEST_CASE("the job mapper lays each task on the compute the file gives it") {
  const DatabricksImport in = map_databricks_job(fixture_source("etl_bundle.yml"), test_profile(), "");
  const auto& as_defined = in.scenario.strategies.front();
  CHECK(as_defined.kind == models::StrategyKind::kAsDefined);
  CHECK(task(in, "ingest").placement->cluster == "shared");
  CHECK(task(in, "per_region").placement->cluster == "shared");  // the nested task's job_cluster_key
  const auto& shared = cluster(in, "shared").cluster;
  CHECK(shared.kind == models::ClusterKind::kJobCluster);
  CHECK(shared.node_type == "Standard_DS4_v2");
  CHECK(shared.photon);
  REQUIRE(shared.autoscale.has_value());
  CHECK(shared.autoscale->min_workers == 2);
  CHECK(shared.autoscale->max_workers == 6);
  CHECK(shared.workers == 2);
  CHECK(shared.spot_workers);
  CHECK(shared.first_on_demand == 1);
  const auto& own = cluster(in, task(in, "transform").placement->cluster.value()).cluster;
  CHECK(own.kind == models::ClusterKind::kNewCluster);
  CHECK(own.node_type == "i3.xlarge");
  CHECK(own.workers == 3);
  CHECK(own.spot_workers);
  CHECK(own.first_on_demand == 2);
  const auto& existing = cluster(in, task(in, "adhoc").placement->cluster.value()).cluster;  // from the profile
  CHECK(existing.kind == models::ClusterKind::kAllPurpose);
  CHECK(existing.node_type == "Standard_DS5_v2");
  CHECK(existing.workers == 6);
  // Serverless: the environment task, and SQL / pipeline tasks on their own compute, sized to
  // their cores on 4-vCPU Standard_DS3_v2: ceil(4/4) = 1, ceil(2/4) = 1, ceil(8/4) = 2.
  CHECK(cluster(in, task(in, "score").placement->cluster.value()).cluster.kind == models::ClusterKind::kServerless);
  CHECK(cluster(in, task(in, "score").placement->cluster.value()).cluster.workers == 1);
  CHECK(cluster(in, task(in, "report").placement->cluster.value()).cluster.workers == 1);
  CHECK(cluster(in, task(in, "refresh").placement->cluster.value()).cluster.workers == 2);
  CHECK_FALSE(task(in, "check_rows").placement->cluster.has_value());  // conditions run no compute
  // Every alternative, on the job's first job cluster.
  REQUIRE(in.scenario.strategies.size() == 7);
  for (const auto& s : in.scenario.strategies) CHECK(s.cluster.node_type == "Standard_DS4_v2");
}

TEST_CASE("the import summary lists known but unmodelled fields once, and the approximations") {
  const DatabricksImport in = map_databricks_job(fixture_source("etl_bundle.yml"), test_profile(), "");
  std::vector<std::string> fields;
  for (const auto& u : in.summary.unmodelled) fields.push_back(u.field);
  CHECK(fields == std::vector<std::string>{"permissions", "environments[].spec", "tasks[].libraries"});
  CHECK(in.summary.unmodelled[0].where.line == 17);
  const auto& notes = in.summary.notes;
  CHECK(std::any_of(notes.begin(), notes.end(), [](const std::string& n) { return n.find("fallback") != std::string::npos; }));
  CHECK(in.summary.to_text().find("tasks[].libraries") != std::string::npos);
}

TEST_CASE("run_job tasks: a job of the same file is inlined, an outside job comes from the profile") {
  const DatabricksImport in = map_databricks_job(fixture_source("run_job_bundle.yml"), test_profile(), "parent");
  CHECK(in.jobs == std::vector<std::string>{"parent", "child"});
  // parent: prepare, run_child → child's a, b, c (keys prefixed), run_outside, finish.
  REQUIRE(in.scenario.workload.tasks.size() == 6);
  const auto& a = task(in, "run_child.a");
  CHECK(a.depends_on.names() == std::vector<std::string>{"prepare"});  // the run_job task's dependencies
  CHECK(a.run_if == RunIf::kAllDone);                            // and its run_if
  CHECK(a.placement->group == std::optional<std::string>("run_child"));
  CHECK(task(in, "run_child.c").run_if == RunIf::kAllSuccess);
  CHECK(cluster(in, task(in, "run_child.a").placement->cluster.value()).cluster.node_type == "m5.xlarge");
  // finish waited for run_child: now for the child's last task.
  CHECK(task(in, "finish").depends_on.names() == std::vector<std::string>{"run_child.c", "run_outside"});
  const auto& outside = task(in, "run_outside");
  CHECK(outside.duration == Duration::minutes(30));
  CHECK(outside.cores == 2);
}

TEST_CASE("as_defined lays a job and the job it runs out as two jobs linked by a run_job task") {
  const DatabricksImport in = map_databricks_job(fixture_source("run_job_bundle.yml"), test_profile(), "parent");
  Diagnostics d;
  const auto dag = in.scenario.workload.dag(d);
  REQUIRE(dag.has_value());
  const auto deployment = models::plan(in.scenario.workload, *dag, in.scenario.strategies.front(), in.scenario.catalog, in.scenario.world.pricing, d);
  REQUIRE(deployment.has_value());
  REQUIRE(deployment->jobs.size() == 2);
  const JobSpec& parent = deployment->jobs[0];
  CHECK(parent.dag.size() == 4);  // prepare, run_child, run_outside, finish
  const TaskId run = *parent.dag.find("run_child");
  CHECK(parent.tasks[run.index()].kind == TaskKind::kRunJob);
  CHECK(parent.tasks[run.index()].run_if == RunIf::kAllDone);
  CHECK(deployment->jobs[1].dag.size() == 3);  // a, b, c
}

TEST_CASE("every task type imports as a task; its type chooses the default work") {
  const DatabricksImport in = map_databricks_job(fixture_source("task_types.yml"), Profile{}, "");
  REQUIRE(in.scenario.workload.tasks.size() == 13);
  CHECK(task(in, "nb").duration == Duration::minutes(10));
  CHECK(task(in, "submit").cores == 4);
  CHECK(task(in, "models").duration == Duration::minutes(5));  // dbt
  CHECK(task(in, "query").duration == Duration::minutes(2));   // sql
  CHECK(task(in, "board").duration == Duration::minutes(1));
  CHECK(task(in, "dlt").duration == Duration::minutes(15));    // pipeline
  CHECK(task(in, "genai").duration == Duration::minutes(10));
  CHECK(in.summary.defaulted.size() == 13);  // every task, no profile
  // No compute written: serverless, in standard mode (performance_target: STANDARD): median 5 min.
  const auto& nb = cluster(in, task(in, "nb").placement->cluster.value()).cluster;
  CHECK(nb.kind == models::ClusterKind::kServerless);
  CHECK(nb.serverless_startup.quantile(0.5) == doctest::Approx(300));
  CHECK(nb.performance_target == models::PerformanceTarget::kStandard);  // and standard mode's DBUs
  CHECK(cluster(in, task(in, "dlt").placement->cluster.value()).cluster.kind == models::ClusterKind::kServerless);
}

TEST_CASE("compute: single node, instance pool, preemptible with fallback, Photon runtime, an unpriced node type") {
  Profile profile;
  profile.pools.emplace_back("pool-1", PoolProfile{.node_type = "r5.xlarge", .min_idle = 2});
  const DatabricksImport in = map_databricks_job(fixture_source("compute.yml"), profile, "");
  CHECK(cluster(in, "single").cluster.workers == 0);
  const auto& pooled = cluster(in, "pooled").cluster;
  CHECK(pooled.workers == 0);  // autoscale 0–0
  CHECK_FALSE(pooled.autoscale.has_value());
  CHECK(pooled.node_type == "r5.xlarge");  // the pool's, from the profile
  const auto& as_defined = in.scenario.strategies.front();
  REQUIRE(as_defined.pool.has_value());
  CHECK(as_defined.pool->name == "pool-1");
  CHECK(as_defined.pool->min_idle == 2);
  const auto& gcp = cluster(in, "gcp").cluster;
  CHECK(gcp.spot_workers);
  CHECK(gcp.photon);  // a photon runtime version
  CHECK(gcp.workers == 5);
  const auto& notes = in.summary.notes;
  CHECK(std::any_of(notes.begin(), notes.end(), [](const std::string& n) { return n.find("driver_node_type_id 'r5.xlarge'") != std::string::npos; }));
  REQUIRE(in.unpriced_node_types.size() == 1);
  CHECK(in.unpriced_node_types[0].first == "Standard_Q99");
  CHECK(in.unpriced_node_types[0].second.line == 19);
  CHECK(cluster(in, "odd").cluster.node_type == "Standard_Q99");  // kept as written
}

TEST_CASE("the jobs to import: --job, else every job no other job runs") {
  const DatabricksSource source = fixture_source("run_job_bundle.yml");
  // parent and unrelated_a are run by no job (child is run by parent): both, in definition order.
  CHECK(choose_databricks_jobs(source, "") == std::vector<std::string>{"parent", "unrelated_a"});
  CHECK(choose_databricks_jobs(source, "unrelated_a") == std::vector<std::string>{"unrelated_a"});
  CHECK(problems([&] { (void)choose_databricks_jobs(source, "nope"); })[0].find("the jobs are: parent, child, unrelated_a") !=
        std::string::npos);
  const DatabricksSource one = bundle_source("resources:\n  jobs:\n    only:\n      tasks: [{task_key: t, notebook_task: {notebook_path: x}}]\n", "t.yml");
  CHECK(choose_databricks_jobs(one, "") == std::vector<std::string>{"only"});
  // Two jobs that run each other: no job starts the chain, so --job must say which.
  const DatabricksSource cycle = bundle_source(
      "resources:\n  jobs:\n    a:\n      tasks: [{task_key: t, run_job_task: {job_id: b}}]\n"
      "    b:\n      tasks: [{task_key: u, run_job_task: {job_id: a}}]\n", "c.yml");
  const auto errors = problems([&] { (void)choose_databricks_jobs(cycle, ""); });
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("every job of this file is run by another through run_job tasks (a cycle: a, b)") != std::string::npos);
}

TEST_CASE("several independent jobs map together: tasks prefixed and grouped by job, a synthetic entry") {
  const DatabricksSource source = bundle_source(
      "resources:\n  jobs:\n    one:\n      timeout_seconds: 600\n      tasks: [{task_key: t, notebook_task: {notebook_path: x}}]\n"
      "    two:\n      tasks: [{task_key: t, notebook_task: {notebook_path: y}}]\n", "two.yml");
  const DatabricksImport in = map_databricks_job(source, Profile{}, "");
  CHECK(in.roots == std::vector<std::string>{"one", "two"});
  REQUIRE(in.scenario.workload.tasks.size() == 2);
  CHECK(in.scenario.workload.tasks[0].key == "one.t");  // the same task_key in both jobs stays distinct
  CHECK(in.scenario.workload.tasks[1].key == "two.t");
  CHECK(in.scenario.workload.tasks[1].placement->group == "two");
  CHECK(in.scenario.strategies.front().as_defined_synthetic_entry);
  // one's timeout applies to every job; the summary says the jobs differ.
  CHECK(in.scenario.workload.job.timeout == Duration::seconds(600));
  const auto& notes = in.summary.notes;
  CHECK(std::any_of(notes.begin(), notes.end(), [](const std::string& n) { return n.find("jobs 'one' and 'two' differ") == 0; }));
  CHECK(in.summary.notes.back().find("2 independent jobs compared together") == 0);
  CHECK(map_databricks_job(source, Profile{}, "two").scenario.workload.tasks[0].key == "t");
}

TEST_CASE("an outside run_job without a profile entry is an error naming the task") {
  const auto errors = problems([] { (void)map_databricks_job(fixture_source("run_job_bundle.yml"), Profile{}, "parent"); });
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("14:34: run_job task 'run_outside' runs job '987', which is not in this file", 0) == 0);
}

TEST_CASE("bad input: every problem at once, each at its line:col") {
  const auto errors = problems([] { (void)map_databricks_job(fixture_source("bad_job.yml"), Profile{}, ""); });
  CHECK(has(errors, "5:7: unknown field 'timeout_secnds' in a job (did you mean 'timeout_seconds'?)"));
  CHECK(has(errors, "6:28: 'max_concurrent_runs' must be an integer, got the quoted string \"3\""));
  CHECK(has(errors, "11:11: a task needs a task_key"));
  CHECK(has(errors, "13:28: 'timeout_seconds' must be an integer, got \"3600,\""));
  CHECK(has(errors, "15:28: task 'typo': job_cluster_key 'mian' is not one of the job's job_clusters (did you mean 'main'?)"));
  CHECK(has(errors, "17:27: condition task 'gate': operand '{{tasks.typo.values.n}}' is a runtime reference"));
  CHECK(has(errors, "20:21: for_each task 'fan': inputs '{{job.parameters.regions}}' is a runtime reference"));
  CHECK(has(errors, "23:19: 'run_if': unknown value 'ALL_GOOD'"));
  CHECK(has(errors, "24:50: 'outcome': unknown value 'yes'"));
  CHECK(errors.size() == 9);
}

TEST_CASE("condition references take a value, or a branch, from the profile") {
  const char* text =
      "resources:\n  jobs:\n    j:\n      tasks:\n"
      "        - {task_key: gate, condition_task: {op: GREATER_THAN, left: '{{job.parameters.threshold}}', right: '5'}}\n"
      "        - {task_key: branch, condition_task: {op: EQUAL_TO, left: '{{tasks.x.values.y}}', right: 'a'}}\n"
      "        - {task_key: coin, condition_task: {op: EQUAL_TO, left: '{{tasks.x.values.heads}}', right: 'yes'}}\n"
      "        - {task_key: fan_out, for_each_task: {inputs: '{{job.parameters.list}}', task: {task_key: it, sql_task: {warehouse_id: w}}}}\n";
  const DatabricksImport in = map_databricks_job(bundle_source(text, "t.yml"), test_profile(), "");
  const auto& gate = task(in, "gate");  // values: threshold = "7"; 7 > 5
  CHECK(gate.orchestration->condition->left == "7");
  CHECK(evaluate(gate.orchestration->condition->op, gate.orchestration->condition->left, gate.orchestration->condition->right) == std::optional(true));
  const auto& branch = task(in, "branch");  // conditions: branch takes outcome false
  CHECK(evaluate(branch.orchestration->condition->op, branch.orchestration->condition->left, branch.orchestration->condition->right) == std::optional(false));
  CHECK(task(in, "fan_out").orchestration->for_each->inputs == 12);
  // conditions: {coin: {probability: 0.25}} → true with probability 0.25, drawn in simulation.
  const auto& coin = task(in, "coin");
  CHECK(coin.orchestration->condition->left == models::branch_reference(0.25));
  CHECK(coin.orchestration->condition->right == "true");
  CHECK(task(in, "fan_out").duration == Duration::minutes(3));  // the nested sql task's rule
}

}  // namespace
}  // namespace orchsim::sim
