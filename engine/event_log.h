// JsonlEventLog: an EventSink that writes one JSON object per engine event, one per line, to a
// std::ostream. Field names are stable (reports and `orchsim exec` parse them):
//   every line: "t_us" (integer microseconds), "event" (snake_case event name), "run";
//   then, where the event has them: "job", "job_name", "parent", "task", "task_key", "attempt",
//   "number", "iteration", "compute", "result", "failure", "at_us", "evaluable", "outcome",
//   "table", "version", "restored_from", "scope", "tables", "repair", "tasks", "alert",
//   and for run_finished "queue_us", "setup_us", "execution_us", "cleanup_us", "run_duration_us".
// JSON is written by hand (the engine may include only std and fmt), strings escaped per RFC 8259
// (engine/json_escape.h).
// Loop-thread affinity; the stream must outlive the sink.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/events.h"
#include "engine/job.h"

namespace orchsim {

class JsonlEventLog final : public EventSink {
 public:
  // `jobs` (indexed by JobId) name jobs and tasks in the log.
  JsonlEventLog(std::ostream& out, std::span<const JobSpec> jobs) : out_(out), jobs_(jobs) {}
  void on_event(const EngineEvent& event) override;
  // Names the job of a run whose start this log never saw (a run adopted for a repair,
  // Engine::adopt_finished_run), so its tasks' lines carry their keys.
  void adopt_run(RunId run, JobId job) {
    if (run.index() >= job_of_run_.size()) job_of_run_.resize(run.index() + 1);
    job_of_run_[run.index()] = job;
  }

 private:
  // Each appends its fields to line_.
  void head(const char* name, RunId run);  // "t_us", "event", "run"
  void learn(RunId run, JobId job);        // "job", "job_name"; remembers the run's job
  void parent(RunId parent);
  void task_fields(RunId run, TaskId task);
  void iteration(const std::optional<std::uint32_t>& iteration);
  void alert(const char* name, const Alert& alert);
  // The fields of one event type (a specialisation per EngineEvent alternative, in the .cpp).
  template <class Event>
  void write(const Event& event);

  std::ostream& out_;
  std::span<const JobSpec> jobs_;
  std::vector<JobId> job_of_run_;  // learnt from RunQueued / RunStarted / RunFinished
  std::string line_;
  SimTime time_;  // of the event being written
};

}  // namespace orchsim
