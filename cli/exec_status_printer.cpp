#include "cli/exec_status_printer.h"

#include <ctime>
#include <variant>

#include <fmt/format.h>

namespace orchsim::cli {

std::string ExecStatusPrinter::stamp(SimTime t) const {
  const std::int64_t us = epoch_unix_us_ + t.micros();
  const std::time_t seconds = static_cast<std::time_t>(us / 1'000'000);
  std::tm local{};
  localtime_r(&seconds, &local);
  return fmt::format("{:02}:{:02}:{:02}.{:03}", local.tm_hour, local.tm_min, local.tm_sec, (us / 1000) % 1000);
}

std::string ExecStatusPrinter::task_name(RunId run, TaskId task) const {
  const auto job = job_of_run_.find(run.value());
  if (job == job_of_run_.end()) return fmt::format("{}", task);
  const JobSpec& spec = jobs_[job->second.index()];
  const std::string key(spec.dag.key(task));
  const auto child = child_run_.find(run.value());
  return child != child_run_.end() && child->second ? spec.name + "." + key : key;
}

void ExecStatusPrinter::line(SimTime t, const std::string& text) { out_ << stamp(t) << " " << text << "\n" << std::flush; }

void ExecStatusPrinter::on_event(const EngineEvent& e) {
  const SimTime t = e.time;
  std::visit(
      [&](const auto& ev) {
        using E = std::decay_t<decltype(ev)>;
        if constexpr (std::is_same_v<E, RunQueued>) {
          job_of_run_[ev.run.value()] = ev.job;
          child_run_[ev.run.value()] = ev.parent.valid();
          line(t, fmt::format("job {} QUEUED", jobs_[ev.job.index()].name));
        } else if constexpr (std::is_same_v<E, RunStarted>) {
          job_of_run_[ev.run.value()] = ev.job;
          child_run_[ev.run.value()] = ev.parent.valid();
          line(t, fmt::format("job {} RUNNING", jobs_[ev.job.index()].name));
        } else if constexpr (std::is_same_v<E, RunFinished>) {
          line(t, fmt::format("job {} {}", jobs_[ev.job.index()].name, to_string(ev.result)));
        } else if constexpr (std::is_same_v<E, AttemptStarted>) {
          number_of_attempt_[ev.attempt.value()] = ev.number;
          const std::string iteration = ev.iteration ? fmt::format(" [{}]", *ev.iteration) : std::string();
          line(t, fmt::format("task {}{} attempt {} PENDING", task_name(ev.run, ev.task), iteration, ev.number));
        } else if constexpr (std::is_same_v<E, AttemptRunning>) {
          line(t, fmt::format("task {} attempt {} RUNNING", task_name(ev.run, ev.task),
                              number_of_attempt_[ev.attempt.value()]));
        } else if constexpr (std::is_same_v<E, AttemptFinished>) {
          const std::string how = ev.result.succeeded ? std::string("SUCCEEDED")
                                                      : fmt::format("FAILED ({})", to_string(ev.result.failure));
          line(t, fmt::format("task {} attempt {} {}", task_name(ev.run, ev.task),
                              number_of_attempt_[ev.attempt.value()], how));
        } else if constexpr (std::is_same_v<E, RetryScheduled>) {
          line(t, fmt::format("task {} WAITING_FOR_RETRY until {}", task_name(ev.run, ev.task), stamp(ev.at)));
        } else if constexpr (std::is_same_v<E, TaskFinished>) {
          line(t, fmt::format("task {} {}", task_name(ev.run, ev.task), to_string(ev.result)));
        } else if constexpr (std::is_same_v<E, ConditionEvaluated>) {
          line(t, fmt::format("task {} condition {}", task_name(ev.run, ev.task),
                              !ev.evaluable ? "not evaluable" : ev.outcome ? "true" : "false"));
        } else if constexpr (std::is_same_v<E, TableCommitted>) {
          line(t, fmt::format("table {} version {} committed by task {}", tables_[ev.table.index()], ev.version,
                              task_name(ev.run, ev.task)));
        } else if constexpr (std::is_same_v<E, RollbackStarted>) {
          line(t, fmt::format("rollback of {} table(s) started", ev.tables));
        } else if constexpr (std::is_same_v<E, TableRestored>) {
          line(t, fmt::format("table {} restored to the content of version {} (new version {})",
                              tables_[ev.table.index()], ev.restored_from, ev.version));
        } else if constexpr (std::is_same_v<E, AlertRaised>) {
          const std::string about = ev.alert.task.valid() ? " task " + task_name(ev.alert.run, ev.alert.task) : "";
          line(t, fmt::format("alert {}{}", to_string(ev.alert.kind), about));
        } else if constexpr (std::is_same_v<E, RepairStarted>) {
          line(t, fmt::format("repair {} started: {} task(s) to rerun", ev.repair, ev.tasks));
        }
      },
      e.body);
}

}  // namespace orchsim::cli
