#include "models/deployment.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "engine/check.h"
#include "models/shared_task_specs.h"

namespace orchsim::models {

namespace {

// A multi_job child job's compute is its group's key (or its task's) with this appended.
constexpr std::string_view kChildComputeSuffix = "_cluster";

TaskId task_id(std::size_t i) { return TaskId(static_cast<std::uint32_t>(i)); }

// Each table name's index in the deployment's table list.
using TableIndex = std::unordered_map<std::string, TableId>;

// The settings of the job task a workload task becomes.
TaskSpec work_task(const WorkloadTask& t, const TableIndex& tables) {
  const TaskOrchestration& o = *t.orchestration;
  TaskSpec spec{.kind = t.is_condition() ? TaskKind::kCondition : o.for_each ? TaskKind::kForEach : TaskKind::kWork,
                .run_if = t.run_if, .retry = t.retry, .timeout = t.rare->timeout,
                .trigger_latency = {}, .disabled = t.disabled, .condition = o.condition.value_or(Condition{}),
                .for_each = o.for_each.value_or(ForEach{}), .writes = {}, .notifications = *t.alerts};
  for (const auto& name : t.writes->tables) spec.writes.push_back(tables.at(name));
  return spec;
}

// Where the job task of workload task `t` runs: on `compute`, unless it is a condition task.
TaskTarget work_target(const WorkloadTask& t, ComputeId compute) {
  return {.compute = t.is_condition() ? ComputeId::invalid() : compute};
}

// Builds one deployment; every problem goes to `diagnostics` and sets `failed`.
class Planner {
 public:
  Planner(const Workload& w, const Dag& dag, const StrategySpec& s, const Catalog& c, const Pricing& p, Diagnostics& d)
      : w_(w), dag_(dag), s_(s), catalog_(c), pricing_(p), diagnostics_(d) {
    out_.strategy = s.name;
    out_.on_preferred_node.assign(w.tasks.size(), 1);
    out_.tables = w.tables();
    for (std::size_t i = 0; i < out_.tables.size(); ++i) table_index_.emplace(out_.tables[i], TableId(static_cast<std::uint32_t>(i)));
  }

  std::optional<Deployment> run();

 private:
  // multi_job's grouping: group_of[task] indexes keys (a group's key, or a task's own); members
  // lists each group's tasks in task order.
  struct Grouping {
    std::vector<std::string> keys;
    std::vector<std::size_t> group_of;
    std::vector<std::vector<std::size_t>> members;
  };

  void error(std::string message) {
    diagnostics_.error(s_.where, fmt::format("strategy '{}': {}", s_.name, message));
    failed_ = true;
  }
  // The node type a task gets when it has a cluster of its own.
  std::string own_node(const WorkloadTask& t) const {
    return t.placement->required_node_type.value_or(t.placement->preferred_node_type.value_or(s_.cluster.node_type));
  }
  // The node type a task asks for (required, else preferred), else empty.
  static std::string pinned(const WorkloadTask& t) {
    return t.placement->required_node_type.value_or(t.placement->preferred_node_type.value_or(""));
  }
  bool heavy(const WorkloadTask& t) const;
  // What a cluster shared by `tasks` is pinned to when no node type is written: the first node type
  // one of them requires (another node type does not fit it), else empty.
  std::string required_by(const std::vector<std::size_t>& tasks) const {
    if (s_.cluster.node_type_written) return "";
    for (std::size_t i : tasks) {
      if (w_.tasks[i].placement->required_node_type) return *w_.tasks[i].placement->required_node_type;
    }
    return "";
  }
  // The strategy's cluster as a compute of `kind` has it, on `node_type`; `fixed_size`: without
  // autoscaling (a task's own cluster). Computes made alike share the one copy.
  std::shared_ptr<const ClusterTemplate> strategy_cluster(ClusterKind kind, bool fixed_size, const std::string& node_type);
  std::optional<ComputeId> add_compute(std::string_view name, std::shared_ptr<const ClusterTemplate> cluster, int workers,
                                       ComputeSizing sizing = {});
  // A compute of the strategy's cluster (see strategy_cluster) that the strategy creates, sized for
  // `tasks` (models/compute_sizing.h).
  std::optional<ComputeId> add_sized(std::string_view name, ClusterKind kind, bool fixed_size,
                                     const std::vector<std::size_t>& tasks, const std::string& pinned);
  void place(std::size_t task, ComputeId compute);
  // The workload's job-level settings on `job`; `entry`: it has what only an entry job has.
  void apply_job_settings(JobSpec& job, bool entry);
  ComputeId shared(ClusterKind kind);
  void own(std::size_t task, ClusterKind kind, std::vector<ComputeId>& placement);
  void all_shared(ClusterKind kind, std::vector<ComputeId>& placement);
  void hybrid(std::vector<ComputeId>& placement);
  void as_defined(std::vector<ComputeId>& placement);
  void single_job(const std::vector<ComputeId>& placement);
  // as_defined_jobs_by_group: the jobs of the groups and the run_job tasks between them.
  struct JobTree {
    std::vector<std::string> groups;      // job 1 + g is groups[g]; job 0 the ungrouped tasks
    std::vector<std::size_t> parent;      // per job: the job whose run_job task starts it (job 0: none)
    std::vector<std::size_t> job_of;      // per workload task
  };
  JobTree job_tree() const;
  void grouped_job(const JobTree& tree, std::size_t job, const std::vector<ComputeId>& placement);
  void grouped_jobs(const std::vector<ComputeId>& placement);
  Grouping group_tasks() const;
  // Whether group i is task i, keyed by the task's own key, for every task.
  bool one_task_per_group(const Grouping& groups) const;
  std::optional<Dag> parent_dag(const Grouping& groups);
  bool add_child_job(const Grouping& groups, std::size_t group, JobSpec& parent);
  void multi_job();

  const Workload& w_;
  const Dag& dag_;
  const StrategySpec& s_;
  const Catalog& catalog_;
  const Pricing& pricing_;
  Diagnostics& diagnostics_;
  std::optional<Schedule> schedule_;       // for sizing, made on first use
  std::vector<std::size_t> shared_tasks_;  // the tasks the shared cluster will carry
  Deployment out_;
  TableIndex table_index_;
  std::map<std::tuple<ClusterKind, bool, std::string>, std::shared_ptr<const ClusterTemplate>> clusters_;
  SharedTaskSpecs specs_;
  std::shared_ptr<const RareJobSettings> rare_[2];  // what apply_job_settings gives jobs, [entry]
  std::optional<ComputeId> shared_;
  bool failed_ = false;
};

std::shared_ptr<const ClusterTemplate> Planner::strategy_cluster(ClusterKind kind, bool fixed_size,
                                                                const std::string& node_type) {
  auto [it, added] = clusters_.try_emplace({kind, fixed_size, node_type});
  if (added) {
    ClusterTemplate c = s_.cluster;
    c.kind = kind;
    if (fixed_size) c.autoscale.reset();
    c.node_type = node_type;
    it->second = std::make_shared<const ClusterTemplate>(std::move(c));
  }
  return it->second;
}

std::optional<ComputeId> Planner::add_sized(std::string_view name, ClusterKind kind, bool fixed_size,
                                            const std::vector<std::size_t>& tasks, const std::string& pinned) {
  if (!schedule_) schedule_ = asap_schedule(w_, dag_);
  const Demand demand = peak_demand(*schedule_, w_, tasks, catalog_);
  const SizedCluster sized =
      size_cluster(*strategy_cluster(kind, fixed_size, s_.cluster.node_type), demand, pinned, catalog_, pricing_);
  return add_compute(name, strategy_cluster(kind, fixed_size, sized.node_type), sized.workers, sized.sizing);
}

std::optional<ComputeId> Planner::add_compute(std::string_view name, std::shared_ptr<const ClusterTemplate> cluster,
                                              int workers, ComputeSizing sizing) {
  const NodeType* node = catalog_.find(cluster->node_type);
  if (node == nullptr) {
    error(fmt::format("unknown node type '{}'", cluster->node_type));
    return std::nullopt;
  }
  ComputeSpec spec{.shared_cluster = std::move(cluster), .shape = {node, workers}, .pool = {},
                   .sizing = sizing};
  const ClusterKindTraits& traits = spec.traits();
  if (spec.cluster().autoscale) spec.shape.workers = spec.cluster().autoscale->min_workers;
  const std::optional<PoolSpec>& pool = s_.pool;
  if (pool && traits.draws_from_pool) {
    auto it = std::find_if(out_.pools.begin(), out_.pools.end(), [&](const PoolSpec& p) { return p.name == pool->name; });
    if (it == out_.pools.end()) {
      out_.pools.push_back(*pool);
      it = out_.pools.end() - 1;
    }
    spec.pool = static_cast<std::uint32_t>(it - out_.pools.begin());
  }
  const ComputeId id(static_cast<std::uint32_t>(out_.computes.size()));
  out_.computes.push_back(std::move(spec));
  out_.compute_names.push_back(name);
  return id;
}

void Planner::apply_job_settings(JobSpec& job, bool entry) {
  const JobSettings& s = w_.job;
  job.evaluation = s.evaluation;
  job.max_concurrent_runs = s.max_concurrent_runs;
  job.queue = s.queue;
  job.max_queue_wait = s.max_queue_wait;
  job.rollback = entry || s.rollback != RollbackScope::kPipeline ? s.rollback : RollbackScope::kNone;
  const RareJobSettings rare{.notifications = s.alerts, .timeout = entry ? s.timeout : std::nullopt,
                             .retry_budget = s.retry_budget};
  std::shared_ptr<const RareJobSettings>& shared = rare_[entry ? 1 : 0];
  if (!shared && rare != RareJobSettings{}) shared = std::make_shared<const RareJobSettings>(rare);
  job.rare = shared;  // one copy for all the jobs alike
}

void Planner::place(std::size_t task, ComputeId compute) {
  const WorkloadTask& t = w_.tasks[task];
  const std::string& node = out_.computes[compute.index()].shape.node->name;
  if (t.placement->required_node_type && *t.placement->required_node_type != node) {
    error(fmt::format("task '{}' requires node type '{}' but this layout puts it on '{}' (give it its own "
                      "cluster, e.g. with hybrid or single_job_cluster_per_task)", t.key, *t.placement->required_node_type, node));
  }
  if (t.placement->preferred_node_type && *t.placement->preferred_node_type != node) out_.on_preferred_node[task] = 0;
}

ComputeId Planner::shared(ClusterKind kind) {
  if (!shared_) {
    // An existing all-purpose cluster and as_defined's layout are as written; a job cluster is sized.
    const bool creates = kind != ClusterKind::kAllPurpose && s_.kind != StrategyKind::kAsDefined;
    const char* name = traits_of(kind).shared_compute_name;
    shared_ = (creates ? add_sized(name, kind, false, shared_tasks_, required_by(shared_tasks_))
                       : add_compute(name, strategy_cluster(kind, false, s_.cluster.node_type), s_.cluster.workers))
                  .value_or(ComputeId(0));
  }
  return *shared_;
}

// A task with a cluster of its own, of `kind`, on the node type it asks for. Condition tasks keep
// an invalid placement: they run no compute.
void Planner::own(std::size_t task, ClusterKind kind, std::vector<ComputeId>& placement) {
  const WorkloadTask& t = w_.tasks[task];
  if (t.is_condition()) return;
  const ClusterKindTraits& traits = traits_of(kind);
  std::optional<ComputeId> id;
  if (traits.sized_to_task) {
    // Serverless: enough workers for the task's cores.
    const std::string node_type = own_node(t);
    const NodeType* node = catalog_.find(node_type);
    const int workers = node == nullptr ? 1 : std::max(1, (t.cores + node->vcpus - 1) / node->vcpus);
    id = add_compute(t.key + traits.own_compute_suffix, strategy_cluster(kind, true, node_type), workers);
  } else {
    id = add_sized(t.key + traits.own_compute_suffix, kind, true, {task}, pinned(t));
  }
  if (id) {
    placement[task] = *id;
    place(task, *id);
  }
}

void Planner::all_shared(ClusterKind kind, std::vector<ComputeId>& placement) {
  for (std::size_t i = 0; i < w_.tasks.size(); ++i) {
    if (!w_.tasks[i].is_condition()) shared_tasks_.push_back(i);
  }
  for (std::size_t i = 0; i < w_.tasks.size() && !failed_; ++i) {
    if (w_.tasks[i].is_condition()) continue;
    placement[i] = shared(kind);
    place(i, placement[i]);
  }
}

bool Planner::heavy(const WorkloadTask& t) const {
  const HybridRule& rule = s_.hybrid;
  return (rule.work_core_hours_above && t.work_core_seconds() / 3600 > *rule.work_core_hours_above) ||
         (rule.mem_gib_above && t.rare->mem_gib > *rule.mem_gib_above) ||
         (rule.special_node_type && own_node(t) != s_.cluster.node_type);
}

void Planner::hybrid(std::vector<ComputeId>& placement) {
  for (std::size_t i = 0; i < w_.tasks.size(); ++i) {
    if (!w_.tasks[i].is_condition() && !heavy(w_.tasks[i])) shared_tasks_.push_back(i);
  }
  for (std::size_t i = 0; i < w_.tasks.size(); ++i) {
    const WorkloadTask& t = w_.tasks[i];
    if (t.is_condition()) continue;
    if (heavy(t)) {
      own(i, ClusterKind::kNewCluster, placement);
    } else {
      placement[i] = shared(ClusterKind::kJobCluster);
      place(i, placement[i]);
    }
  }
}

// Tasks naming a `clusters:` entry share that cluster; the others share one job cluster. The first
// problem stops the placement. Both lookups are by hash: a bundle may name thousands of clusters.
void Planner::as_defined(std::vector<ComputeId>& placement) {
  std::unordered_map<std::string_view, std::size_t> defined;  // name → index in s_.clusters (first wins)
  for (std::size_t c = 0; c < s_.clusters.size(); ++c) defined.try_emplace(s_.clusters[c].name, c);
  std::unordered_map<std::string_view, ComputeId> named;  // lookups only
  for (std::size_t i = 0; i < w_.tasks.size() && !failed_; ++i) {
    const WorkloadTask& t = w_.tasks[i];
    if (t.is_condition()) continue;
    if (!t.placement->cluster) {
      placement[i] = shared(ClusterKind::kJobCluster);
    } else {
      auto it = named.find(*t.placement->cluster);
      if (it == named.end()) {
        const auto def = defined.find(*t.placement->cluster);
        if (def == defined.end()) {
          error(fmt::format("task '{}' names cluster '{}', which the scenario does not define", t.key, *t.placement->cluster));
          return;
        }
        const NamedCluster& c = s_.clusters[def->second];
        const auto id = add_compute(c.name, std::make_shared<const ClusterTemplate>(c.cluster), c.cluster.workers);
        if (!id) return;
        it = named.emplace(c.name, *id).first;
      }
      placement[i] = it->second;
    }
    place(i, placement[i]);
  }
}

void Planner::single_job(const std::vector<ComputeId>& placement) {
  JobSpec job{.name = w_.name, .dag = dag_, .tasks = {}};
  apply_job_settings(job, true);
  std::vector<TaskId> work;
  work.reserve(w_.tasks.size());
  job.tasks.reserve(w_.tasks.size());
  for (std::size_t i = 0; i < w_.tasks.size(); ++i) {
    job.tasks.push_back(specs_.share(work_task(w_.tasks[i], table_index_)), work_target(w_.tasks[i], placement[i]));
    work.push_back(w_.tasks[i].is_condition() ? TaskId::invalid() : task_id(i));
  }
  out_.jobs.push_back(std::move(job));
  out_.work.add_job(work);
  out_.entry = JobId(0);
}

Planner::JobTree Planner::job_tree() const {
  JobTree tree;
  tree.job_of.assign(w_.tasks.size(), 0);
  std::unordered_map<std::string_view, std::size_t> index;  // group → its job (lookups only)
  for (std::size_t i = 0; i < w_.tasks.size(); ++i) {
    if (!w_.tasks[i].placement->group) continue;
    const auto [it, added] = index.try_emplace(*w_.tasks[i].placement->group, 1 + tree.groups.size());
    if (added) tree.groups.push_back(*w_.tasks[i].placement->group);
    tree.job_of[i] = it->second;
  }
  // A group's parent is the longest other group its name starts with (up to a '.'), else job 0.
  tree.parent.assign(1 + tree.groups.size(), 0);
  for (std::size_t g = 0; g < tree.groups.size(); ++g) {
    std::string_view name = tree.groups[g];
    for (auto dot = name.rfind('.'); dot != std::string_view::npos; dot = name.rfind('.')) {
      name = name.substr(0, dot);
      if (const auto it = index.find(name); it != index.end()) {
        tree.parent[1 + g] = it->second;
        break;
      }
    }
  }
  return tree;
}

// Job `job` of the tree: its own tasks, and one run_job task per child job, whose dependencies are
// those of the child's tasks on tasks outside it (mapped to what stands for them in this job).
void Planner::grouped_job(const JobTree& tree, std::size_t job, const std::vector<ComputeId>& placement) {
  // What stands for job `from`'s contents in `job`: the job itself, or the child job of `job` it is
  // inside (its run_job task); npos when it is not inside `job`.
  const auto child_of_job = [&](std::size_t from) {
    for (std::size_t j = from; j != 0; j = tree.parent[j]) {
      if (tree.parent[j] == job) return j;
    }
    return from == job ? job : std::string::npos;
  };
  const bool synthetic = s_.as_defined_synthetic_entry;
  std::vector<TaskDecl> decls;
  std::vector<TaskSpec> specs;
  std::vector<TaskTarget> targets;
  std::vector<TaskId> work;
  std::vector<std::size_t> node_of(1 + tree.groups.size(), std::string::npos);  // child job → its run_job task
  std::vector<std::size_t> task_node(w_.tasks.size(), std::string::npos);
  for (std::size_t i = 0; i < w_.tasks.size(); ++i) {
    const std::size_t c = child_of_job(tree.job_of[i]);
    if (c == std::string::npos) continue;
    if (c != job && node_of[c] == std::string::npos) {
      node_of[c] = decls.size();
      decls.push_back({.key = tree.groups[c - 1], .depends_on = {}, .where = w_.tasks[i].where, .depends_where = {}});
      // The synthetic entry starts every independent job at once, whatever their first task's run_if.
      const bool start = synthetic && job == 0;
      specs.push_back({.kind = TaskKind::kRunJob, .run_if = start ? RunIf::kAllSuccess : w_.tasks[i].run_if,
                       .trigger_latency = start ? Duration::zero() : s_.trigger_latency, .disabled = true});
      targets.push_back({.child_job = JobId(static_cast<std::uint32_t>(c))});
      work.push_back(TaskId::invalid());
    } else if (c == job) {
      decls.push_back({.key = w_.tasks[i].key, .depends_on = {}, .where = w_.tasks[i].where, .depends_where = {}});
      specs.push_back(work_task(w_.tasks[i], table_index_));
      targets.push_back(work_target(w_.tasks[i], placement[i]));
      work.push_back(task_id(i));
    }
    task_node[i] = c == job ? decls.size() - 1 : node_of[c];
    // A run_job task is disabled only when every task of its job is.
    if (c != job) specs[node_of[c]].disabled = specs[node_of[c]].disabled && w_.tasks[i].disabled;
  }
  for (std::size_t i = 0; i < w_.tasks.size(); ++i) {
    if (task_node[i] == std::string::npos) continue;
    const auto ups = dag_.upstream(task_id(i));
    const auto gates = dag_.upstream_gates(task_id(i));
    TaskDecl& decl = decls[task_node[i]];
    for (std::size_t k = 0; k < ups.size(); ++k) {
      const std::size_t up = task_node[ups[k].index()];
      if (up == std::string::npos || up == task_node[i]) continue;
      const std::string& key = decls[up].key;
      if (std::find(decl.depends_on.begin(), decl.depends_on.end(), key) != decl.depends_on.end()) continue;
      decl.depends_on.push_back(key);
      decl.depends_outcome.push_back(gates[k]);
    }
    // Inside a child job, a task whose upstream tasks are all outside it starts with the job.
    if (job != 0 && decl.depends_on.empty() && specs[task_node[i]].kind != TaskKind::kRunJob) {
      specs[task_node[i]].run_if = RunIf::kAllSuccess;
    }
  }
  Diagnostics d;
  auto dag = Dag::build(decls, d, job == 0 ? w_.name : tree.groups[job - 1]);
  if (!dag) {
    for (const auto& problem : d.items()) error(problem.message);
    return;
  }
  JobSpec spec{.name = job == 0 ? w_.name : tree.groups[job - 1], .dag = std::move(*dag), .tasks = {}};
  // Independent jobs compared together each keep what an entry job has (the job timeout, rollback).
  apply_job_settings(spec, synthetic ? job != 0 && tree.parent[job] == 0 : job == 0);
  for (std::size_t t = 0; t < specs.size(); ++t) spec.tasks.push_back(specs_.share(std::move(specs[t])), targets[t]);
  out_.jobs[job] = std::move(spec);
  out_.work.add_job(work);
}

void Planner::grouped_jobs(const std::vector<ComputeId>& placement) {
  const JobTree tree = job_tree();
  out_.jobs.resize(1 + tree.groups.size());
  for (std::size_t job = 0; job < out_.jobs.size() && !failed_; ++job) grouped_job(tree, job, placement);
  out_.entry = JobId(0);
  out_.synthetic_entry = s_.as_defined_synthetic_entry;
}

Planner::Grouping Planner::group_tasks() const {
  const std::size_t n = w_.tasks.size();
  // A grouped task whose run_if is not ALL_SUCCESS (a failure handler, a cleanup) and the tasks of
  // its group downstream of it get jobs of their own: a run_job task keeps a task's run_if, but a
  // group's run_job task can only wait for all its upstream jobs to succeed, and the handler would
  // never run (docs/model.md §10).
  std::vector<std::uint8_t> alone(n, 0);
  if (s_.multi_job_by_group) {
    for (std::size_t i = 0; i < n; ++i) {
      const WorkloadTask& t = w_.tasks[i];
      if (!t.placement->group || alone[i] || (t.run_if == RunIf::kAllSuccess || t.run_if == RunIf::kAirflowAllSuccess)) continue;
      std::vector<std::size_t> stack{i};
      while (!stack.empty()) {
        const std::size_t k = stack.back();
        stack.pop_back();
        if (alone[k]) continue;
        alone[k] = 1;
        for (TaskId d : dag_.downstream(task_id(k))) {
          if (w_.tasks[d.index()].placement->group == t.placement->group) stack.push_back(d.index());
        }
      }
    }
  }
  Grouping g;
  g.group_of.resize(n);
  std::unordered_map<std::string, std::size_t> index;  // key → group, for lookups only
  for (std::size_t i = 0; i < n; ++i) {
    const WorkloadTask& t = w_.tasks[i];
    const bool grouped = s_.multi_job_by_group && t.placement->group && !t.is_condition() && !alone[i];
    const std::string& key = grouped ? *t.placement->group : t.key;
    const auto [it, added] = index.try_emplace(key, g.keys.size());
    if (added) {
      g.keys.push_back(key);
      g.members.emplace_back();
    }
    g.group_of[i] = it->second;
    g.members[it->second].push_back(i);
  }
  return g;
}

bool Planner::one_task_per_group(const Grouping& groups) const {
  if (groups.keys.size() != dag_.size()) return false;
  for (std::size_t i = 0; i < groups.keys.size(); ++i) {
    if (groups.group_of[i] != i || groups.keys[i] != dag_.key(task_id(i))) return false;
  }
  return true;
}

// The parent job's DAG: one task per group, with the edges between groups (and their gates). When
// each task is a group of its own, under its own key, that is the workload's graph: shared, not
// rebuilt (multi_job without groups, on a workload of 1e5 tasks, saves a copy of it).
std::optional<Dag> Planner::parent_dag(const Grouping& groups) {
  if (one_task_per_group(groups)) return dag_;
  std::vector<TaskDecl> decls(groups.keys.size());
  for (std::size_t g = 0; g < groups.keys.size(); ++g) decls[g].key = groups.keys[g];
  for (std::size_t i = 0; i < w_.tasks.size(); ++i) {
    const auto ups = dag_.upstream(task_id(i));
    const auto gates = dag_.upstream_gates(task_id(i));
    for (std::size_t k = 0; k < ups.size(); ++k) {
      const std::size_t gu = groups.group_of[ups[k].index()], gd = groups.group_of[i];
      if (gu == gd) continue;
      TaskDecl& decl = decls[gd];
      const auto it = std::find(decl.depends_on.begin(), decl.depends_on.end(), groups.keys[gu]);
      if (it == decl.depends_on.end()) {
        decl.depends_on.push_back(groups.keys[gu]);
        decl.depends_outcome.push_back(gates[k]);
      } else if (decl.depends_outcome[static_cast<std::size_t>(it - decl.depends_on.begin())] != gates[k]) {
        error(fmt::format("group '{}' depends on both outcomes of condition task '{}': one job cannot be gated on "
                          "both branches (use group_by: task, or regroup)", groups.keys[gd], groups.keys[gu]));
        return std::nullopt;
      }
    }
  }
  Diagnostics cycle;
  auto dag = Dag::build(decls, cycle, "the jobs of this grouping");
  if (!dag) {
    for (const auto& d : cycle.items()) error(d.message);
  }
  return dag;
}

// Group `group`'s child job on its own job cluster and the parent's task for it (a condition task
// alone stays in the parent). False when its compute cannot be made.
bool Planner::add_child_job(const Grouping& groups, std::size_t group, JobSpec& parent) {
  const std::vector<std::size_t>& members = groups.members[group];
  if (members.size() == 1 && w_.tasks[members[0]].is_condition()) {
    parent.tasks.push_back(specs_.share(work_task(w_.tasks[members[0]], table_index_)));
    return true;
  }
  // A task alone keeps its preferred node type; a group uses the strategy's. Either is sized for
  // the peak of the job's tasks.
  const std::string pin = members.size() == 1 ? pinned(w_.tasks[members[0]]) : required_by(members);
  const auto compute = add_sized(groups.keys[group] + std::string(kChildComputeSuffix), ClusterKind::kJobCluster, false, members, pin);
  if (!compute) return false;
  std::vector<TaskId> work;  // the group's tasks, in task order
  work.reserve(members.size());
  for (std::size_t i : members) work.push_back(task_id(i));
  // The group's tasks with the edges between them (one task: a view of the workload's graph, with
  // no edges and no storage of its own).
  JobSpec child{.name = groups.keys[group], .dag = dag_.subgraph(work), .tasks = {}};
  apply_job_settings(child, false);
  for (std::size_t k = 0; k < members.size(); ++k) {
    const WorkloadTask& t = w_.tasks[members[k]];
    // Upstream tasks in other jobs are the parent's business: inside the child, rule ALL_SUCCESS
    // applies only to the edges the child still has.
    TaskSpec spec = work_task(t, table_index_);
    if (child.dag.upstream(task_id(k)).empty()) spec.run_if = RunIf::kAllSuccess;
    child.tasks.push_back(specs_.share(std::move(spec)), work_target(t, *compute));
    place(members[k], *compute);
  }
  // The parent's run_job task keeps the run_if of a task alone; a group's waits for success.
  // A group whose every task is disabled is a disabled run_job task: its job is never triggered.
  const RunIf rule = members.size() == 1 ? w_.tasks[members[0]].run_if : RunIf::kAllSuccess;
  const bool disabled = std::all_of(members.begin(), members.end(), [&](std::size_t i) { return w_.tasks[i].disabled; });
  parent.tasks.push_back(specs_.share({.kind = TaskKind::kRunJob, .run_if = rule, .trigger_latency = s_.trigger_latency,
                                       .disabled = disabled}),
                         {.child_job = JobId(static_cast<std::uint32_t>(out_.jobs.size()))});
  out_.jobs.push_back(std::move(child));
  out_.work.add_job(work);
  return true;
}

void Planner::multi_job() {
  // Job 0 is the orchestrating parent: one run_job task per child job; a child job runs one task
  // (or one group's tasks, with their edges inside the group) on its own job cluster. Edges between
  // groups become the parent's edges.
  const Grouping groups = group_tasks();
  auto dag = parent_dag(groups);
  if (!dag) return;
  JobSpec parent{.name = w_.name + "_orchestrator", .dag = std::move(*dag), .tasks = {}};
  apply_job_settings(parent, true);
  parent.tasks.reserve(groups.keys.size());
  out_.jobs.reserve(groups.keys.size() + 1);
  out_.work.reserve(groups.keys.size() + 1, groups.keys.size() + w_.tasks.size());
  out_.computes.reserve(groups.keys.size());
  std::size_t name_chars = 0;
  for (const std::string& key : groups.keys) name_chars += key.size() + kChildComputeSuffix.size();
  out_.compute_names.reserve(groups.keys.size(), name_chars);
  out_.jobs.push_back(JobSpec{});  // placeholder for the parent, filled below
  out_.work.add_orchestration_job(groups.keys.size());
  for (std::size_t g = 0; g < groups.keys.size(); ++g) {
    if (!add_child_job(groups, g, parent)) return;
  }
  out_.jobs[0] = std::move(parent);
  out_.entry = JobId(0);
}

std::optional<Deployment> Planner::run() {
  std::vector<ComputeId> placement(w_.tasks.size());
  switch (s_.kind) {
    case StrategyKind::kMultiJob: multi_job(); break;
    case StrategyKind::kSingleJobSharedCluster: all_shared(ClusterKind::kJobCluster, placement); break;
    case StrategyKind::kAllPurposeShared: all_shared(ClusterKind::kAllPurpose, placement); break;
    case StrategyKind::kSingleJobClusterPerTask:
      for (std::size_t i = 0; i < w_.tasks.size(); ++i) own(i, ClusterKind::kNewCluster, placement);
      break;
    case StrategyKind::kServerless:
      for (std::size_t i = 0; i < w_.tasks.size(); ++i) own(i, ClusterKind::kServerless, placement);
      break;
    case StrategyKind::kHybrid: hybrid(placement); break;
    case StrategyKind::kAsDefined: as_defined(placement); break;
  }
  const bool grouped = s_.kind == StrategyKind::kAsDefined && s_.as_defined_jobs_by_group &&
                       std::any_of(w_.tasks.begin(), w_.tasks.end(), [](const WorkloadTask& t) { return t.placement->group.has_value(); });
  if (grouped && !failed_) grouped_jobs(placement);
  else if (s_.kind != StrategyKind::kMultiJob) single_job(placement);
  if (failed_) return std::nullopt;
  return std::move(out_);
}

}  // namespace

std::size_t Deployment::cross_job_edges() const {
  std::size_t edges = 0;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (synthetic_entry && entry.valid() && entry.index() == j) continue;  // starts jobs no one links
    const JobSpec& job = jobs[j];
    for (std::size_t i = 0; i < job.tasks.size(); ++i) {
      if (job.tasks[i].kind == TaskKind::kRunJob) edges += 1 + job.dag.upstream(task_id(i)).size();
    }
  }
  return edges;
}

ComputeSize Deployment::compute_size(std::size_t compute) const {
  const ComputeSpec& c = computes[compute];
  std::string how = describe(c.sizing, c.cluster().max_workers);
  if (c.traits().sized_to_task) how = "serverless: sized to its task's cores";
  else if (c.traits().up_at_start) how = "as written (an existing cluster)";
  const auto& autoscale = c.cluster().autoscale;
  return {.kind = c.cluster().kind, .node_type = c.shape.node->name, .workers = c.shape.workers,
          .autoscale_max = autoscale ? std::optional<int>(autoscale->max_workers) : std::nullopt,
          .sizing = c.sizing, .how = std::move(how)};
}

std::optional<Deployment> plan(const Workload& workload, const Dag& dag, const StrategySpec& strategy,
                               const Catalog& catalog, const Pricing& pricing, Diagnostics& diagnostics) {
  return Planner(workload, dag, strategy, catalog, pricing, diagnostics).run();
}

}  // namespace orchsim::models
