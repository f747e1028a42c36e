// TaskRunner: the seam that decides how an attempt happens. The engine asks it to start and kill
// attempts; it reports back through an AttemptObserver. SimTaskRunner (sim/) asks the simulated
// cluster world (startup, contention, faults); the live process runner (engine/live/) spawns a real
// command. Loop-thread affinity: every call and callback happens on the runtime's loop thread, and
// callbacks never happen from inside start() or kill() (they arrive through the Runtime).
#pragma once

#include <cstdint>
#include <optional>

#include "engine/ids.h"
#include "engine/time.h"

namespace orchsim {

// Why an attempt failed. Simulated failures are values, never exceptions.
enum class FailureKind : std::uint8_t {
  kTaskError,      // the task's own code failed (transient, retryable by default)
  kTimeout,        // the engine killed it at its timeout
  kClusterLost,    // driver crash / cluster terminated under it (infrastructure)
  kLaunchFailure,  // the compute could not be provisioned (infrastructure)
  kPreempted,      // spot capacity reclaimed (infrastructure)
  kPermanent,      // a failure no retry can fix (bad code, bad data): never retried
  kCanceled,       // killed because its run was canceled
  kGateFailed,     // the work succeeded but its quality gate rejected it: permanent, never retried
};

const char* to_string(FailureKind kind);

struct AttemptResult {
  bool succeeded = true;
  FailureKind failure = FailureKind::kTaskError;  // meaningful only when !succeeded

  static constexpr AttemptResult success() { return {}; }
  static constexpr AttemptResult failed(FailureKind kind) { return {false, kind}; }
};

struct AttemptRequest {
  AttemptId attempt;
  RunId run;
  JobId job;
  TaskId task;
  ComputeId compute;       // where the deployment placed the task
  std::uint32_t number = 1;  // 1 for the first attempt, +1 per retry (numbering continues in repairs)
  std::optional<std::uint32_t> iteration;  // for_each: which input this attempt runs (0-based)
};

class AttemptObserver {
 public:
  // Setup is over (compute up, context created): the attempt's code begins executing.
  virtual void attempt_running(AttemptId attempt) = 0;
  // The attempt ended by itself. Never called for an attempt after kill() for it returned.
  virtual void attempt_finished(AttemptId attempt, AttemptResult result) = 0;

 protected:
  ~AttemptObserver() = default;
};

class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  virtual void start(const AttemptRequest& request, AttemptObserver& observer) = 0;
  // Stops an attempt that has not finished; no callback follows for it.
  virtual void kill(AttemptId attempt) = 0;
  // The run will start no more attempts on this compute unless it is repaired: a job cluster may
  // terminate once its running attempts end (Databricks terminates a job cluster after the last
  // task that uses it).
  virtual void release(RunId run, ComputeId compute) = 0;
};

}  // namespace orchsim
