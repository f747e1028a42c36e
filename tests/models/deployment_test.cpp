// Strategies as layouts (models::plan): hybrid's threshold rule (work, memory, special node type),
// as_defined's named clusters, multi_job per named group, the pool variant of every strategy, and
// the GPU node types a mixed workload can require. Scenarios are inline YAML through the one loader.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "models/deployment.h"
#include "sim/input/scenario_loader.h"
#include "tests/models/planned_scenario.h"

using namespace orchsim;
using models::ClusterKind;
using testing::plan_of;

namespace {

// The compute a workload task runs on, in a single-job deployment.
const models::ComputeSpec& compute_of(const models::Deployment& d, const std::string& key) {
  REQUIRE(d.jobs.size() == 1);
  const auto task = d.jobs[0].dag.find(key);
  REQUIRE(task);
  return d.computes[d.jobs[0].tasks.compute(task->index()).index()];
}

std::vector<std::string> keys_of(const JobSpec& job) {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < job.dag.size(); ++i) keys.emplace_back(job.dag.key(TaskId(static_cast<std::uint32_t>(i))));
  return keys;
}

std::vector<std::string> upstream_keys(const JobSpec& job, const std::string& key) {
  std::vector<std::string> keys;
  for (TaskId up : job.dag.upstream(*job.dag.find(key))) keys.emplace_back(job.dag.key(up));
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

TEST_SUITE("models.strategy") {
  TEST_CASE("a compute is 64 bytes, its name packed apart (multi_job makes one per workload task, issue #15)") {
    // LP64: shared template 16 + shape 16 (node 8, workers 4, 4 of padding) + pool 8 (optional
    // uint32) + sizing 24 (demand: cores 4, GPUs 4, GiB 8; how 1, capped 1, 6 of padding).
    static_assert(sizeof(void*) != 8 || sizeof(models::ComputeSpec) == 64);
    models::Deployment d;
    d.compute_names.push_back("a_cluster");
    d.compute_names.push_back("shared_cluster");
    d.computes.resize(2);
    CHECK(d.name_of(d.computes[1]) == "shared_cluster");
    CHECK(d.compute_names[0] == "a_cluster");
  }
  TEST_CASE("hybrid: heavy work, big memory or a special node type gets its own cluster; the rest share one") {
    // Thresholds: 4 core-hours of work, 32 GiB. "edge" has exactly 4 core-hours: not above, shared.
    const std::string workload = R"(
cluster: {node_type: Standard_DS3_v2, workers: 4}
workload:
  tasks:
    - {task_key: small, duration: 10m, cores: 1}
    - {task_key: edge, duration: 1h, cores: 4}
    - {task_key: heavy, duration: 2h, cores: 4}
    - {task_key: fat, duration: 5m, mem_gib: 40}
    - {task_key: gpu, duration: 5m, required_node_type: g4dn.xlarge}
    - {task_key: mem, duration: 5m, preferred_node_type: Standard_E8s_v3}
)";
    SUBCASE("every rule on") {
      const auto p = plan_of(workload + "strategies: [{kind: hybrid, hybrid: {work_core_hours_above: 4, mem_gib_above: 32}}]\n");
      REQUIRE(p.deployment);
      const auto& d = *p.deployment;
      for (const char* key : {"small", "edge"}) {
        CHECK(d.name_of(compute_of(d, key)) == "shared_cluster");
        CHECK(compute_of(d, key).cluster().kind == ClusterKind::kJobCluster);
      }
      for (const char* key : {"heavy", "fat", "gpu", "mem"}) {
        CHECK(d.name_of(compute_of(d, key)) == std::string(key) + "_cluster");
        CHECK(compute_of(d, key).cluster().kind == ClusterKind::kNewCluster);
      }
      CHECK(compute_of(d, "heavy").shape.node->name == "Standard_DS3_v2");
      CHECK(compute_of(d, "gpu").shape.node->name == "g4dn.xlarge");
      CHECK(compute_of(d, "gpu").shape.node->gpus >= 1);
      CHECK(compute_of(d, "mem").shape.node->name == "Standard_E8s_v3");
      CHECK(d.computes.size() == 5);  // one shared + four own
      CHECK(std::all_of(d.on_preferred_node.begin(), d.on_preferred_node.end(), [](auto x) { return x == 1; }));
    }
    SUBCASE("special_node_type off: a preference shares and pays the mismatch; a requirement is refused") {
      const auto p = plan_of(workload + "strategies: [{kind: hybrid, hybrid: {work_core_hours_above: 4, mem_gib_above: 32, "
                                        "special_node_type: false}}]\n");
      CHECK_FALSE(p.deployment);
      REQUIRE(p.diagnostics.items().size() == 1);
      CHECK(p.diagnostics.items()[0].message.find("task 'gpu' requires node type 'g4dn.xlarge'") != std::string::npos);
    }
    SUBCASE("no thresholds: only node types split") {
      const auto p = plan_of(workload + "strategies: [hybrid]\n");
      REQUIRE(p.deployment);
      for (const char* key : {"small", "edge", "heavy", "fat"}) CHECK(p.deployment->name_of(compute_of(*p.deployment, key)) == "shared_cluster");
      for (const char* key : {"gpu", "mem"}) CHECK(p.deployment->name_of(compute_of(*p.deployment, key)) == std::string(key) + "_cluster");
    }
  }

  TEST_CASE("as_defined: each task on its named cluster, as defined; unnamed tasks share one job cluster") {
    const std::string scenario = R"(
clusters:
  etl: {node_type: Standard_DS4_v2, workers: 2}
  train: {kind: new_cluster, node_type: p3.2xlarge, workers: 1}
  bi: {kind: all_purpose, workers: 3}
workload:
  tasks:
    - {task_key: ingest, duration: 10m, cluster: etl}
    - {task_key: fit, duration: 10m, cluster: train, depends_on: [ingest]}
    - {task_key: report, duration: 10m, cluster: bi, depends_on: [fit]}
    - {task_key: audit, duration: 1m, depends_on: [ingest]}
    - {task_key: publish, duration: 10m, cluster: etl, depends_on: [report]}
strategies: [as_defined]
)";
    const auto p = plan_of(scenario);
    REQUIRE(p.deployment);
    const auto& d = *p.deployment;
    CHECK(d.computes.size() == 4);
    CHECK(d.name_of(compute_of(d, "ingest")) == "etl");
    CHECK(&compute_of(d, "ingest") == &compute_of(d, "publish"));  // one cluster, used twice
    CHECK(compute_of(d, "ingest").cluster().kind == ClusterKind::kJobCluster);
    CHECK(compute_of(d, "ingest").shape.node->name == "Standard_DS4_v2");
    CHECK(compute_of(d, "ingest").shape.workers == 2);
    CHECK(d.name_of(compute_of(d, "fit")) == "train");
    CHECK(compute_of(d, "fit").cluster().kind == ClusterKind::kNewCluster);
    CHECK(compute_of(d, "fit").shape.node->gpus == 1);
    CHECK(compute_of(d, "report").cluster().kind == ClusterKind::kAllPurpose);
    CHECK(compute_of(d, "report").shape.workers == 3);
    CHECK(d.name_of(compute_of(d, "audit")) == "shared_cluster");
    // Each compute carries its kind's traits, looked up once by plan().
    CHECK(compute_of(d, "ingest").traits().per_run);
    CHECK(compute_of(d, "fit").traits().per_attempt);
    CHECK(compute_of(d, "report").traits().up_at_start);
    // The job keeps the workload's DAG as written.
    CHECK(upstream_keys(d.jobs[0], "publish") == std::vector<std::string>{"report"});

    const auto bad = plan_of(R"(
workload: {tasks: [{task_key: a, duration: 1m, cluster: nowhere}]}
strategies: [as_defined]
)");
    CHECK_FALSE(bad.deployment);
    REQUIRE(bad.diagnostics.items().size() == 1);
    CHECK(bad.diagnostics.items()[0].message ==
          "strategy 'as_defined': task 'a' names cluster 'nowhere', which the scenario does not define");
  }

  TEST_CASE("multi_job: the one-task jobs share one TaskSpec and their clusters one template; each task runs on its job's") {
    // a, b, c alike, b with a retry: the child jobs of a and c hold one TaskSpec, b its own (2 in
    // all); the written node type and workers make the three job clusters' templates equal (1).
    const auto p = plan_of(R"(
cluster: {node_type: Standard_DS3_v2, workers: 2}
workload:
  tasks:
    - {task_key: a, duration: 1m}
    - {task_key: b, duration: 1m, max_retries: 1}
    - {task_key: c, duration: 1m, depends_on: [a]}
strategies: [multi_job]
)");
    REQUIRE(p.deployment);
    const auto& d = *p.deployment;
    REQUIRE(d.jobs.size() == 4);  // the parent + a, b, c
    const JobSpec& parent = d.jobs[d.entry.index()];
    CHECK(parent.tasks.stored() == 1);  // three run_job tasks, alike
    const std::string keys[] = {"a", "b", "c"};
    const TaskSpec* spec_of[3] = {};
    for (std::size_t i = 0; i < 3; ++i) {
      const JobSpec& child = d.jobs[parent.tasks.child_job(i).index()];
      REQUIRE(child.tasks.size() == 1);
      CHECK(child.rare == nullptr);  // no alerts, timeout or retry budget: nothing out of line
      spec_of[i] = &child.tasks[0];
      // Job clusters are made in group order: task i's compute is ComputeId(i), named after it.
      CHECK(child.tasks.compute(0) == ComputeId(static_cast<std::uint32_t>(i)));
      CHECK(d.compute_names[i] == keys[i] + "_cluster");
    }
    CHECK(spec_of[0] == spec_of[2]);
    CHECK(spec_of[0] != spec_of[1]);
    CHECK(spec_of[1]->retry.max_retries == 1u);
    CHECK(spec_of[2]->run_if == RunIf::kAllSuccess);  // c's upstream a is in another job
    REQUIRE(d.computes.size() == 3);
    for (const auto& c : d.computes) {
      CHECK(&c.cluster() == &d.computes[0].cluster());
      CHECK(c.cluster().kind == ClusterKind::kJobCluster);
      CHECK(c.shape.workers == 2);
    }
  }

  TEST_CASE("single_job and multi_job's parent hold the workload's graph itself; a grouped parent its own") {
    const std::string scenario = R"(
workload:
  tasks:
    - {task_key: a, duration: 1m, group: g}
    - {task_key: b, duration: 1m, group: g, depends_on: [a]}
    - {task_key: c, duration: 1m, depends_on: [b]}
strategies: [multi_job, single_job_shared_cluster, {name: grouped, kind: multi_job, group_by: group}]
)";
    const auto p = plan_of(scenario, 0);
    REQUIRE(p.deployment);
    REQUIRE(p.spec.workload.checked_dag);  // kept by the loader's checks, planned from
    const Dag& workload = *p.spec.workload.checked_dag;
    // multi_job, a job per task: the parent's tasks are the workload's, in order, under their keys.
    const JobSpec& parent = p.deployment->jobs[p.deployment->entry.index()];
    CHECK(parent.dag.shares_storage_with(workload));
    // Its one-task child jobs: each its task's key alone.
    const JobSpec& b = p.deployment->jobs[parent.tasks.child_job(1).index()];
    CHECK(keys_of(b) == std::vector<std::string>{"b"});
    CHECK(b.dag.upstream(TaskId(0)).empty());
    const auto single = plan_of(scenario, 1);
    REQUIRE(single.deployment);
    CHECK(single.deployment->jobs[0].dag.shares_storage_with(*single.spec.workload.checked_dag));
    const auto grouped = plan_of(scenario, 2);
    REQUIRE(grouped.deployment);
    const JobSpec& grouped_parent = grouped.deployment->jobs[grouped.deployment->entry.index()];
    CHECK_FALSE(grouped_parent.dag.shares_storage_with(*grouped.spec.workload.checked_dag));
    CHECK(keys_of(grouped_parent) == std::vector<std::string>{"g", "c"});
  }

  TEST_CASE("multi_job per group: a grouped failure handler and what follows it in its group get jobs of their own") {
    // load (group etl) → on_fail (AT_LEAST_ONE_FAILED, group etl) → notify (group etl); tidy (etl)
    // after load only. A group's run_job task can only wait for success, so on_fail and notify,
    // below it in its group, become jobs of their own whose run_job tasks keep their run_if.
    const auto p = plan_of(R"(
workload:
  tasks:
    - {task_key: load, duration: 5m, group: etl}
    - {task_key: tidy, duration: 5m, group: etl, depends_on: [load]}
    - {task_key: on_fail, duration: 1m, group: etl, depends_on: [load], run_if: AT_LEAST_ONE_FAILED}
    - {task_key: notify, duration: 1m, group: etl, depends_on: [on_fail]}
strategies: [{kind: multi_job, group_by: group}]
)");
    REQUIRE(p.deployment);
    const JobSpec& parent = p.deployment->jobs[p.deployment->entry.index()];
    CHECK(keys_of(parent) == std::vector<std::string>{"etl", "on_fail", "notify"});
    CHECK(upstream_keys(parent, "on_fail") == std::vector<std::string>{"etl"});
    CHECK(upstream_keys(parent, "notify") == std::vector<std::string>{"on_fail"});
    CHECK(parent.tasks[1].run_if == RunIf::kAtLeastOneFailed);
    CHECK(parent.tasks[2].run_if == RunIf::kAllSuccess);
    CHECK(keys_of(p.deployment->jobs[parent.tasks.child_job(0).index()]) == std::vector<std::string>{"load", "tidy"});
  }

  TEST_CASE("multi_job per group: one child job per group with its edges inside, the parent chains the groups") {
    // ingest_a, ingest_b → transform (group etl); transform → train (group ml); report alone.
    const std::string scenario = R"(
trigger_latency: 15s
workload:
  tasks:
    - {task_key: ingest_a, duration: 5m, group: etl}
    - {task_key: ingest_b, duration: 5m, group: etl}
    - {task_key: transform, duration: 5m, group: etl, depends_on: [ingest_a, ingest_b]}
    - {task_key: train, duration: 5m, group: ml, depends_on: [transform], preferred_node_type: Standard_E8s_v3}
    - {task_key: evaluate, duration: 5m, group: ml, depends_on: [train]}
    - {task_key: report, duration: 5m, depends_on: [evaluate, ingest_a], preferred_node_type: Standard_DS4_v2}
strategies: [{kind: multi_job, group_by: group}]
)";
    const auto p = plan_of(scenario);
    REQUIRE(p.deployment);
    const auto& d = *p.deployment;
    REQUIRE(d.jobs.size() == 4);  // the parent + etl, ml, report
    const JobSpec& parent = d.jobs[d.entry.index()];
    CHECK(keys_of(parent) == std::vector<std::string>{"etl", "ml", "report"});
    CHECK(upstream_keys(parent, "ml") == std::vector<std::string>{"etl"});
    CHECK(upstream_keys(parent, "report") == std::vector<std::string>{"etl", "ml"});
    for (const auto& t : parent.tasks) {
      CHECK(t.kind == TaskKind::kRunJob);
      CHECK(t.trigger_latency == Duration::seconds(15));
    }
    const JobSpec& etl = d.jobs[parent.tasks.child_job(0).index()];
    CHECK(keys_of(etl) == std::vector<std::string>{"ingest_a", "ingest_b", "transform"});
    CHECK(upstream_keys(etl, "transform") == std::vector<std::string>{"ingest_a", "ingest_b"});
    const JobSpec& ml = d.jobs[parent.tasks.child_job(1).index()];
    CHECK(keys_of(ml) == std::vector<std::string>{"train", "evaluate"});
    CHECK(upstream_keys(ml, "train").empty());  // its upstream is another job: the parent's edge
    // One job cluster per group, shared by its tasks; a group runs on the strategy's node type, so
    // train pays the mismatch; report, alone, gets its preferred one.
    CHECK(d.computes.size() == 3);
    for (std::size_t t = 0; t < etl.tasks.size(); ++t) CHECK(d.compute_names[etl.tasks.compute(t).index()] == "etl_cluster");
    for (std::size_t t = 0; t < ml.tasks.size(); ++t) CHECK(d.compute_names[ml.tasks.compute(t).index()] == "ml_cluster");
    for (const auto& c : d.computes) CHECK(c.cluster().kind == ClusterKind::kJobCluster);
    CHECK(d.compute_names[2] == "report_cluster");
    CHECK(d.computes[2].shape.node->name == "Standard_DS4_v2");
    CHECK(d.on_preferred_node[3] == 0);
    CHECK(d.on_preferred_node[5] == 1);
    // Work mapping: each child task executes its workload task.
    const auto ml_work = d.work[parent.tasks.child_job(1).index()];
    CHECK(std::vector<TaskId>(ml_work.begin(), ml_work.end()) == std::vector<TaskId>{TaskId(3), TaskId(4)});
    // run_job dependencies: one trigger per child plus one per parent edge (ml←etl, report←etl, report←ml).
    CHECK(d.cross_job_edges() == 3 + 3);

    SUBCASE("a grouping whose jobs would depend on each other in a cycle is refused") {
      const auto bad = plan_of(R"(
workload:
  tasks:
    - {task_key: a, duration: 1m, group: g1}
    - {task_key: x, duration: 1m, group: g2, depends_on: [a]}
    - {task_key: b, duration: 1m, group: g1, depends_on: [x]}
strategies: [{kind: multi_job, group_by: group}]
)");
      CHECK_FALSE(bad.deployment);
      CHECK_FALSE(bad.diagnostics.items().empty());
    }
  }

  TEST_CASE("pool variants: every classic cluster of any strategy draws from the pool; serverless and all-purpose do not") {
    const std::string head = R"(
pools: [{name: p, min_idle: 2}]
clusters:
  named: {kind: new_cluster, workers: 1}
workload:
  tasks:
    - {task_key: a, duration: 10m}
    - {task_key: b, duration: 3h, cores: 8, depends_on: [a], cluster: named}
    - {task_key: c, duration: 10m, depends_on: [a]}
strategies:
)";
    const char* classic[] = {"multi_job", "single_job_shared_cluster", "single_job_cluster_per_task", "hybrid", "as_defined"};
    for (const char* kind : classic) {
      CAPTURE(kind);
      const auto p = plan_of(head + "  - {kind: " + kind + ", pool: p, hybrid: {work_core_hours_above: 1}}\n");
      REQUIRE(p.deployment);
      REQUIRE(p.deployment->pools.size() == 1);
      CHECK(p.deployment->pools[0].name == "p");
      CHECK(p.deployment->pools[0].min_idle == 2);
      for (const auto& c : p.deployment->computes) {
        CAPTURE(p.deployment->name_of(c));
        CHECK(c.pool == std::optional<std::uint32_t>(0));
      }
    }
    for (const char* kind : {"serverless", "all_purpose_shared"}) {
      CAPTURE(kind);
      const auto p = plan_of(head + "  - {kind: " + std::string(kind) + ", pool: p}\n");
      REQUIRE(p.deployment);
      for (const auto& c : p.deployment->computes) CHECK_FALSE(c.pool.has_value());
    }
    // Without `pool:` nothing draws from one.
    const auto plain = plan_of(head + "  - single_job_cluster_per_task\n");
    REQUIRE(plain.deployment);
    CHECK(plain.deployment->pools.empty());
    for (const auto& c : plain.deployment->computes) CHECK_FALSE(c.pool.has_value());
  }
}

TEST_SUITE("models.node_type") {
  TEST_CASE("the built-in catalog has DOMAIN's table and GPU types, each with positive prices") {
    const auto catalog = models::Catalog::builtin();
    const models::NodeType* ds3 = catalog.find("Standard_DS3_v2");
    REQUIRE(ds3 != nullptr);
    CHECK(ds3->vcpus == 4);
    CHECK(ds3->mem_gib == 14);
    CHECK(ds3->gpus == 0);
    for (const char* gpu : {"Standard_NC6s_v3", "g4dn.xlarge", "p3.2xlarge"}) {
      CAPTURE(gpu);
      const models::NodeType* n = catalog.find(gpu);
      REQUIRE(n != nullptr);
      CHECK(n->gpus >= 1);
      CHECK(n->vcpus > 0);
      CHECK(n->mem_gib > 0);
      CHECK(n->dbu_per_hour > 0);
      CHECK(n->vm_usd_per_hour > 0);
    }
    // Names are unique: put() replaced nothing while building it.
    for (const auto& n : catalog.nodes()) CHECK(catalog.find(n.name) == &n);
  }

  TEST_CASE("a scenario overrides the approximate GPU prices field by field") {
    const auto spec = sim::parse_scenario(R"(
node_types: [{name: g4dn.xlarge, vm_usd_per_hour: 0.40}]
workload: {tasks: [{task_key: a, duration: 1m}]}
strategies: [single_job_shared_cluster]
)", "gpu.yaml");
    const models::NodeType* n = spec.catalog.find("g4dn.xlarge");
    REQUIRE(n != nullptr);
    CHECK(n->vm_usd_per_hour == 0.40);
    CHECK(n->dbu_per_hour == models::Catalog::builtin().find("g4dn.xlarge")->dbu_per_hour);
    CHECK(n->gpus == 1);
  }
}
