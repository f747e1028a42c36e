// JobSpec: one job definition as the engine runs it: a validated Dag plus per-task settings,
// indexed by TaskId. Built by models::plan (simulation) or the live loader; immutable while runs
// of it exist. Names appear only for messages and reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/dag.h"
#include "engine/ids.h"
#include "engine/retry.h"
#include "engine/time.h"
#include "engine/trigger.h"

namespace orchsim {

enum class TaskKind : std::uint8_t {
  kWork,    // notebook / python / jar / sql …: an attempt on some compute, through the TaskRunner
  kRunJob,  // starts a run of another job and takes its outcome (how "multiple jobs" is modelled)
};

struct TaskSpec {
  TaskKind kind = TaskKind::kWork;
  RunIf run_if = RunIf::kAllSuccess;
  RetryPolicy retry;
  std::optional<Duration> timeout;  // per attempt, counted from the attempt's start (incl. setup)
  ComputeId compute;                // kWork: where attempts run
  JobId child_job;                  // kRunJob: the job to run
  Duration trigger_latency;         // kRunJob: from dispatch to the child run's start
};

struct JobSpec {
  std::string name;
  Dag dag;
  std::vector<TaskSpec> tasks;  // tasks[t.index()] for every TaskId t of dag
};

}  // namespace orchsim
