// AttemptLog: the facts of every attempt of one replication (its run, task, unit and number, its
// start, running and end times, its result) and the job of every run, recorded once by the
// MetricsCollector (sim/experiment/metrics_collector.h) and read after the run by it and by
// build_timeline (sim/experiment/timeline_builder.h). Used on the replication's thread.
//
// Kept for every attempt (1e5 of them at 1e5 tasks, issue #15), so in columns each only as wide as
// its field, in deques that grow in blocks (no doubling slack): 13 to 21 bytes an attempt, the
// run and task columns keeping no values where they step evenly (AffineColumn). Times are
// 32-bit microseconds: the start after its block's base (a block is up to kBlock attempts whose
// starts, coming in time order, fit), the running and end times after the start (the full time in
// a side table when one does not fit). The compute is not kept: it is the job's, for the task. The
// unit (for_each iteration) and number are stored only where they are not 0 and 1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <unordered_map>

#include "engine/ids.h"
#include "engine/job.h"
#include "engine/task_runner.h"
#include "engine/time.h"
#include "sim/experiment/affine_column.h"

namespace orchsim::sim {

class AttemptLog {
 public:
  // `jobs`: the engine's, by JobId; they must outlive the log.
  explicit AttemptLog(std::span<const JobSpec> jobs) : jobs_(jobs) {}

  // The attempt's facts. Attempts start in AttemptId order and in time order (the engine's).
  void start(AttemptId attempt, RunId run, TaskId task, ComputeId compute, std::uint32_t unit, std::uint32_t number,
             SimTime at);
  void running(AttemptId attempt, SimTime at);
  void finished(AttemptId attempt, SimTime at, AttemptResult result);
  // The job `run` runs (invalid until set).
  void set_job(RunId run, JobId job);
  JobId job_of(RunId run) const { return run.index() < run_jobs_.size() ? run_jobs_[run.index()] : JobId(); }

  std::size_t size() const { return started_.size(); }
  RunId run(std::uint32_t id) const { return RunId(runs_[id]); }
  TaskId task(std::uint32_t id) const { return TaskId(tasks_[id]); }
  ComputeId compute(std::uint32_t id) const { return jobs_[job_of(run(id)).index()].tasks.compute(tasks_[id]); }
  // 0 for a task's own attempts, 1 + i for its for_each iteration i.
  std::uint32_t unit(std::uint32_t id) const;
  // The attempt's number within its task (AttemptStarted::number).
  std::uint32_t number(std::uint32_t id) const;
  SimTime started(std::uint32_t id) const;
  std::optional<SimTime> running(std::uint32_t id) const { return after_start(id, running_[id], kRunning); }
  std::optional<SimTime> finished(std::uint32_t id) const { return after_start(id, finished_[id], kFinished); }
  // Meaningful once finished.
  AttemptResult result(std::uint32_t id) const {
    return results_[id] == 0 ? AttemptResult::success() : AttemptResult::failed(FailureKind(results_[id] - 1));
  }

 private:
  static constexpr std::uint32_t kBlock = 4096;          // attempts at most in a block of starts
  static constexpr std::uint32_t kNotYet = UINT32_MAX;    // in running_ / finished_: not reached
  static constexpr std::uint32_t kLong = UINT32_MAX - 1;  // the time is in long_times_
  enum Which : std::uint64_t { kRunning, kFinished };
  struct Block {  // attempts from `first` on start `started_` microseconds after `base`
    std::uint32_t first;
    SimTime base;
  };
  struct Unusual {  // an attempt whose unit is not 0 or whose number is not 1
    std::uint32_t attempt, unit, number;
  };

  std::uint32_t offset(std::uint32_t id, SimTime at, Which which);
  std::optional<SimTime> after_start(std::uint32_t id, std::uint32_t offset, Which which) const;
  const Unusual* unusual(std::uint32_t id) const;

  std::span<const JobSpec> jobs_;
  std::deque<Block> blocks_;
  std::deque<std::uint32_t> started_;   // microseconds after the block's base
  std::deque<std::uint32_t> running_;   // microseconds after the start, kNotYet or kLong
  std::deque<std::uint32_t> finished_;  // microseconds after the start, kNotYet or kLong
  AffineColumn runs_, tasks_;
  std::deque<std::uint8_t> results_;  // 0: succeeded (or not finished); 1 + FailureKind: failed
  std::deque<Unusual> unusual_;       // in AttemptId order
  std::unordered_map<std::uint64_t, SimTime> long_times_;  // by id << 1 | Which
  std::deque<JobId> run_jobs_;                             // by RunId
};

}  // namespace orchsim::sim
