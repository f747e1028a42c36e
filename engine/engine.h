// Engine: drives job runs. Decides readiness from trigger rules, dispatches attempts through the
// TaskRunner, times out and retries them, starts child runs for run_job tasks, settles tasks and
// decides each run's outcome from its leaves. Emits every step as an EngineEvent.
//
// It talks only to Runtime& (time, timers) and TaskRunner& (attempts): the same code runs in the
// simulator and live. Single-threaded: every entry point runs on the runtime's loop thread.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "engine/events.h"
#include "engine/job.h"
#include "engine/run.h"
#include "engine/runtime.h"
#include "engine/task_runner.h"

namespace orchsim {

class Engine final : public TimerTarget, public AttemptObserver {
 public:
  // `jobs` (indexed by JobId) must outlive the engine and stay unchanged.
  Engine(Runtime& runtime, TaskRunner& runner, EventSink& sink, std::span<const JobSpec> jobs);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Starts a top-level run of `job` now. Its first tasks are dispatched before this returns.
  RunId start_run(JobId job);

  const RunState& run(RunId id) const { return runs_[id.index()]; }
  std::size_t run_count() const { return runs_.size(); }
  std::size_t attempt_count() const { return attempts_.size(); }
  // True when every run started so far has finished.
  bool idle() const { return open_runs_ == 0; }

  void on_timer(std::uint64_t payload) override;
  void attempt_running(AttemptId attempt) override;
  void attempt_finished(AttemptId attempt, AttemptResult result) override;

 private:
  enum class TimerKind : std::uint8_t { kRetry, kTimeout, kChildStart };
  struct AttemptRecord {
    RunId run;
    TaskId task;
  };
  struct Settlement {
    RunId run;
    TaskId task;
    Lifecycle lifecycle;
    TaskResult result;
  };

  static std::uint64_t encode(TimerKind kind, RunId run, TaskId task);
  RunId open_run(JobId job, RunId parent, TaskId parent_task);
  void emit(EngineEventBody body) { sink_.on_event(EngineEvent{runtime_.now(), body}); }

  void dispatch(RunId run, TaskId task);
  void start_attempt(RunId run, TaskId task);
  void start_child_run(RunId run, TaskId task);
  void attempt_failed(RunId run, TaskId task, FailureKind kind);
  // Queues a task's terminal state; drain() applies it and everything it causes, iteratively
  // (a failure can cascade down a million-task chain: no recursion).
  void settle(RunId run, TaskId task, Lifecycle lifecycle, TaskResult result);
  void drain();
  void apply(const Settlement& s);
  void upstream_settled(RunState& run, TaskId task);
  void finish_run(RunState& run);

  Runtime& runtime_;
  TaskRunner& runner_;
  EventSink& sink_;
  std::span<const JobSpec> jobs_;
  std::deque<RunState> runs_;  // stable addresses; RunId indexes it
  std::vector<AttemptRecord> attempts_;
  std::vector<Settlement> settling_;
  std::deque<std::pair<RunId, TaskId>> ready_;  // FIFO: dispatch in the order tasks became ready
  bool draining_ = false;
  std::size_t open_runs_ = 0;
};

}  // namespace orchsim
