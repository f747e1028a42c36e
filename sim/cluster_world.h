// ClusterWorld: the simulated compute. Starts clusters when a run first needs them (paying the
// startup delay), hands out executor cores to attempts in FIFO order, runs each attempt for its
// duration (or to its drawn failure point), terminates a job cluster once its run has released it
// and nothing runs on it, and keeps the billing record of every cluster instance.
// One per replication, driven by a SimulatedRuntime; single-threaded.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "engine/ids.h"
#include "engine/rng.h"
#include "engine/runtime.h"
#include "engine/task_runner.h"
#include "models/deployment.h"
#include "models/pricing.h"

namespace orchsim::sim {

// One cluster from request to termination. A compute gets a new instance each time it is needed
// again after terminating (a job cluster cannot be restarted).
struct ClusterInstance {
  ComputeId compute;
  SimTime requested;
  std::optional<SimTime> up;
  std::optional<SimTime> terminated;
  int free_cores = 0;
  bool released = false;
  std::uint32_t running = 0;
  std::deque<AttemptId> waiting;  // attempts waiting for cores, FIFO
  double busy_core_seconds = 0;   // core-seconds given to attempts on this instance
};

// One instance's bill, split at the moment it came up (for the startup/idle/busy cost split).
struct InstanceBill {
  models::Bill startup;
  models::Bill up;
};

struct ClusterEvent {
  enum class Kind : std::uint8_t { kRequested, kUp, kTerminated };
  SimTime time;
  std::uint32_t instance;
  ComputeId compute;
  Kind kind;
};

class ClusterWorld final : public TimerTarget {
 public:
  ClusterWorld(Runtime& runtime, const models::Deployment& deployment, const models::Pricing& pricing,
               Rng failures);

  // Runs `attempt` of workload task `work` on `compute`; reports to `observer` through timers.
  void submit(AttemptId attempt, ComputeId compute, const models::WorkloadTask& work,
              AttemptObserver& observer);
  void kill(AttemptId attempt);
  // The run needs `compute` no more: terminate it once idle.
  void release(ComputeId compute);

  void on_timer(std::uint64_t payload) override;

  const std::vector<ClusterInstance>& instances() const { return instances_; }
  const std::vector<ClusterEvent>& events() const { return events_; }
  // The bill of every instance, each up to its termination (or `end` if still up).
  models::Bill bill(SimTime end) const;
  InstanceBill bill_of(std::uint32_t instance, SimTime end) const;
  // Core-seconds attempts were given (busy), for utilisation.
  double busy_core_seconds() const { return busy_core_seconds_; }
  // Core-seconds one attempt was given (0 if it never ran), for per-task cost attribution.
  double core_seconds_of(AttemptId attempt) const {
    return attempt.index() < attempts_.size() ? attempts_[attempt.index()].core_seconds : 0;
  }

 private:
  enum class TimerKind : std::uint8_t { kClusterUp, kAttemptEnd };
  enum class AttemptPhase : std::uint8_t { kNone, kWaiting, kRunning, kDone };
  struct AttemptSlot {
    AttemptPhase phase = AttemptPhase::kNone;
    bool will_fail = false;
    std::uint32_t instance = 0;
    int cores = 0;
    Duration run_time;
    SimTime started;
    double core_seconds = 0;
    TimerId timer;
    AttemptObserver* observer = nullptr;
  };

  std::uint32_t instance_for(ComputeId compute);
  void grant_waiting(std::uint32_t instance);
  void begin(AttemptId attempt);
  void finish(AttemptId attempt);
  void maybe_terminate(std::uint32_t instance);
  void record(ClusterEvent::Kind kind, std::uint32_t instance);

  Runtime& runtime_;
  const models::Deployment& deployment_;
  const models::Pricing& pricing_;
  Rng failures_;
  std::vector<ClusterInstance> instances_;
  std::vector<std::optional<std::uint32_t>> live_instance_;  // per ComputeId
  std::vector<AttemptSlot> attempts_;                        // per AttemptId
  std::vector<ClusterEvent> events_;
  double busy_core_seconds_ = 0;
};

}  // namespace orchsim::sim
