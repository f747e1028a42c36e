#include "engine/event_log.h"

#include <fmt/format.h>

#include "engine/json_escape.h"

namespace orchsim {

void JsonlEventLog::task_fields(RunId run, TaskId task) {
  line_ += fmt::format(",\"task\":{}", task.value());
  if (run.index() < job_of_run_.size() && job_of_run_[run.index()].valid()) {
    const JobSpec& job = jobs_[job_of_run_[run.index()].index()];
    if (task.index() < job.dag.size()) line_ += ",\"task_key\":" + json_string(job.dag.key(task));
  }
}

void JsonlEventLog::head(const char* name, RunId run) {
  line_ += fmt::format("{{\"t_us\":{},\"event\":\"{}\",\"run\":{}", time_.micros(), name, run.value());
}

void JsonlEventLog::learn(RunId run, JobId job) {
  if (run.index() >= job_of_run_.size()) job_of_run_.resize(run.index() + 1);
  job_of_run_[run.index()] = job;
  line_ += fmt::format(",\"job\":{}", job.value());
  if (job.index() < jobs_.size()) line_ += ",\"job_name\":" + json_string(jobs_[job.index()].name);
}

void JsonlEventLog::parent(RunId p) {
  if (p.valid()) line_ += fmt::format(",\"parent\":{}", p.value());
}

void JsonlEventLog::iteration(const std::optional<std::uint32_t>& i) {
  if (i) line_ += fmt::format(",\"iteration\":{}", *i);
}

void JsonlEventLog::alert(const char* name, const Alert& a) {
  head(name, a.run);
  line_ += fmt::format(",\"job\":{},\"alert\":\"{}\"", a.job.value(), to_string(a.kind));
  if (a.task.valid()) {
    task_fields(a.run, a.task);
    line_ += fmt::format(",\"number\":{}", a.attempt);
    if (a.task_result != TaskResult::kNone) line_ += fmt::format(",\"result\":\"{}\"", to_string(a.task_result));
  } else if (a.job_result != JobResult::kNone) {
    line_ += fmt::format(",\"result\":\"{}\"", to_string(a.job_result));
  }
}

// One write() per event type: the line's fields after "{" and before "}".
template <>
void JsonlEventLog::write(const RunQueued& v) {
  head("run_queued", v.run);
  learn(v.run, v.job);
  parent(v.parent);
}

template <>
void JsonlEventLog::write(const RunStarted& v) {
  head("run_started", v.run);
  learn(v.run, v.job);
  parent(v.parent);
}

template <>
void JsonlEventLog::write(const RunFinished& v) {
  head("run_finished", v.run);
  learn(v.run, v.job);
  line_ += fmt::format(",\"result\":\"{}\",\"queue_us\":{},\"setup_us\":{},\"execution_us\":{},"
                       "\"cleanup_us\":{},\"run_duration_us\":{}",
                       to_string(v.result), v.timing.queue.micros(), v.timing.setup.micros(),
                       v.timing.execution.micros(), v.timing.cleanup.micros(), v.timing.run_duration.micros());
}

template <>
void JsonlEventLog::write(const TaskStarted& v) {
  head("task_started", v.run);
  task_fields(v.run, v.task);
}

template <>
void JsonlEventLog::write(const AttemptStarted& v) {
  head("attempt_started", v.run);
  task_fields(v.run, v.task);
  line_ += fmt::format(",\"attempt\":{},\"number\":{}", v.attempt.value(), v.number);
  if (v.compute.valid()) line_ += fmt::format(",\"compute\":{}", v.compute.value());
  iteration(v.iteration);
}

template <>
void JsonlEventLog::write(const AttemptRunning& v) {
  head("attempt_running", v.run);
  task_fields(v.run, v.task);
  line_ += fmt::format(",\"attempt\":{}", v.attempt.value());
}

template <>
void JsonlEventLog::write(const AttemptFinished& v) {
  head("attempt_finished", v.run);
  task_fields(v.run, v.task);
  line_ += fmt::format(",\"attempt\":{},\"result\":\"{}\"", v.attempt.value(), v.result.succeeded ? "SUCCESS" : "FAILED");
  if (!v.result.succeeded) line_ += fmt::format(",\"failure\":\"{}\"", to_string(v.result.failure));
}

template <>
void JsonlEventLog::write(const RetryScheduled& v) {
  head("retry_scheduled", v.run);
  task_fields(v.run, v.task);
  line_ += fmt::format(",\"at_us\":{}", v.at.micros());
  iteration(v.iteration);
}

template <>
void JsonlEventLog::write(const IterationFinished& v) {
  head("iteration_finished", v.run);
  task_fields(v.run, v.task);
  line_ += fmt::format(",\"iteration\":{},\"result\":\"{}\"", v.iteration, to_string(v.result));
}

template <>
void JsonlEventLog::write(const TaskFinished& v) {
  head("task_finished", v.run);
  task_fields(v.run, v.task);
  line_ += fmt::format(",\"result\":\"{}\"", to_string(v.result));
}

template <>
void JsonlEventLog::write(const ConditionEvaluated& v) {
  head("condition_evaluated", v.run);
  task_fields(v.run, v.task);
  line_ += fmt::format(",\"evaluable\":{}", v.evaluable);
  if (v.evaluable) line_ += fmt::format(",\"outcome\":{}", v.outcome);
}

template <>
void JsonlEventLog::write(const TableCommitted& v) {
  head("table_committed", v.run);
  task_fields(v.run, v.task);
  line_ += fmt::format(",\"attempt\":{},\"table\":{},\"version\":{}", v.attempt.value(), v.table.value(), v.version);
}

template <>
void JsonlEventLog::write(const RollbackStarted& v) {
  head("rollback_started", v.run);
  line_ += fmt::format(",\"scope\":\"{}\",\"tables\":{}", to_string(v.scope), v.tables);
}

template <>
void JsonlEventLog::write(const TableRestored& v) {
  head("table_restored", v.run);
  line_ += fmt::format(",\"table\":{},\"restored_from\":{},\"version\":{}", v.table.value(), v.restored_from,
                       v.version);
}

template <>
void JsonlEventLog::write(const AlertRaised& v) {
  alert("alert_raised", v.alert);
}

template <>
void JsonlEventLog::write(const AlertSuppressed& v) {
  alert("alert_suppressed", v.alert);
}

template <>
void JsonlEventLog::write(const RepairStarted& v) {
  head("repair_started", v.run);
  line_ += fmt::format(",\"repair\":{},\"tasks\":{}", v.repair, v.tasks);
}

void JsonlEventLog::on_event(const EngineEvent& e) {
  line_.clear();
  time_ = e.time;
  std::visit([this](const auto& body) { write(body); }, e.body);
  line_ += "}\n";
  out_ << line_;
}

}  // namespace orchsim
