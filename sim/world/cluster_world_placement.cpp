// ClusterWorld's placement of attempts on a cluster: admission to an execution context, dispatch,
// running, and the max-min fair sharing of cores with memory pressure (spill, OOM hazard).
#include <algorithm>

#include "models/contention.h"
#include "sim/world/cluster_world.h"

namespace orchsim::sim {

using models::FaultKind;

void ClusterWorld::admit(std::uint32_t instance) {
  ClusterState& s = state(instance);
  const models::ClusterTemplate& t = spec_of(instance).cluster();
  while (!s.waiting.empty() && static_cast<int>(s.running.size() + s.dispatching.size()) < t.max_contexts) {
    const AttemptId next = s.waiting.front();
    s.waiting.pop_front();
    s.dispatching.push_back(next);
    AttemptSlot& a = slot(next);
    a.phase = Phase::kDispatching;
    // Through a timer even with no overhead: observers are never called from inside submit().
    a.timer = runtime_.schedule_after(t.dispatch_overhead, *this, encode(TimerKind::kDispatched, next.value()));
  }
}

void ClusterWorld::start_running(AttemptId attempt) {
  AttemptSlot& a = slot(attempt);
  a.timer = TimerId{};
  a.phase = Phase::kRunning;
  a.last = runtime_.now();
  advance(a.instance);
  ClusterState& s = state(a.instance);
  s.dispatching.erase(std::find(s.dispatching.begin(), s.dispatching.end(), attempt));
  s.running.push_back(attempt);
  reshare(a.instance);
  a.observer->attempt_running(attempt);
}

void ClusterWorld::advance(std::uint32_t instance) {
  const SimTime now = runtime_.now();
  for (AttemptId id : state(instance).running) {
    AttemptSlot& a = slot(id);
    const double dt = (now - a.last).to_seconds();
    if (dt <= 0) continue;
    const double done = std::min(a.work_left, a.rate * dt);
    a.work_left -= done;
    a.work_done += done;
    AttemptUse& use = a.use;
    use.core_seconds += a.cores * dt;
    if (a.alone > 0) use.shared_seconds += dt * (1.0 - a.cores / a.alone);
    instances_[instance].busy_core_seconds += a.cores * dt;
    busy_core_seconds_ += a.cores * dt;
    a.last = now;
  }
}

void ClusterWorld::reshare(std::uint32_t instance) {
  advance(instance);
  ClusterInstance& c = instances_[instance];
  ClusterState& s = state(instance);
  const models::ComputeSpec& spec = spec_of(instance);
  const models::NodeType& node = *spec.shape.node;
  const std::size_t n = s.running.size();
  demands_.resize(n);
  shares_.resize(n);
  double mem = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const AttemptSlot& a = slot(s.running[i]);
    demands_[i] = a.demand;
    mem += a.mem_gib;
  }
  // A single-node cluster (no workers configured) runs its tasks on the driver's cores; a cluster
  // that has lost all its workers has no executors until one joins.
  const bool single_node = spec.shape.workers == 0 && !spec.cluster().autoscale;
  const int core_nodes = single_node ? 1 : s.workers;
  double capacity = static_cast<double>(core_nodes * node.vcpus);
  if (spec.traits().shared_with_other_users) capacity *= 1.0 - spec.cluster().noisy_neighbour_load;
  const double mem_capacity = core_nodes * node.mem_gib;
  models::max_min_share(demands_, capacity, shares_);
  const double spill = models::spill_slowdown(model_.contention, mem, mem_capacity);
  for (std::size_t i = 0; i < n; ++i) {
    const AttemptId id = s.running[i];
    AttemptSlot& a = slot(id);
    const double rate = shares_[i] * node.speed / (a.mismatch * spill);
    a.cores = shares_[i];
    a.alone = std::min(a.demand, capacity);
    if (rate == a.rate && a.timer.valid()) continue;
    a.rate = rate;
    if (a.timer.valid()) runtime_.cancel(a.timer);
    a.timer = rate > 0 ? runtime_.schedule_after(Duration::from_seconds(a.work_left / rate), *this,
                                                 encode(TimerKind::kAttemptEnd, id.value()))
                       : TimerId{};
  }
  // The OOM hazard depends on the memory in use: redraw it (memoryless) whenever that changes.
  if (s.oom_timer.valid()) runtime_.cancel(s.oom_timer);
  s.oom_timer = TimerId{};
  const double oom = models::oom_crash_rate_per_hour(model_.contention, mem, mem_capacity);
  if (oom > 0 && c.up) {
    s.oom_timer = runtime_.schedule_after(exponential_delay(oom_crashes_, oom), *this,
                                          encode(TimerKind::kOomCrash, instance));
  }
  autoscale(instance);
}

// Takes the attempt off its cluster and frees its slot; nothing if it has ended already.
void ClusterWorld::end_attempt(AttemptId attempt) {
  AttemptRecord& record = attempts_[attempt.index()];
  if (!record.live()) return;
  AttemptSlot& a = slot(attempt);
  ClusterState& s = state(a.instance);
  if (a.phase == Phase::kWaiting) {
    s.waiting.remove(attempt);
  } else if (a.phase == Phase::kDispatching) {
    runtime_.cancel(a.timer);
    s.dispatching.erase(std::find(s.dispatching.begin(), s.dispatching.end(), attempt));
  } else {
    if (a.timer.valid()) runtime_.cancel(a.timer);
    advance(a.instance);
    s.running.erase(std::find(s.running.begin(), s.running.end(), attempt));
  }
  slots_.release(record.slot());
  record.use = a.use;
}

// Its work is done (or it reached its own failure point).
void ClusterWorld::on_attempt_end(AttemptId attempt) {
  AttemptSlot& a = slot(attempt);
  a.timer = TimerId{};
  const std::uint32_t instance = a.instance;
  const std::optional<FailureKind> failure = a.failure;
  AttemptObserver& observer = *a.observer;
  end_attempt(attempt);
  if (failure) {
    const FaultKind kind = *failure == FailureKind::kPermanent    ? FaultKind::kPermanentError
                           : *failure == FailureKind::kGateFailed ? FaultKind::kGateFailed
                                                                  : FaultKind::kTaskError;
    faults_.push_back({runtime_.now(), kind, instances_[instance].compute, instance, attempt, 1});
  }
  admit(instance);
  reshare(instance);
  // A per-attempt cluster ends with its attempt, before the engine hears of it: a successor
  // started from the callback finds the instances it returned to its pool.
  if (single_use(instance)) maybe_terminate(instance);
  observer.attempt_finished(attempt, failure ? AttemptResult::failed(*failure) : AttemptResult::success());
  maybe_terminate(instance);
}

}  // namespace orchsim::sim
