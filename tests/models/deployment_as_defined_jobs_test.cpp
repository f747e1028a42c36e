// as_defined with as_defined_jobs_by_group: one job per Databricks job, linked by run_job tasks.
#include "models/deployment.h"

#include <doctest/doctest.h>

namespace orchsim::models {
namespace {

WorkloadTask make(const char* key, std::vector<std::string> deps, const char* group, RunIf rule = RunIf::kAllSuccess) {
  WorkloadTask t;
  t.key = key;
  for (const std::string& d : deps) t.depends_on.push_back({d});
  if (group != nullptr) t.placement.edit().group = group;
  t.duration = Duration::minutes(1);
  static const std::string kCluster = "c";
  t.placement.edit().cluster = kCluster;
  t.run_if = rule;
  return t;
}

// parent: prep → run (runs child: a, b → c; c runs grandchild g) → done.
Workload nested() {
  Workload w;
  w.name = "parent";
  w.tasks = {make("prep", {}, nullptr),
             make("run.a", {"prep"}, "run", RunIf::kAllDone),
             make("run.b", {"prep"}, "run", RunIf::kAllDone),
             make("run.c", {"run.a", "run.b"}, "run"),
             make("run.deep.g", {"run.c"}, "run.deep"),
             make("done", {"run.deep.g"}, nullptr)};
  return w;
}

StrategySpec strategy(bool by_group) {
  StrategySpec s;
  s.name = "as_defined";
  s.kind = StrategyKind::kAsDefined;
  s.clusters = {{"c", ClusterTemplate{}}};
  s.as_defined_jobs_by_group = by_group;
  return s;
}

TEST_CASE("as_defined by group: each group is a job, started by a run_job task in its parent's job") {
  const Workload w = nested();
  Diagnostics d;
  const auto dag = w.dag(d);
  REQUIRE(dag.has_value());
  const auto plan_ = plan(w, *dag, strategy(true), Catalog::builtin(), Pricing{}, d);
  REQUIRE(plan_.has_value());
  const Deployment& dep = *plan_;
  REQUIRE(dep.jobs.size() == 3);
  CHECK(dep.entry == JobId(0));
  // Job 0: prep, run (run_job → job 1), done; done waits for run.
  const JobSpec& parent = dep.jobs[0];
  REQUIRE(parent.dag.size() == 3);
  const TaskId run = *parent.dag.find("run");
  CHECK(parent.tasks[run.index()].kind == TaskKind::kRunJob);
  CHECK(parent.tasks.child_job(run.index()) == JobId(1));
  CHECK(parent.tasks[run.index()].run_if == RunIf::kAllDone);  // the child's first tasks' rule
  CHECK(parent.dag.upstream(run).size() == 1);
  CHECK(parent.dag.key(parent.dag.upstream(*parent.dag.find("done"))[0]) == "run");
  CHECK(dep.work[0][run.index()] == TaskId::invalid());
  // Job 1: a, b, c and the run_job task of run.deep after c.
  const JobSpec& child = dep.jobs[1];
  REQUIRE(child.dag.size() == 4);
  CHECK(child.name == "run");
  const TaskId a = *child.dag.find("run.a");
  CHECK(child.dag.upstream(a).empty());
  CHECK(child.tasks[a.index()].run_if == RunIf::kAllSuccess);  // its upstream is the parent's business
  const TaskId deep = *child.dag.find("run.deep");
  CHECK(child.tasks.child_job(deep.index()) == JobId(2));
  CHECK(child.dag.key(child.dag.upstream(deep)[0]) == "run.c");
  CHECK_FALSE(child.timeout().has_value());
  // Job 2: g alone.
  REQUIRE(dep.jobs[2].dag.size() == 1);
  CHECK(dep.work[2][0] == TaskId(4));
  CHECK(dep.cross_job_edges() == 2 + 1 + 1);  // run (1 + 1 upstream), run.deep (1 + 1 upstream)
}

TEST_CASE("as_defined without the flag keeps one job whatever the groups") {
  const Workload w = nested();
  Diagnostics d;
  const auto dag = w.dag(d);
  const auto plan_ = plan(w, *dag, strategy(false), Catalog::builtin(), Pricing{}, d);
  REQUIRE(plan_.has_value());
  CHECK(plan_->jobs.size() == 1);
  CHECK(plan_->jobs[0].dag.size() == 6);
}

}  // namespace
}  // namespace orchsim::models
