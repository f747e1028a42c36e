// ClusterWorld: the simulated compute the engine's attempts run on. It composes the models/
// pieces into cluster life cycles (DOMAIN.md §2–4):
//  - job clusters start when a run first needs them and terminate once released and idle; one
//    dies → the next attempt gets a new instance with a new startup;
//  - new_cluster and serverless computes get one instance per attempt;
//  - all-purpose clusters are up at t = 0, billed at All-Purpose rates, and auto-terminate when idle
//    (a later need restarts them, paying a startup);
//  - instance pools hand out idle instances (warm start when all nodes are idle, cold otherwise),
//    keep min_idle, release extra idle instances after a timeout, and bill idle VMs;
//  - autoscaling adds workers after a delay when there is a backlog and removes unused ones.
// Attempts share a cluster's executor cores max-min fairly (work in core-seconds at reference
// speed, each with a maximum parallelism); rates are recomputed only when the running set changes,
// and completion timers are then cancelled and rescheduled. Memory above the cluster's slows every
// attempt (spill) and raises the driver's OOM hazard. Faults — own task failures, driver crashes,
// OOM crashes, spot loss, launch failures, scripted faults — each draw from their own Rng stream and
// are recorded as FaultEvents naming what they hit.
// One per replication, driven by a SimulatedRuntime; single-threaded. No allocation per event once
// its vectors have grown to the replication's working set.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "engine/ids.h"
#include "engine/rng.h"
#include "engine/runtime.h"
#include "engine/task_runner.h"
#include "models/deployment.h"
#include "models/faults.h"
#include "models/world_model.h"

namespace orchsim::sim {

// One cluster from request to termination. A compute gets a new instance each time it is needed
// again after terminating (a job cluster cannot be restarted).
struct ClusterInstance {
  enum class End : std::uint8_t { kNone, kReleased, kIdle, kCrashed, kLaunchFailed };
  ComputeId compute;
  SimTime requested;
  std::optional<SimTime> up;
  std::optional<SimTime> terminated;
  End end = End::kNone;
  bool warm = false;              // pool: every node came from idle instances
  bool single_use = false;        // new_cluster / serverless: ends with its attempt
  bool released = false;
  bool launch_fails = false;
  bool driver_spot = false;
  bool spot = false;              // workers beyond the first `on_demand_workers` run on spot
  bool spot_in_notice = false;    // a spot node has its notice: spot_timer is its loss
  int on_demand_workers = 0;
  int workers = 0;                // usable now
  int starting_workers = 0;       // requested (autoscaling, replacements), not usable yet
  std::vector<AttemptId> running;
  std::vector<AttemptId> dispatching;  // holding a context, setting up
  std::deque<AttemptId> waiting;  // for the cluster to come up or a context, FIFO
  // Billing and utilisation, integrated in node-microseconds since `accrued`.
  std::int64_t on_demand_up_us = 0, spot_up_us = 0, on_demand_starting_us = 0, spot_starting_us = 0;
  double worker_core_seconds = 0;  // worker cores × up time: paid capacity
  double busy_core_seconds = 0;    // core-seconds given to attempts on this instance
  SimTime accrued;
  TimerId crash_timer, oom_timer, spot_timer, scale_up_timer, scale_down_timer, idle_timer;

  // Of `n` workers, how many are spot: the on-demand ones come first, whichever worker went or
  // joined (a replacement or scale-up is bought as the configuration says, spot beyond them).
  int spot_workers(int n) const { return spot ? std::max(0, n - on_demand_workers) : 0; }
  int spot_workers() const { return spot_workers(workers); }
};

// One instance's bill, split into what it cost while starting (including workers being added)
// and while up, for the startup/idle/busy cost split.
struct InstanceBill {
  models::Bill startup;
  models::Bill up;
};

struct ClusterEvent {
  enum class Kind : std::uint8_t { kRequested, kUp, kTerminated, kResized };
  SimTime time;
  std::uint32_t instance;
  ComputeId compute;
  Kind kind;
  int workers = 0;  // usable workers after the event
};

// One injected fault and what it hit.
struct FaultEvent {
  SimTime time;
  models::FaultKind kind;
  ComputeId compute;                      // invalid when it hit no cluster (scripted, nothing live)
  std::optional<std::uint32_t> instance;
  AttemptId attempt;                      // own task failures: the attempt
  std::uint32_t attempts_hit = 0;         // attempts failed (crashes) or slowed (worker loss)
};

class ClusterWorld final : public TimerTarget {
 public:
  // Fault and startup processes draw from streams named after them under (seed, replication).
  ClusterWorld(Runtime& runtime, const models::Deployment& deployment, const models::WorldModel& model,
               std::uint64_t seed, std::uint64_t replication);

  // Runs `attempt` of workload task `work` on `compute`; reports to `observer` through timers.
  void submit(AttemptId attempt, ComputeId compute, const models::WorkloadTask& work, AttemptObserver& observer);
  void kill(AttemptId attempt);
  // The run needs `compute` no more: a job cluster terminates once idle.
  void release(ComputeId compute);

  void on_timer(std::uint64_t payload) override;

  const std::vector<ClusterInstance>& instances() const { return instances_; }
  const std::vector<ClusterEvent>& events() const { return events_; }
  const std::vector<FaultEvent>& faults() const { return faults_; }
  // The bill of every instance, each up to its termination (or `end` if still up), plus pool idle
  // instances up to `end` (in vm_usd and pool_idle_usd).
  models::Bill bill(SimTime end) const;
  InstanceBill bill_of(std::uint32_t instance, SimTime end) const;
  // What the pools' idle instances cost up to `end` (VM only).
  double pool_idle_usd(SimTime end) const;
  // Core-seconds one attempt was given (0 if it never ran), for per-task cost attribution.
  double core_seconds_of(AttemptId attempt) const {
    return attempt.index() < attempts_.size() ? attempts_[attempt.index()].core_seconds : 0;
  }
  // Running time one attempt lost to sharing its cluster's cores with others (0 if it ran alone).
  double shared_seconds_of(AttemptId attempt) const {
    return attempt.index() < attempts_.size() ? attempts_[attempt.index()].shared_seconds : 0;
  }
  // Core-seconds attempts were given (busy), for utilisation.
  double busy_core_seconds() const { return busy_core_seconds_; }

 private:
  enum class TimerKind : std::uint8_t {
    kClusterUp, kDispatched, kAttemptEnd, kDriverCrash, kOomCrash, kSpotNotice, kSpotLoss,
    kScaleUp, kScaleDown, kWorkerJoin, kIdleTerminate, kPoolRefill, kPoolRelease, kScripted,
  };
  enum class Phase : std::uint8_t { kNone, kWaiting, kDispatching, kRunning, kDone };
  struct AttemptSlot {
    Phase phase = Phase::kNone;
    std::uint32_t instance = 0;
    double work_left = 0;   // core-seconds at reference speed until it ends (success or failure point)
    double work_done = 0;   // since its start or its cluster's latest worker loss (what a loss puts at risk)
    double demand = 1;      // most cores it can use
    double mem_gib = 0;
    double mismatch = 1;    // slowdown for a node type other than the preferred one
    double cores = 0;       // its fair share now
    double rate = 0;        // reference core-seconds per second now
    double core_seconds = 0;  // cores given so far, integrated
    double alone = 0;         // cores it would get with the cluster to itself: min(demand, capacity)
    double shared_seconds = 0;  // ∫ (1 − cores / alone) dt: running time lost to sharing cores
    SimTime last;
    std::optional<FailureKind> failure;  // its own failure at the end of work_left
    TimerId timer;
    AttemptObserver* observer = nullptr;
  };
  struct PoolState {
    std::deque<SimTime> idle_since;  // one per idle instance, oldest first
    int refilling = 0;
    std::int64_t idle_node_us = 0;
    SimTime accrued;
    TimerId release_timer;
  };

  static std::uint64_t encode(TimerKind kind, std::uint32_t index, std::uint32_t aux = 0);
  const models::ComputeSpec& spec_of(std::uint32_t instance) const {
    return deployment_.computes[instances_[instance].compute.index()];
  }
  std::uint32_t new_instance(ComputeId compute, bool already_up);
  void cluster_up(std::uint32_t instance);
  void admit(std::uint32_t instance);
  void start_running(AttemptId attempt);
  void advance(std::uint32_t instance);
  void reshare(std::uint32_t instance);
  void autoscale(std::uint32_t instance);
  void end_attempt(AttemptId attempt);
  void crash(std::uint32_t instance, models::FaultKind fault, FailureKind failure);
  void lose_worker(std::uint32_t instance, models::FaultKind fault, bool replace);
  void maybe_terminate(std::uint32_t instance);
  void terminate(std::uint32_t instance, ClusterInstance::End end);
  void accrue(ClusterInstance& c) const;
  void schedule_driver_crash(std::uint32_t instance);
  void schedule_spot_loss(std::uint32_t instance);
  int spot_nodes(const ClusterInstance& c) const { return c.spot_workers() + (c.driver_spot ? 1 : 0); }
  void redraw_spot_loss(std::uint32_t instance, int spot_before);
  void accrue_pool(PoolState& p) const;
  void pool_return(std::uint32_t pool, int nodes);
  void pool_refill(std::uint32_t pool);
  void record(ClusterEvent::Kind kind, std::uint32_t instance);

  Runtime& runtime_;
  const models::Deployment& deployment_;
  const models::WorldModel& model_;
  Rng task_failures_, startups_, driver_crashes_, oom_crashes_, spot_, launches_;
  std::vector<ClusterInstance> instances_;
  std::vector<std::optional<std::uint32_t>> live_instance_;  // per ComputeId
  std::vector<AttemptSlot> attempts_;                        // per AttemptId
  std::vector<PoolState> pools_;
  std::vector<ClusterEvent> events_;
  std::vector<FaultEvent> faults_;
  std::vector<double> demands_, shares_;  // scratch for reshare
  std::vector<AttemptId> victims_;        // scratch for crash
  double busy_core_seconds_ = 0;
};

}  // namespace orchsim::sim
