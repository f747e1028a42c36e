#include "models/deployment.h"

#include <fmt/format.h>

#include "engine/check.h"

namespace orchsim::models {

namespace {

TaskSpec work_task(const WorkloadTask& t, ComputeId compute) {
  return {.kind = TaskKind::kWork, .run_if = t.run_if, .retry = t.retry, .timeout = t.timeout,
          .compute = compute};
}

std::vector<TaskDecl> decls_of(const Workload& w) {
  std::vector<TaskDecl> decls;
  for (const auto& t : w.tasks) decls.push_back({t.key, t.depends_on, t.where, t.depends_where});
  return decls;
}

Dag must_build(const std::vector<TaskDecl>& decls, std::string_view what) {
  Diagnostics d;
  auto dag = Dag::build(decls, d, what);
  ORCHSIM_CHECK(dag.has_value(), "a plan built an invalid DAG: {}", d.items().front().to_string());
  return std::move(*dag);
}

}  // namespace

std::size_t Deployment::cross_job_edges() const {
  std::size_t edges = 0;
  for (const auto& job : jobs) {
    for (std::size_t i = 0; i < job.tasks.size(); ++i) {
      if (job.tasks[i].kind == TaskKind::kRunJob) edges += 1 + job.dag.upstream(TaskId(static_cast<std::uint32_t>(i))).size();
    }
  }
  return edges;
}

std::optional<Deployment> plan(const Workload& workload, const Dag& dag, const StrategySpec& strategy,
                               const Catalog& catalog, Diagnostics& diagnostics) {
  const NodeType* node = catalog.find(strategy.cluster.node_type);
  if (node == nullptr) {
    diagnostics.error(strategy.where, fmt::format("strategy '{}': unknown node type '{}'",
                                                  strategy.name, strategy.cluster.node_type));
    return std::nullopt;
  }
  const ClusterShape shape{node, strategy.cluster.workers};
  Deployment d;
  d.strategy = strategy.name;
  const std::size_t n = dag.size();

  switch (strategy.kind) {
    case StrategyKind::kSingleJobSharedCluster: {
      d.computes.push_back({"shared_cluster", shape, strategy.cluster.startup});
      JobSpec job{.name = workload.name, .dag = dag, .tasks = {}};
      std::vector<TaskId> work;
      for (std::size_t i = 0; i < n; ++i) {
        job.tasks.push_back(work_task(workload.tasks[i], ComputeId(0)));
        work.push_back(TaskId(static_cast<std::uint32_t>(i)));
      }
      d.jobs.push_back(std::move(job));
      d.work.push_back(std::move(work));
      d.entry = JobId(0);
      break;
    }
    case StrategyKind::kMultiJob: {
      // Job 0 is the orchestrating parent: one run_job task per workload task, same DAG and
      // run_if; job i+1 runs workload task i alone on its own job cluster.
      JobSpec parent{.name = workload.name + "_orchestrator", .dag = dag, .tasks = {}};
      d.jobs.push_back(JobSpec{});  // placeholder, filled below
      d.work.emplace_back(n, TaskId::invalid());
      for (std::size_t i = 0; i < n; ++i) {
        const WorkloadTask& t = workload.tasks[i];
        const ComputeId compute(static_cast<std::uint32_t>(i));
        d.computes.push_back({t.key + "_cluster", shape, strategy.cluster.startup});
        const JobId child(static_cast<std::uint32_t>(i + 1));
        parent.tasks.push_back({.kind = TaskKind::kRunJob, .run_if = t.run_if, .child_job = child,
                                .trigger_latency = strategy.trigger_latency});
        WorkloadTask alone = t;
        alone.depends_on.clear();
        alone.depends_where.clear();
        JobSpec job{.name = t.key, .dag = must_build(decls_of(Workload{t.key, {alone}}), t.key),
                    .tasks = {work_task(t, compute)}};
        job.tasks[0].run_if = RunIf::kAllSuccess;
        d.jobs.push_back(std::move(job));
        d.work.push_back({TaskId(static_cast<std::uint32_t>(i))});
      }
      d.jobs[0] = std::move(parent);
      d.entry = JobId(0);
      break;
    }
  }
  return d;
}

}  // namespace orchsim::models
