#include "sim/experiment/timeline_builder.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "sim/experiment/instance_finder.h"
#include "sim/world/cluster_world.h"

namespace orchsim::sim {

namespace {

// Follows the events one at a time, keeping the attempts still open and the failed tasks whose
// next attempt has not started yet.
class TimelineBuilder {
 public:
  TimelineBuilder(const std::vector<ClusterInstance>& instances, const models::Deployment& deployment,
                  std::size_t replication)
      : instances_(instances), finder_(instances_), deployment_(deployment) {
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
        t_.add(BarKind::kRollback, 0, e.time, e.time);
        break;
      case TimelineEvent::Kind::kAttemptStarted:
        started(e);
        break;
      case TimelineEvent::Kind::kAttemptRunning: {
        Open& o = open_[e.attempt];
        o.running = e.time;
        if (e.time > o.started) t_.add(BarKind::kWaiting, o.lane, o.started, e.time, attempt(o.run, o.task, o.number));
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
    t_.retried.shrink_to_fit();
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

  // One lane per cluster instance (its compute's first instance, then its replacements), each
  // with its startup bar.
  void add_lanes() {
    std::vector<std::uint32_t> seen(deployment_.computes.size(), 0);
    t_.lanes.reserve(instances_.size());
    for (const auto& c : instances_) {
      t_.lanes.push_back({static_cast<std::uint32_t>(c.compute.index()), ++seen[c.compute.index()]});
    }
    for (std::uint32_t i = 0; i < instances_.size(); ++i) {
      const auto& c = instances_[i];
      t_.add(BarKind::kStartup, i, c.requested, c.up.value_or(c.terminated.value_or(c.requested)));
    }
  }

  // The lane of the instance of `compute` in use at `at`: the last one requested by then.
  std::uint32_t lane_of(ComputeId compute, SimTime at) const { return finder_.at(compute, std::nullopt, at).value_or(0); }

  // The workload task the deployment's task runs (if any), and the attempt's number.
  BarAttempt attempt(RunId run, TaskId task, std::uint32_t number) const {
    const TaskId work = deployment_.work[run_job_[run.index()].index()][task.index()];
    return {work.valid() ? static_cast<std::uint32_t>(work.index()) : BarAttempt::kNoTask, number};
  }

  void started(const TimelineEvent& a) {
    const SimTime at = a.time;
    const RunId run(a.run);
    const TaskId task(a.task);
    if (open_.size() <= a.attempt) open_.resize(a.attempt + 1);
    open_[a.attempt] = {run, task, a.number, lane_of(ComputeId(a.compute), at), at, {}};
    for (auto it = awaiting_retry_.begin(); it != awaiting_retry_.end(); ++it) {
      if (it->run == run && it->task == task) {
        t_.add(BarKind::kRetryWait, it->lane, it->at, at, attempt(run, task, a.number));
        awaiting_retry_.erase(it);
        break;
      }
    }
  }

  void finished(const TimelineEvent& d) {
    const SimTime at = d.time;
    const Open& o = open_[d.attempt];
    const BarAttempt drawn = attempt(o.run, o.task, o.number);
    if (!o.running) {
      if (at > o.started) t_.add(BarKind::kWaiting, o.lane, o.started, at, drawn);
    } else {
      t_.add(d.flag ? BarKind::kRunning : BarKind::kFailed, o.lane, *o.running, at, drawn);
    }
    if (!d.flag) {
      awaiting_retry_.push_back({o.run, o.task, o.lane, at});
      if (d.cluster_lost) t_.add(BarKind::kCrash, o.lane, at, at);
    }
  }

  const std::vector<ClusterInstance>& instances_;
  const InstanceFinder finder_;
  const models::Deployment& deployment_;
  Timeline t_;
  std::vector<JobId> run_job_;  // by RunId
  std::vector<Open> open_;      // by AttemptId
  std::vector<Failed> awaiting_retry_;
};

}  // namespace

Timeline build_timeline(const TimelineRecorder& recorder, const std::vector<ClusterInstance>& instances,
                        const models::Deployment& deployment, std::size_t replication) {
  TimelineBuilder builder(instances, deployment, replication);
  recorder.for_each([&builder](const TimelineEvent& e) { builder.on(e); });
  return builder.take();
}

}  // namespace orchsim::sim
