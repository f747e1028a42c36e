#include "sim/world/timeline.h"

#include <fmt/format.h>

#include "sim/world/cluster_world.h"

namespace orchsim::sim {

Timeline build_timeline(std::span<const EngineEvent> events, const ClusterWorld& world,
                        const models::Deployment& deployment, const models::Workload& workload,
                        std::size_t replication) {
  Timeline t;
  t.replication = replication;
  const auto& instances = world.instances();
  std::vector<int> seen(deployment.computes.size(), 0);
  for (const auto& c : instances) {
    const int k = ++seen[c.compute.index()];
    const std::string& name = deployment.computes[c.compute.index()].name;
    t.lanes.push_back(k == 1 ? name : fmt::format("{} #{}", name, k));
  }
  for (std::uint32_t i = 0; i < instances.size(); ++i) {
    const auto& c = instances[i];
    t.bars.push_back({i, c.requested, c.up.value_or(c.terminated.value_or(c.requested)), BarKind::kStartup, "startup"});
  }
  auto lane_of = [&](ComputeId compute, SimTime at) {
    std::uint32_t found = 0;
    for (std::uint32_t i = 0; i < instances.size(); ++i) {
      if (instances[i].compute == compute && instances[i].requested <= at) found = i;
    }
    return found;
  };

  struct Open {
    RunId run;
    TaskId task;
    std::uint32_t number = 0;
    std::uint32_t lane = 0;
    SimTime started;
    std::optional<SimTime> running;
  };
  std::vector<JobId> run_job;
  std::vector<Open> open;  // by AttemptId
  struct Failed {
    RunId run;
    TaskId task;
    std::uint32_t lane;
    SimTime at;
  };
  std::vector<Failed> awaiting_retry;
  auto task_label = [&](RunId run, TaskId task, std::uint32_t number) {
    const TaskId work = deployment.work[run_job[run.index()].index()][task.index()];
    const std::string& key = work.valid() ? workload.tasks[work.index()].key : std::string("?");
    return number > 1 ? fmt::format("{} #{}", key, number) : key;
  };
  for (const EngineEvent& e : events) {
    if (const auto* s = std::get_if<RunStarted>(&e.body)) {
      if (run_job.size() <= s->run.index()) run_job.resize(s->run.index() + 1);
      run_job[s->run.index()] = s->job;
      if (!s->parent.valid()) t.end = e.time;
    } else if (std::holds_alternative<RunFinished>(e.body)) {
      t.end = std::max(t.end, e.time);
    } else if (std::holds_alternative<RollbackStarted>(e.body)) {
      // A rollback belongs to the run, not to a cluster: drawn across the first lane.
      t.bars.push_back({0, e.time, e.time, BarKind::kRollback, "rollback"});
    } else if (const auto* a = std::get_if<AttemptStarted>(&e.body)) {
      if (open.size() <= a->attempt.index()) open.resize(a->attempt.index() + 1);
      const std::uint32_t lane = lane_of(a->compute, e.time);
      open[a->attempt.index()] = {a->run, a->task, a->number, lane, e.time, {}};
      for (auto it = awaiting_retry.begin(); it != awaiting_retry.end(); ++it) {
        if (it->run == a->run && it->task == a->task) {
          t.bars.push_back({it->lane, it->at, e.time, BarKind::kRetryWait, task_label(a->run, a->task, a->number)});
          awaiting_retry.erase(it);
          break;
        }
      }
    } else if (const auto* r = std::get_if<AttemptRunning>(&e.body)) {
      Open& o = open[r->attempt.index()];
      o.running = e.time;
      if (e.time > o.started) t.bars.push_back({o.lane, o.started, e.time, BarKind::kWaiting, task_label(o.run, o.task, o.number)});
    } else if (const auto* d = std::get_if<AttemptFinished>(&e.body)) {
      const Open& o = open[d->attempt.index()];
      const std::string label = task_label(o.run, o.task, o.number);
      if (!o.running) {
        if (e.time > o.started) t.bars.push_back({o.lane, o.started, e.time, BarKind::kWaiting, label});
      } else {
        t.bars.push_back({o.lane, *o.running, e.time, d->result.succeeded ? BarKind::kRunning : BarKind::kFailed, label});
      }
      if (!d->result.succeeded) {
        awaiting_retry.push_back({o.run, o.task, o.lane, e.time});
        if (d->result.failure == FailureKind::kClusterLost) t.bars.push_back({o.lane, e.time, e.time, BarKind::kCrash, "crash"});
      }
    }
  }
  return t;
}

}  // namespace orchsim::sim
