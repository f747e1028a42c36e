#include "sim/world/cluster_world.h"

#include <algorithm>

#include "engine/check.h"

namespace orchsim::sim {

std::uint64_t ClusterWorld::encode(TimerKind kind, std::uint32_t index, std::uint32_t aux) {
  ORCHSIM_CHECK(aux < (1u << 24));
  return (static_cast<std::uint64_t>(kind) << 56) | (static_cast<std::uint64_t>(aux) << 32) | index;
}

ClusterWorld::ClusterWorld(Runtime& runtime, const models::Deployment& deployment, const models::WorldModel& model,
                           std::uint64_t seed, std::uint64_t replication, bool keep_events)
    : runtime_(runtime), deployment_(deployment), model_(model),
      task_failures_(seed, replication, "task_failures"), task_durations_(seed, replication, "task_durations"),
      gates_(seed, replication, "gate"), startups_(seed, replication, "startup"),
      driver_crashes_(seed, replication, "driver_crash"), oom_crashes_(seed, replication, "oom_crash"),
      spot_(seed, replication, "spot"), launches_(seed, replication, "launch_failure"),
      pools_(deployment.pools.size()), keep_events_(keep_events) {
  // Most computes start once per replication; a few start again (a crash, a retry on a cluster
  // per attempt): new_instance grows it by an eighth when those come. Not 2x: multi_job has a
  // compute per task, and this is 56 bytes per instance.
  instances_.reserve(deployment.computes.size());
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    pools_[p].accrued = runtime_.now();
    pools_[p].idle_since.assign(static_cast<std::size_t>(deployment.pools[p].min_idle), runtime_.now());
  }
  // An all-purpose cluster is already up when the run starts.
  for (std::size_t i = 0; i < deployment.computes.size(); ++i) {
    if (!deployment.computes[i].traits().up_at_start) continue;
    cluster_up(new_instance(ComputeId(static_cast<std::uint32_t>(i)), RunId::invalid(), true));
  }
  const auto& scripted = model.faults.scripted;
  for (std::size_t i = 0; i < scripted.size(); ++i) {
    runtime_.schedule_at(SimTime::zero() + scripted[i].at, *this,
                         encode(TimerKind::kScripted, static_cast<std::uint32_t>(i)));
  }
}

void ClusterWorld::record(ClusterEvent::Kind kind, std::uint32_t instance) {
  if (!keep_events_) return;
  const ClusterInstance& c = instances_[instance];
  events_.push_back({runtime_.now(), instance, c.compute, kind, state(instance).workers});
}

std::optional<std::uint32_t> ClusterWorld::live_for(ComputeId compute, RunId run) const {
  const auto entry = live_.find(compute.value());
  if (entry == live_.end()) return std::nullopt;
  const std::uint32_t latest = entry->second.latest;
  const auto live = latest == kNoInstance ? std::nullopt : std::optional<std::uint32_t>(latest);
  if (!deployment_.computes[compute.index()].traits().per_run || (live && instances_[*live].run == run)) return live;
  // A job cluster, and the latest is not this run's: look for this run's own among the others
  // (concurrent runs of one job), when there are others.
  if (entry->second.job_clusters <= (live ? 1u : 0u)) return std::nullopt;
  for (std::size_t i = instances_.size(); i-- > 0;) {
    const ClusterInstance& c = instances_[i];
    if (c.compute == compute && c.run == run && !c.terminated) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

void ClusterWorld::submit(AttemptId attempt, RunId run, ComputeId compute, const models::WorkloadTask& work,
                          std::uint64_t draw_key, AttemptObserver& observer) {
  if (attempt.index() >= attempts_.size()) attempts_.resize(attempt.index() + 1);
  const models::ComputeSpec& spec = deployment_.computes[compute.index()];
  const auto live = live_for(compute, run);
  const bool reuse = live && !single_use(*live);
  const std::uint32_t instance = reuse ? *live : new_instance(compute, run, false);
  ClusterInstance& c = instances_[instance];
  if (!reuse) c.task_cores = std::max(1, work.cores);
  ClusterState& s = state(instance);
  if (s.idle_timer.valid()) {
    runtime_.cancel(s.idle_timer);
    s.idle_timer = TimerId{};
  }
  attempts_[attempt.index()].set_slot(slots_.acquire());
  AttemptSlot& a = slot(attempt);
  a = AttemptSlot{};
  a.instance = instance;
  a.observer = &observer;
  a.demand = std::max(1, work.cores);
  a.mem_gib = work.rare->mem_gib;
  a.mismatch = work.placement->preferred_node_type && *work.placement->preferred_node_type != spec.shape.node->name
                   ? model_.mismatch_slowdown : 1.0;
  a.work_left = work.work_core_seconds();
  if (const auto& distribution = work.rare->duration_distribution) {
    Rng durations = task_durations_.derive(draw_key);
    a.work_left = std::max(0.0, distribution->sample(durations)) * work.cores;
  }
  draw_own_failure(a, work, draw_key);
  s.waiting.push_back(attempt);
  if (c.up) {
    admit(instance);
    autoscale(instance);
  }
}

void ClusterWorld::kill(AttemptId attempt) {
  if (!attempts_[attempt.index()].live()) {
    // Ended already: a crash's victim, killed from an earlier victim's callback, gets no callback.
    for (auto& [victim, observer] : victims_) {
      if (victim == attempt) observer = nullptr;
    }
    return;
  }
  const std::uint32_t instance = slot(attempt).instance;
  end_attempt(attempt);
  if (instances_[instance].terminated) return;
  admit(instance);
  reshare(instance);
  maybe_terminate(instance);
}

void ClusterWorld::drop_live_state() {
  ORCHSIM_CHECK(states_.in_use() == 0 && slots_.in_use() == 0, "live state dropped while the run goes on");
  states_.clear();
  slots_.clear();
  live_ = decltype(live_)();  // not `= {}`: that keeps the buckets
}

void ClusterWorld::release(RunId run, ComputeId compute) {
  const auto live = live_for(compute, run);
  if (!live || !spec_of(*live).traits().per_run) return;
  state(*live).released = true;
  maybe_terminate(*live);
}

// One flat switch to a named handler per timer kind: this is the world's per-event path.
void ClusterWorld::on_timer(std::uint64_t payload) {
  const auto kind = static_cast<TimerKind>(payload >> 56);
  const auto aux = static_cast<std::uint32_t>((payload >> 32) & 0xFFFFFF);
  const auto index = static_cast<std::uint32_t>(payload & 0xFFFFFFFFu);
  // A cluster's timer may outlive it (e.g. a replacement worker due after a crash).
  if (kind >= TimerKind::kDriverCrash && kind <= TimerKind::kIdleTerminate && instances_[index].terminated) return;
  switch (kind) {
    case TimerKind::kClusterUp: cluster_up(index); return;
    case TimerKind::kDispatched: start_running(AttemptId(index)); return;
    case TimerKind::kAttemptEnd: on_attempt_end(AttemptId(index)); return;
    case TimerKind::kDriverCrash: on_driver_crash(index); return;
    case TimerKind::kOomCrash: on_oom_crash(index); return;
    case TimerKind::kSpotNotice: on_spot_notice(index); return;
    case TimerKind::kSpotLoss: on_spot_loss(index, aux == 1); return;
    case TimerKind::kScaleUp: on_scale_up(index, static_cast<int>(aux)); return;
    case TimerKind::kScaleDown: on_scale_down(index); return;
    case TimerKind::kWorkerJoin: workers_joined(index, 1); return;
    case TimerKind::kIdleTerminate: on_idle_terminate(index); return;
    case TimerKind::kPoolRefill: on_pool_refilled(index, static_cast<int>(aux)); return;
    case TimerKind::kPoolRelease: on_pool_release(index); return;
    case TimerKind::kScripted: on_scripted(index); return;
  }
}

}  // namespace orchsim::sim
