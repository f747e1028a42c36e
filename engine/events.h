// EngineEvent: what the engine tells the world, as typed values with the time they happened.
// Metrics, traces, the cluster world, the JSONL event log (engine/event_log.h) and reports consume
// them through an EventSink; the engine never computes a report number itself. Events are plain
// values (no heap), so emitting one costs a virtual call. Loop-thread affinity: sinks are called on
// the runtime's loop thread.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "engine/alerts.h"
#include "engine/ids.h"
#include "engine/job.h"
#include "engine/run_result.h"
#include "engine/task_runner.h"
#include "engine/time.h"

namespace orchsim {

// A job run's timing as the Jobs API reports it. queue: created → started (max_concurrent_runs);
// setup: started → first attempt running (cluster start, context setup); execution: → last task
// terminal; cleanup: → finished (rollback restores). run_duration = setup + execution + cleanup.
struct RunTiming {
  Duration queue;
  Duration setup;
  Duration execution;
  Duration cleanup;
  Duration run_duration;
};

struct RunQueued {  // over max_concurrent_runs with queueing on
  RunId run;
  JobId job;
  RunId parent;
};
struct RunStarted {
  RunId run;
  JobId job;
  RunId parent;  // the run whose run_job task started this one; invalid for a top-level run
};
struct RunFinished {
  RunId run;
  JobId job;
  JobResult result;
  RunTiming timing;
};
struct TaskStarted {  // its trigger rule said run (every kind; kWork then starts attempts)
  RunId run;
  TaskId task;
};
struct AttemptStarted {
  RunId run;
  TaskId task;
  AttemptId attempt;
  std::uint32_t number;
  ComputeId compute;
  std::optional<std::uint32_t> iteration;  // for_each
};
struct AttemptRunning {
  RunId run;
  TaskId task;
  AttemptId attempt;
};
struct AttemptFinished {
  RunId run;
  TaskId task;
  AttemptId attempt;
  AttemptResult result;
};
struct RetryScheduled {
  RunId run;
  TaskId task;
  SimTime at;
  std::optional<std::uint32_t> iteration;
};
struct IterationFinished {
  RunId run;
  TaskId task;
  std::uint32_t iteration;
  TaskResult result;
};
struct TaskFinished {
  RunId run;
  TaskId task;
  TaskResult result;
};
struct ConditionEvaluated {
  RunId run;
  TaskId task;
  bool evaluable;  // false: an operand was not a number / not resolvable, and the task failed
  bool outcome;    // meaningful when evaluable
};
struct TableCommitted {
  RunId run;
  TaskId task;
  AttemptId attempt;
  TableId table;
  std::uint64_t version;
};
struct RollbackStarted {
  RunId run;
  RollbackScope scope;
  std::uint32_t tables;
};
struct TableRestored {
  RunId run;
  TableId table;
  std::uint64_t restored_from;  // the version whose content was restored
  std::uint64_t version;        // the new version written by the restore
};
struct AlertRaised {
  Alert alert;
};
struct AlertSuppressed {
  Alert alert;
};
struct RepairStarted {
  RunId run;
  std::uint32_t repair;  // 1 for the first repair of the run
  std::uint32_t tasks;   // how many tasks it reruns
};

using EngineEventBody =
    std::variant<RunQueued, RunStarted, RunFinished, TaskStarted, AttemptStarted, AttemptRunning, AttemptFinished,
                 RetryScheduled, IterationFinished, TaskFinished, ConditionEvaluated, TableCommitted,
                 RollbackStarted, TableRestored, AlertRaised, AlertSuppressed, RepairStarted>;

struct EngineEvent {
  SimTime time;
  EngineEventBody body;
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(const EngineEvent& event) = 0;
};

// Keeps every event, in order. For tests, Gantt charts and the JSONL log.
class Trace final : public EventSink {
 public:
  void on_event(const EngineEvent& event) override { events_.push_back(event); }
  const std::vector<EngineEvent>& events() const { return events_; }
  void clear() { events_.clear(); }

 private:
  std::vector<EngineEvent> events_;
};

// Discards everything (benchmarks, runs whose only output is the run state).
class NullSink final : public EventSink {
 public:
  void on_event(const EngineEvent&) override {}
};

}  // namespace orchsim
