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
  TimelineBuilder(const std::vector<ClusterInstance>& instances, const models::Deployment& deployment,
                  const models::Workload& workload, std::size_t replication)
      : instances_(instances), finder_(instances_), deployment_(deployment), workload_(workload) {
    t_.replication = replication;
    add_lanes();
  }

  void on(const TimelineEvent& e) {
    switch (e.kind) {
      case TimelineEvent::Kind::kRunStarted:
        if (run_job_.size() <= e.run) run_job_.resize(e.run + 1);
        run_job_[e.run] = JobId(e.task);
        if (!e.flag) t_.end = e.time;
        break;
      case TimelineEvent::Kind::kRunFinished:
        t_.end = std::max(t_.end, e.time);
        break;
      case TimelineEvent::Kind::kRollback:
        // A rollback belongs to the run, not to a cluster: drawn across the first lane.
        t_.bars.push_back({0, e.time, e.time, BarKind::kRollback, "rollback"});
        break;
      case TimelineEvent::Kind::kAttemptStarted:
        started(e);
        break;
      case TimelineEvent::Kind::kAttemptRunning: {
        Open& o = open_[e.attempt];
        o.running = e.time;
        if (e.time > o.started) t_.bars.push_back({o.lane, o.started, e.time, BarKind::kWaiting, label(o.run, o.task, o.number)});
        break;
      }
      case TimelineEvent::Kind::kAttemptFinished:
        finished(e);
        break;
    }
  }

  // The timeline is kept until the reports are written (one per strategy under multi_job, three
  // bars a task): no spare capacity.
  Timeline take() {
    t_.bars.shrink_to_fit();
    return std::move(t_);
  }

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

  void started(const TimelineEvent& a) {
    const SimTime at = a.time;
    const RunId run(a.run);
    const TaskId task(a.task);
    if (open_.size() <= a.attempt) open_.resize(a.attempt + 1);
    open_[a.attempt] = {run, task, a.number, lane_of(ComputeId(a.compute), at), at, {}};
    for (auto it = awaiting_retry_.begin(); it != awaiting_retry_.end(); ++it) {
      if (it->run == run && it->task == task) {
        t_.bars.push_back({it->lane, it->at, at, BarKind::kRetryWait, label(run, task, a.number)});
        awaiting_retry_.erase(it);
        break;
      }
    }
  }

  void finished(const TimelineEvent& d) {
    const SimTime at = d.time;
    const Open& o = open_[d.attempt];
    const std::string text = label(o.run, o.task, o.number);
    if (!o.running) {
      if (at > o.started) t_.bars.push_back({o.lane, o.started, at, BarKind::kWaiting, text});
    } else {
      t_.bars.push_back({o.lane, *o.running, at, d.flag ? BarKind::kRunning : BarKind::kFailed, text});
    }
    if (!d.flag) {
      awaiting_retry_.push_back({o.run, o.task, o.lane, at});
      if (d.cluster_lost) t_.bars.push_back({o.lane, at, at, BarKind::kCrash, "crash"});
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
  TimelineBuilder builder(world.instances(), deployment, workload, replication);
  for (const EngineEvent& e : events) {
    if (const auto t = TimelineEvent::of(e)) builder.on(*t);
  }
  return builder.take();
}

Timeline build_timeline(const TimelineRecorder& recorder, const std::vector<ClusterInstance>& instances,
                        const models::Deployment& deployment, const models::Workload& workload,
                        std::size_t replication) {
  TimelineBuilder builder(instances, deployment, workload, replication);
  recorder.for_each([&builder](const TimelineEvent& e) { builder.on(e); });
  return builder.take();
}

}  // namespace orchsim::sim
