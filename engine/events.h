// EngineEvent: what the engine tells the world, as typed values with the time they happened.
// Metrics, traces, the cluster world and reports consume them through an EventSink; the engine
// never computes a report number itself. Events are plain values (no heap), so emitting one costs
// a virtual call. Loop-thread affinity: sinks are called on the runtime's loop thread.
#pragma once

#include <variant>
#include <vector>

#include "engine/ids.h"
#include "engine/run_result.h"
#include "engine/task_runner.h"
#include "engine/time.h"

namespace orchsim {

struct RunStarted {
  RunId run;
  JobId job;
  RunId parent;  // the run whose run_job task started this one; invalid for a top-level run
};
struct RunFinished {
  RunId run;
  JobId job;
  JobResult result;
};
struct AttemptStarted {
  RunId run;
  TaskId task;
  AttemptId attempt;
  std::uint32_t number;
  ComputeId compute;
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
};
struct TaskFinished {
  RunId run;
  TaskId task;
  TaskResult result;
};

using EngineEventBody = std::variant<RunStarted, RunFinished, AttemptStarted, AttemptRunning,
                                     AttemptFinished, RetryScheduled, TaskFinished>;

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

 private:
  std::vector<EngineEvent> events_;
};

// Discards everything (benchmarks, runs whose only output is the run state).
class NullSink final : public EventSink {
 public:
  void on_event(const EngineEvent&) override {}
};

}  // namespace orchsim
