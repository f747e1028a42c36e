// ClusterWorld: the simulated compute the engine's attempts run on. It composes the models/
// pieces into cluster life cycles (docs/model.md §2–5):
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
// Its code is split by concern: cluster_world.cpp (the public calls and the timer dispatch),
// cluster_world_lifecycle.cpp (start, up, autoscale, terminate, pools, billing),
// cluster_world_placement.cpp (admission, dispatch, core and memory contention) and
// cluster_world_faults.cpp (own failures, crashes, spot, launch failures, scripted faults).
// One per replication, driven by a SimulatedRuntime; single-threaded. No allocation per event once
// its vectors have grown to the replication's working set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/ids.h"
#include "engine/rng.h"
#include "engine/runtime.h"
#include "engine/task_command.h"
#include "engine/task_runner.h"
#include "models/deployment.h"
#include "models/faults.h"
#include "models/world_model.h"
#include "sim/world/attempt_queue.h"
#include "sim/world/cluster_event.h"
#include "sim/world/cluster_instance.h"
#include "sim/world/fault_event.h"
#include "sim/world/node_time.h"
#include "sim/world/slot_pool.h"

namespace orchsim::sim {

// One instance's bill, split into what it cost while starting (including workers being added)
// and while up, for the startup/idle/busy cost split.
struct InstanceBill {
  models::Bill startup;
  models::Bill up;
};

class ClusterWorld final : public TimerTarget {
 public:
  // Fault and startup processes draw from streams named after them under (seed, replication).
  // `keep_events`: keep the event log (events()), which only a world trace reads; off, it costs
  // nothing (it would be three records per instance, one instance per task under multi_job).
  ClusterWorld(Runtime& runtime, const models::Deployment& deployment, const models::WorldModel& model,
               std::uint64_t seed, std::uint64_t replication, bool keep_events = false);

  // Runs `attempt` of `run`'s workload task `work` on `compute`; reports to `observer` through
  // timers. A job cluster is per run: two concurrent runs of one job get one each. The attempt's
  // own failure is drawn from the "task_failures" child stream keyed by `draw_key` (the caller's
  // (task, run of the task, iteration, attempt number)), so it does not depend on event order;
  // its quality gate's verdict likewise from the "gate" stream.
  void submit(AttemptId attempt, RunId run, ComputeId compute, const models::WorkloadTask& work,
              std::uint64_t draw_key, AttemptObserver& observer);
  void kill(AttemptId attempt);
  // `run` needs `compute` no more: its job cluster terminates once idle.
  void release(RunId run, ComputeId compute);

  void on_timer(std::uint64_t payload) override;

  // The instance records, one per instance requested, in request order; terminated ones keep only
  // what billing, metrics and timelines read.
  const std::vector<ClusterInstance>& instances() const { return instances_; }
  // Moves the instance records out, for a caller done with the world (run_replication builds the
  // timeline from them after freeing the world and the engine); instances() is empty afterwards.
  std::vector<ClusterInstance> take_instances() { return std::exchange(instances_, {}); }
  // Empty unless the world was made with keep_events.
  const std::vector<ClusterEvent>& events() const { return events_; }
  const std::vector<FaultEvent>& faults() const { return faults_; }
  // The bill of every instance, each up to its termination (or `end` if still up), plus the pools'
  // idle instances above min_idle up to `end` (in vm_usd and pool_idle_usd) and the run's share of
  // their min_idle instances (in vm_usd and pool_standing_usd).
  models::Bill bill(SimTime end) const;
  // Serverless: its task's cores at the serverless rate while up. An all-purpose cluster billed by
  // use: its $ per core-second × the core-seconds attempts held on it (all "up", no startup).
  InstanceBill bill_of(std::uint32_t instance, SimTime end) const;
  // The node time an instance was billed for, up to its termination (or now if still live).
  NodeTime node_time(std::uint32_t instance) const;
  // How many terminated instances had node time other than their steady one (kept apart).
  std::size_t irregular_node_times() const { return irregular_.size(); }
  // What pool `pool`'s idle instances above min_idle cost up to `end` (VM only): the min_idle ones
  // are its standing cost, billed by pool_standing_usd instead, so none is counted twice.
  double pool_idle_usd(std::uint32_t pool, SimTime end) const;
  // The run's share of pool `pool`'s min_idle instances, up around the clock (models::pool_standing_usd).
  double pool_standing_usd(std::uint32_t pool) const;
  // Core-seconds one attempt was given (0 if it never ran), for per-task cost attribution.
  double core_seconds_of(AttemptId attempt) const { return use_of(attempt).core_seconds; }
  // Running time one attempt lost to sharing its cluster's cores with others (0 if it ran alone).
  double shared_seconds_of(AttemptId attempt) const { return use_of(attempt).shared_seconds; }
  // Frees what only live clusters and attempts need (per compute and per attempt), once every
  // instance has terminated (the run is over): the records above stay.
  void drop_live_state();
  // Core-seconds attempts were given (busy), for utilisation.
  double busy_core_seconds() const { return busy_core_seconds_; }

 private:
  // Why an instance terminated.
  enum class End : std::uint8_t { kReleased, kIdle, kCrashed, kLaunchFailed };
  // kDriverCrash … kIdleTerminate are timers of a live cluster: dropped once it has terminated.
  enum class TimerKind : std::uint8_t {
    kClusterUp, kDispatched, kAttemptEnd, kDriverCrash, kOomCrash, kSpotNotice, kSpotLoss,
    kScaleUp, kScaleDown, kWorkerJoin, kIdleTerminate, kPoolRefill, kPoolRelease, kScripted,
  };
  static constexpr std::uint32_t kNoInstance = UINT32_MAX;
  enum class Phase : std::uint8_t { kWaiting, kDispatching, kRunning };
  // What an attempt was given, kept after it ends.
  struct AttemptUse {
    double core_seconds = 0;    // cores given, integrated
    double shared_seconds = 0;  // ∫ (1 − cores / alone) dt: running time lost to sharing cores
  };
  // An attempt's state while it waits or runs, in a slot freed when it ends.
  struct AttemptSlot {
    Phase phase = Phase::kWaiting;
    std::uint32_t instance = 0;
    double work_left = 0;   // core-seconds at reference speed until it ends (success or failure point)
    double work_done = 0;   // since its start or its cluster's latest worker loss (what a loss puts at risk)
    double demand = 1;      // most cores it can use
    double mem_gib = 0;
    double mismatch = 1;    // slowdown for a node type other than the preferred one
    double cores = 0;       // its fair share now
    double rate = 0;        // reference core-seconds per second now
    double alone = 0;       // cores it would get with the cluster to itself: min(demand, capacity)
    SimTime last;
    std::optional<FailureKind> failure;  // its own failure at the end of work_left
    TimerId timer;
    AttemptObserver* observer = nullptr;
    AttemptUse use;         // so far; its AttemptRecord's once it ends
  };
  // Per AttemptId: once ended (or before it starts), what it was given; while it waits or runs,
  // its AttemptSlot (which sums what it is given), as core_seconds = −1 − slot. One record for
  // both saves an index per attempt: core-seconds are never negative.
  struct AttemptRecord {
    AttemptUse use;
    bool live() const { return use.core_seconds < 0; }
    std::uint32_t slot() const { return static_cast<std::uint32_t>(-1.0 - use.core_seconds); }
    void set_slot(std::uint32_t slot) { use = {-1.0 - slot, 0}; }
  };
  // A cluster instance's state while it has not terminated, in a slot freed when it does (and
  // reused by a later instance: new_instance resets it).
  struct ClusterState {
    std::vector<AttemptId> running;
    std::vector<AttemptId> dispatching;  // holding a context, setting up
    AttemptQueue waiting;                // for the cluster to come up or a context, FIFO
    TimerId crash_timer, oom_timer, spot_timer, scale_up_timer, scale_down_timer, idle_timer;
    NodeTime node_time;                  // billed so far, up to `accrued`
    SimTime accrued;
    int workers = 0;                     // usable now
    int starting_workers = 0;            // requested (autoscaling, replacements), not usable yet
    bool released = false;               // a job cluster's run needs it no more
    bool launch_fails = false;           // drawn at its request, seen when it would come up
    bool spot_in_notice = false;         // a spot node has its notice: spot_timer is its loss
  };
  struct PoolState {
    std::deque<SimTime> idle_since;  // one per idle instance, oldest first
    int refilling = 0;
    std::int64_t idle_node_us = 0;
    SimTime accrued;
    TimerId release_timer;
  };

  static std::uint64_t encode(TimerKind kind, std::uint32_t index, std::uint32_t aux = 0);
  // An exponential delay for a rate given per hour.
  static Duration exponential_delay(Rng& rng, double per_hour) {
    return Duration::from_seconds(rng.exponential(per_hour / 3600.0));
  }
  const models::ComputeSpec& spec_of(std::uint32_t instance) const {
    return deployment_.computes[instances_[instance].compute.index()];
  }
  // Of `n` workers of `c`, how many are spot, as its spec buys them: with spot workers, the first
  // `first_on_demand - 1` are on-demand, whichever worker went or joined (a replacement or
  // scale-up is bought as the configuration says, spot beyond them).
  int spot_workers(const ClusterInstance& c, int n) const;
  // Spot nodes of `c` with `workers` workers: spot workers and a spot driver.
  int spot_nodes(const ClusterInstance& c, int workers) const;
  bool driver_spot(const ClusterInstance& c) const;
  // A new_cluster or serverless instance: it ends with its attempt.
  bool single_use(std::uint32_t instance) const { return spec_of(instance).traits().per_attempt; }
  void record(ClusterEvent::Kind kind, std::uint32_t instance);
  // The live state of a cluster instance not yet terminated, of an attempt not yet ended.
  ClusterState& state(std::uint32_t instance) { return states_[instances_[instance].slot]; }
  const ClusterState& state(std::uint32_t instance) const { return states_[instances_[instance].slot]; }
  AttemptSlot& slot(AttemptId attempt) { return slots_[attempts_[attempt.index()].slot()]; }
  const AttemptSlot& slot(AttemptId attempt) const { return slots_[attempts_[attempt.index()].slot()]; }
  const AttemptUse& use_of(AttemptId attempt) const {
    static constexpr AttemptUse kNone;
    if (attempt.index() >= attempts_.size()) return kNone;
    const AttemptRecord& r = attempts_[attempt.index()];
    return r.live() ? slots_[r.slot()].use : r.use;
  }

  // Life cycle (cluster_world_lifecycle.cpp).
  std::uint32_t new_instance(ComputeId compute, RunId run, bool already_up);
  // The live instance of `compute` that `run` may use (a job cluster only its own run's), if any.
  std::optional<std::uint32_t> live_for(ComputeId compute, RunId run) const;
  Duration draw_startup(std::uint32_t instance);
  void cluster_up(std::uint32_t instance);
  double demand_on(const ClusterState& s) const;
  void autoscale(std::uint32_t instance);
  void workers_joined(std::uint32_t instance, int joined);
  void on_scale_up(std::uint32_t instance, int added);
  void on_scale_down(std::uint32_t instance);
  void on_idle_terminate(std::uint32_t instance);
  void maybe_terminate(std::uint32_t instance);
  void terminate(std::uint32_t instance, End end);
  // Brings a live instance's billing integrals up to now.
  void accrue(std::uint32_t instance);
  // Adds `dt` µs of `c` as it is (up or starting, `workers` usable, `starting_workers` more
  // starting) to `t` and to its paid core-seconds.
  void integrate(ClusterInstance& c, NodeTime& t, std::int64_t dt, int workers, int starting_workers) const;
  // A terminated instance's node time had it kept its configured nodes from its request on and
  // none starting while up: (up − requested) starting and (terminated − up) up, × those nodes.
  NodeTime steady_node_time(const ClusterInstance& c) const;
  std::int64_t billed_idle(std::uint32_t pool) const;
  void accrue_pool(std::uint32_t pool);
  double pool_vm_usd_per_hour(std::uint32_t pool) const;
  void pool_return(std::uint32_t pool, int nodes);
  void pool_refill(std::uint32_t pool);
  void on_pool_refilled(std::uint32_t pool, int nodes);
  void on_pool_release(std::uint32_t pool);

  // Placement and contention (cluster_world_placement.cpp).
  void admit(std::uint32_t instance);
  void start_running(AttemptId attempt);
  void advance(std::uint32_t instance);
  void reshare(std::uint32_t instance);
  void end_attempt(AttemptId attempt);
  void on_attempt_end(AttemptId attempt);

  // Faults (cluster_world_faults.cpp).
  void draw_own_failure(AttemptSlot& a, const models::WorkloadTask& work, std::uint64_t draw_key) const;
  void draw_gate(AttemptSlot& a, const QualityGate& gate, std::uint64_t draw_key) const;
  void crash(std::uint32_t instance, models::FaultKind fault, FailureKind failure);
  void lose_worker(std::uint32_t instance, models::FaultKind fault, bool replace);
  void schedule_driver_crash(std::uint32_t instance);
  void schedule_spot_loss(std::uint32_t instance);
  void redraw_spot_loss(std::uint32_t instance, int spot_before);
  void on_driver_crash(std::uint32_t instance);
  void on_oom_crash(std::uint32_t instance);
  void on_spot_notice(std::uint32_t instance);
  void on_spot_loss(std::uint32_t instance, bool driver);
  void on_scripted(std::uint32_t fault);

  Runtime& runtime_;
  const models::Deployment& deployment_;
  const models::WorldModel& model_;
  Rng task_failures_, task_durations_, gates_, startups_, driver_crashes_, oom_crashes_, spot_, launches_;
  std::vector<ClusterInstance> instances_;
  std::vector<NodeTime> irregular_;                          // terminated instances' node times that are not steady
  // Of a compute with an instance not yet terminated: the latest such, or kNoInstance, and how many
  // of its job-cluster instances are not. Only computes with one have an entry (under multi_job a
  // compute per task, a few thousand live at once).
  struct LiveCompute {
    std::uint32_t latest = kNoInstance;
    std::uint32_t job_clusters = 0;
  };
  std::unordered_map<std::uint32_t, LiveCompute> live_;      // by ComputeId
  std::uint32_t latest_live(ComputeId compute) const {
    const auto it = live_.find(compute.value());
    return it == live_.end() ? kNoInstance : it->second.latest;
  }
  SlotPool<ClusterState> states_;
  std::deque<AttemptRecord> attempts_;  // per AttemptId; grown by blocks as attempts come, not reserved for a guess
  SlotPool<AttemptSlot> slots_;
  std::vector<PoolState> pools_;
  std::vector<ClusterEvent> events_;
  bool keep_events_;
  std::vector<FaultEvent> faults_;
  std::vector<double> demands_, shares_;  // scratch for reshare
  // Scratch for crash: the attempts it fails, with their observers (a kill clears one).
  std::vector<std::pair<AttemptId, AttemptObserver*>> victims_;
  double busy_core_seconds_ = 0;
};

}  // namespace orchsim::sim
