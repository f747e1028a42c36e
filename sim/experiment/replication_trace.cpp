#include "sim/experiment/replication_trace.h"

#include <sstream>
#include <variant>

#include "engine/error.h"
#include "engine/event_log.h"
#include "models/deployment.h"
#include "sim/experiment/replication.h"

namespace orchsim::sim {

namespace {

// Folds a replication's events into one TaskTrace per workload task. Tasks are matched by key: a
// job task's key is its workload task's, or (multi_job's orchestrator) its group's. A task's own
// job task decides its row; without one (its job never ran) the orchestrator's run_job task that
// stood for it, alone or as its group.
class TaskFolder {
 public:
  TaskFolder(const models::Deployment& deployment, const models::Workload& workload)
      : deployment_(deployment), workload_(workload), own_(workload.tasks.size()) {
    for (std::size_t i = 0; i < workload.tasks.size(); ++i) own_[i].task = workload.tasks[i].key;
  }

  void add(const EngineEvent& e) {
    if (const auto* s = std::get_if<RunStarted>(&e.body)) learn(s->run, s->job);
    else if (const auto* q = std::get_if<RunQueued>(&e.body)) learn(q->run, q->job);
    else if (const auto* f = std::get_if<RunFinished>(&e.body)) learn(f->run, f->job);
    else if (const auto* a = std::get_if<AttemptStarted>(&e.body)) attempt(a->run, a->task, e.time);
    else if (const auto* t = std::get_if<TaskStarted>(&e.body)) started(t->run, t->task, e.time);
    else if (const auto* d = std::get_if<TaskFinished>(&e.body)) finished(d->run, d->task, d->result, e.time);
  }

  std::vector<TaskTrace> result() const {
    std::vector<TaskTrace> rows = own_;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].state != TaskResult::kNone) continue;
      const WorkloadTaskProxy* p = proxy(workload_.tasks[i].key);
      if (p == nullptr && workload_.tasks[i].placement->group) p = proxy(*workload_.tasks[i].placement->group);
      if (p == nullptr) continue;
      rows[i].state = p->state;
      rows[i].end = p->end;
    }
    return rows;
  }

 private:
  struct WorkloadTaskProxy {
    std::string key;
    TaskResult state;
    SimTime end;
  };

  void learn(RunId run, JobId job) {
    if (job_of_run_.size() <= run.index()) job_of_run_.resize(run.index() + 1);
    job_of_run_[run.index()] = job;
  }
  const JobSpec& job(RunId run) const { return deployment_.jobs[job_of_run_[run.index()].index()]; }
  bool is_run_job(RunId run, TaskId task) const { return job(run).tasks[task.index()].kind == TaskKind::kRunJob; }
  // The workload task a (non run_job) job task is.
  std::optional<std::size_t> own_task(RunId run, TaskId task) const {
    if (is_run_job(run, task)) return std::nullopt;
    const std::string_view key = job(run).dag.key(task);
    for (std::size_t i = 0; i < workload_.tasks.size(); ++i) {
      if (workload_.tasks[i].key == key) return i;
    }
    return std::nullopt;
  }
  const WorkloadTaskProxy* proxy(std::string_view key) const {
    const WorkloadTaskProxy* found = nullptr;
    for (const auto& p : proxies_) if (p.key == key) found = &p;  // the last one (retries)
    return found;
  }

  void attempt(RunId run, TaskId task, SimTime at) {
    const auto i = own_task(run, task);
    if (!i) return;
    ++own_[*i].attempts;
    if (!own_[*i].start) own_[*i].start = at;
  }
  void started(RunId run, TaskId task, SimTime at) {
    const auto i = own_task(run, task);
    if (i && !own_[*i].start && job(run).tasks[task.index()].kind != TaskKind::kWork) own_[*i].start = at;
  }
  void finished(RunId run, TaskId task, TaskResult result, SimTime at) {
    if (is_run_job(run, task)) {
      proxies_.push_back({std::string(job(run).dag.key(task)), result, at});
      return;
    }
    if (const auto i = own_task(run, task)) {
      own_[*i].state = result;
      own_[*i].end = at;
    }
  }

  const models::Deployment& deployment_;
  const models::Workload& workload_;
  std::vector<TaskTrace> own_;
  std::vector<JobId> job_of_run_;
  std::vector<WorkloadTaskProxy> proxies_;
};

}  // namespace

std::vector<StrategyTrace> trace_replication(const ScenarioSpec& scenario, std::uint64_t seed,
                                             std::uint64_t replication) {
  Diagnostics diagnostics;
  const auto dag = scenario.workload.dag(diagnostics);
  diagnostics.throw_if_any();
  std::vector<StrategyTrace> out;
  for (const auto& strategy : scenario.strategies) {
    const auto deployment = models::plan(scenario.workload, *dag, strategy, scenario.catalog, scenario.world.pricing, diagnostics);
    diagnostics.throw_if_any();
    Trace trace;
    const ReplicationResult r =
        run_replication(*deployment, scenario.workload, scenario.world, seed, replication, &trace);
    StrategyTrace st{.strategy = strategy.name, .outcome = r.outcome, .events_jsonl = {}, .tasks = {}};
    std::ostringstream jsonl;
    JsonlEventLog log(jsonl, deployment->jobs);
    TaskFolder folder(*deployment, scenario.workload);
    for (const auto& e : trace.events()) {
      log.on_event(e);
      folder.add(e);
    }
    st.events_jsonl = std::move(jsonl).str();
    st.tasks = folder.result();
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace orchsim::sim
