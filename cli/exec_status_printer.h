// ExecStatusPrinter: the EventSink behind `orchsim exec`'s console: one line per state change,
// stamped with the local wall-clock time (`12:00:01.234 task ingest attempt 1 RUNNING`), for
// runs, attempts, tasks, retries, commits, rollbacks, repairs and alerts. Loop thread only.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <span>
#include <string>

#include "engine/events.h"
#include "engine/job.h"

namespace orchsim::cli {

class ExecStatusPrinter final : public EventSink {
 public:
  // `epoch_unix_us`: the wall-clock time of SimTime zero; `tables` name TableIds.
  ExecStatusPrinter(std::ostream& out, std::span<const JobSpec> jobs, std::span<const std::string> tables,
                    std::int64_t epoch_unix_us)
      : out_(out), jobs_(jobs), tables_(tables), epoch_unix_us_(epoch_unix_us) {}
  void on_event(const EngineEvent& event) override;
  // A run adopted for a repair (no RunStarted event names its job).
  void adopt_run(RunId run, JobId job) { job_of_run_[run.value()] = job; }

 private:
  std::string stamp(SimTime t) const;
  std::string task_name(RunId run, TaskId task) const;
  void line(SimTime t, const std::string& text);

  std::ostream& out_;
  std::span<const JobSpec> jobs_;
  std::span<const std::string> tables_;
  std::int64_t epoch_unix_us_;
  std::map<std::uint32_t, JobId> job_of_run_;
  std::map<std::uint32_t, std::uint32_t> number_of_attempt_;
  std::map<std::uint32_t, bool> child_run_;  // started by a run_job task: its tasks print as job.task
};

}  // namespace orchsim::cli
