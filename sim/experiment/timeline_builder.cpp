#include "sim/experiment/timeline_builder.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "sim/experiment/instance_finder.h"
#include "sim/world/cluster_world.h"

namespace orchsim::sim {

namespace {

// Follows the kept events one at a time, reading each attempt's facts from the log, and keeping
// the failed tasks whose next attempt has not started yet. The timeline is kept until the reports
// are written (one per strategy under multi_job, three bars a task), so its bars are counted by a
// first pass (`bars` absent) and reserved exactly by the second: no doubling slack, no copy.
class TimelineBuilder {
 public:
  TimelineBuilder(const AttemptLog& attempts, const std::vector<ClusterInstance>& instances,
                  const models::Deployment& deployment, std::size_t replication, std::optional<std::size_t> bars)
      : attempts_(attempts), instances_(instances), finder_(instances_), deployment_(deployment), drawing_(bars.has_value()) {
    t_.replication = replication;
    if (bars) t_.bars.reserve(*bars);
    add_lanes();
  }

  void on(TimelineRecorder::Kind kind, std::uint32_t id, const TimelineRecorder& recorder) {
    switch (kind) {
      case TimelineRecorder::Kind::kRollback: {
        // A rollback belongs to the run, not to a cluster: drawn across the first lane.
        const SimTime at = recorder.rollbacks()[id];
        add(BarKind::kRollback, 0, at, at);
        break;
      }
      case TimelineRecorder::Kind::kRetryStarted:
        retry_started(id);
        break;
      case TimelineRecorder::Kind::kRunning: {
        const SimTime started = attempts_.started(id), running = *attempts_.running(id);
        if (running > started) add(BarKind::kWaiting, lane_of(id), started, running, attempt(id));
        break;
      }
      case TimelineRecorder::Kind::kFinished:
        finished(id);
        break;
    }
  }

  std::size_t bars() const { return bars_; }

  Timeline take(SimTime end) {
    t_.end = end;
    t_.retried.shrink_to_fit();
    return std::move(t_);
  }

 private:
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
      add(BarKind::kStartup, i, c.requested, c.up.value_or(c.terminated.value_or(c.requested)));
    }
  }

  // The lane of the instance of the attempt's compute in use at its start: the last one requested
  // by then.
  std::uint32_t lane_of(std::uint32_t id) const {
    return finder_.at(attempts_.compute(id), std::nullopt, attempts_.started(id)).value_or(0);
  }

  // The workload task the attempt's deployment task runs (if any), and the attempt's number.
  BarAttempt attempt(std::uint32_t id) const {
    const RunId run = attempts_.run(id);
    const TaskId work = deployment_.work[attempts_.job_of(run).index()][attempts_.task(id).index()];
    return {work.valid() ? static_cast<std::uint32_t>(work.index()) : BarAttempt::kNoTask, attempts_.number(id)};
  }

  void retry_started(std::uint32_t id) {
    const RunId run = attempts_.run(id);
    const TaskId task = attempts_.task(id);
    for (auto it = awaiting_retry_.begin(); it != awaiting_retry_.end(); ++it) {
      if (it->run == run && it->task == task) {
        add(BarKind::kRetryWait, it->lane, it->at, attempts_.started(id), attempt(id));
        awaiting_retry_.erase(it);
        break;
      }
    }
  }

  void finished(std::uint32_t id) {
    const SimTime at = *attempts_.finished(id);
    const SimTime started = attempts_.started(id);
    const std::optional<SimTime> running = attempts_.running(id);
    const AttemptResult result = attempts_.result(id);
    const std::uint32_t lane = lane_of(id);
    if (!running) {
      if (at > started) add(BarKind::kWaiting, lane, started, at, attempt(id));
    } else {
      add(result.succeeded ? BarKind::kRunning : BarKind::kFailed, lane, *running, at, attempt(id));
    }
    if (!result.succeeded) {
      awaiting_retry_.push_back({attempts_.run(id), attempts_.task(id), lane, at});
      if (result.failure == FailureKind::kClusterLost) add(BarKind::kCrash, lane, at, at);
    }
  }

  template <class... Bar>
  void add(const Bar&... bar) {
    ++bars_;
    if (drawing_) t_.add(bar...);
  }

  const AttemptLog& attempts_;
  const std::vector<ClusterInstance>& instances_;
  const InstanceFinder finder_;
  const models::Deployment& deployment_;
  const bool drawing_;
  Timeline t_;
  std::size_t bars_ = 0;
  std::vector<Failed> awaiting_retry_;
};

}  // namespace

Timeline build_timeline(const TimelineRecorder& recorder, const AttemptLog& attempts,
                        const std::vector<ClusterInstance>& instances, const models::Deployment& deployment,
                        std::size_t replication) {
  TimelineBuilder counter(attempts, instances, deployment, replication, std::nullopt);
  recorder.for_each([&](TimelineRecorder::Kind kind, std::uint32_t id) { counter.on(kind, id, recorder); });
  TimelineBuilder builder(attempts, instances, deployment, replication, counter.bars());
  recorder.for_each([&](TimelineRecorder::Kind kind, std::uint32_t id) { builder.on(kind, id, recorder); });
  return builder.take(recorder.end());
}

}  // namespace orchsim::sim
