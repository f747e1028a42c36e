#include "sim/experiment/timeline_builder.h"

#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/experiment/instance_finder.h"
#include "sim/world/cluster_world.h"

namespace orchsim::sim {

namespace {

// Follows the events one at a time, keeping the attempts still open and the failed tasks whose
// next attempt has not started yet.
class TimelineBuilder {
 public:
  TimelineBuilder(const ClusterWorld& world, const models::Deployment& deployment, const models::Workload& workload,
                  std::size_t replication)
      : instances_(world.instances()), finder_(instances_), deployment_(deployment), workload_(workload) {
    t_.replication = replication;
    add_lanes();
  }

  void on(const EngineEvent& e) {
    if (const auto* s = std::get_if<RunStarted>(&e.body)) {
      if (run_job_.size() <= s->run.index()) run_job_.resize(s->run.index() + 1);
      run_job_[s->run.index()] = s->job;
      if (!s->parent.valid()) t_.end = e.time;
    } else if (std::holds_alternative<RunFinished>(e.body)) {
      t_.end = std::max(t_.end, e.time);
    } else if (std::holds_alternative<RollbackStarted>(e.body)) {
      // A rollback belongs to the run, not to a cluster: drawn across the first lane.
      t_.bars.push_back({0, e.time, e.time, BarKind::kRollback, "rollback"});
    } else if (const auto* a = std::get_if<AttemptStarted>(&e.body)) {
      started(*a, e.time);
    } else if (const auto* r = std::get_if<AttemptRunning>(&e.body)) {
      Open& o = open_[r->attempt.index()];
      o.running = e.time;
      if (e.time > o.started) t_.bars.push_back({o.lane, o.started, e.time, BarKind::kWaiting, label(o.run, o.task, o.number)});
    } else if (const auto* d = std::get_if<AttemptFinished>(&e.body)) {
      finished(*d, e.time);
    }
  }

  Timeline take() { return std::move(t_); }

 private:
  struct Open {
    RunId run;
    TaskId task;
    std::uint32_t number = 0;
    std::uint32_t lane = 0;
    SimTime started;
    std::optional<SimTime> running;
  };
  struct Failed {
    RunId run;
    TaskId task;
    std::uint32_t lane;
    SimTime at;
  };

  // One lane per cluster instance ("name", then "name #2" for its replacements), each with its
  // startup bar.
  void add_lanes() {
    std::vector<int> seen(deployment_.computes.size(), 0);
    for (const auto& c : instances_) {
      const int k = ++seen[c.compute.index()];
      const std::string& name = deployment_.computes[c.compute.index()].name;
      t_.lanes.push_back(k == 1 ? name : fmt::format("{} #{}", name, k));
    }
    for (std::uint32_t i = 0; i < instances_.size(); ++i) {
      const auto& c = instances_[i];
      t_.bars.push_back({i, c.requested, c.up.value_or(c.terminated.value_or(c.requested)), BarKind::kStartup, "startup"});
    }
  }

  // The lane of the instance of `compute` in use at `at`: the last one requested by then.
  std::uint32_t lane_of(ComputeId compute, SimTime at) const { return finder_.at(compute, std::nullopt, at).value_or(0); }

  // The workload task's key, with the attempt number when retried.
  std::string label(RunId run, TaskId task, std::uint32_t number) const {
    const TaskId work = deployment_.work[run_job_[run.index()].index()][task.index()];
    const std::string& key = work.valid() ? workload_.tasks[work.index()].key : std::string("?");
    return number > 1 ? fmt::format("{} #{}", key, number) : key;
  }

  void started(const AttemptStarted& a, SimTime at) {
    if (open_.size() <= a.attempt.index()) open_.resize(a.attempt.index() + 1);
    open_[a.attempt.index()] = {a.run, a.task, a.number, lane_of(a.compute, at), at, {}};
    for (auto it = awaiting_retry_.begin(); it != awaiting_retry_.end(); ++it) {
      if (it->run == a.run && it->task == a.task) {
        t_.bars.push_back({it->lane, it->at, at, BarKind::kRetryWait, label(a.run, a.task, a.number)});
        awaiting_retry_.erase(it);
        break;
      }
    }
  }

  void finished(const AttemptFinished& d, SimTime at) {
    const Open& o = open_[d.attempt.index()];
    const std::string text = label(o.run, o.task, o.number);
    if (!o.running) {
      if (at > o.started) t_.bars.push_back({o.lane, o.started, at, BarKind::kWaiting, text});
    } else {
      t_.bars.push_back({o.lane, *o.running, at, d.result.succeeded ? BarKind::kRunning : BarKind::kFailed, text});
    }
    if (!d.result.succeeded) {
      awaiting_retry_.push_back({o.run, o.task, o.lane, at});
      if (d.result.failure == FailureKind::kClusterLost) t_.bars.push_back({o.lane, at, at, BarKind::kCrash, "crash"});
    }
  }

  const std::vector<ClusterInstance>& instances_;
  const InstanceFinder finder_;
  const models::Deployment& deployment_;
  const models::Workload& workload_;
  Timeline t_;
  std::vector<JobId> run_job_;  // by RunId
  std::vector<Open> open_;      // by AttemptId
  std::vector<Failed> awaiting_retry_;
};

}  // namespace

Timeline build_timeline(std::span<const EngineEvent> events, const ClusterWorld& world,
                        const models::Deployment& deployment, const models::Workload& workload,
                        std::size_t replication) {
  TimelineBuilder builder(world, deployment, workload, replication);
  for (const EngineEvent& e : events) builder.on(e);
  return builder.take();
}

}  // namespace orchsim::sim
