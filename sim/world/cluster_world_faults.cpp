// ClusterWorld's faults: an attempt's own failure (permanent, transient, hazard) and its quality
// gate, driver and OOM crashes, spot notices and losses, worker loss with redo and replacement, and
// scripted faults.
// Each draws from its own Rng stream; each is recorded as a FaultEvent.
#include <algorithm>

#include "sim/world/cluster_world.h"

namespace orchsim::sim {

using models::FaultKind;

// Its own failure, at a drawn point of its work: permanent first, then transient, then hazard,
// all from the attempt's own keyed stream, so the outcome is a function of the key alone.
void ClusterWorld::draw_own_failure(AttemptSlot& a, const models::WorkloadTask& work, std::uint64_t draw_key) const {
  Rng task_failures = task_failures_.derive(draw_key);
  double fail_fraction = 1;
  if (task_failures.bernoulli(work.rare->permanent_failure_probability)) {
    a.failure = FailureKind::kPermanent;
    fail_fraction = task_failures.uniform01();
  } else if (task_failures.bernoulli(work.failure_probability)) {
    a.failure = FailureKind::kTaskError;
    fail_fraction = task_failures.uniform01();
  }
  if (work.rare->failure_rate_per_hour > 0 && work.duration > Duration::zero()) {
    const double at = task_failures.exponential(work.rare->failure_rate_per_hour / 3600.0);
    if (at < fail_fraction * work.duration.to_seconds()) {
      a.failure = FailureKind::kTaskError;
      fail_fraction = at / work.duration.to_seconds();
    }
  }
  a.work_left *= fail_fraction;
  if (!a.failure && work.writes->gate) draw_gate(a, *work.writes->gate, draw_key);
}

// Work that succeeded meets its quality gate: the checks are more work on the attempt's cores (so
// billed, shared and slowed like it), and reject it with the gate's probability, drawn from the
// "gate" stream under the same key, so adding a gate changes no other draw (paired comparisons).
void ClusterWorld::draw_gate(AttemptSlot& a, const QualityGate& gate, std::uint64_t draw_key) const {
  a.work_left += gate.duration.to_seconds() * a.demand;
  Rng gates = gates_.derive(draw_key);
  if (gates.bernoulli(gate.failure_probability)) a.failure = FailureKind::kGateFailed;
}

void ClusterWorld::schedule_driver_crash(std::uint32_t instance) {
  const double rate = model_.faults.driver_crashes_per_hour;
  if (rate <= 0 || !spec_of(instance).traits().customer_vms) return;
  state(instance).crash_timer = runtime_.schedule_after(exponential_delay(driver_crashes_, rate), *this,
                                                             encode(TimerKind::kDriverCrash, instance));
}

void ClusterWorld::on_driver_crash(std::uint32_t instance) {
  state(instance).crash_timer = TimerId{};
  crash(instance, FaultKind::kDriverCrash, FailureKind::kClusterLost);
}

void ClusterWorld::on_oom_crash(std::uint32_t instance) {
  state(instance).oom_timer = TimerId{};
  crash(instance, FaultKind::kOomCrash, FailureKind::kClusterLost);
}

void ClusterWorld::crash(std::uint32_t instance, FaultKind fault, FailureKind failure) {
  ClusterInstance& c = instances_[instance];
  advance(instance);
  // Every attempt on it fails at this instant: it shares the one driver JVM.
  const ClusterState& s = state(instance);
  victims_.clear();
  for (AttemptId id : s.running) victims_.emplace_back(id, slot(id).observer);
  for (AttemptId id : s.dispatching) victims_.emplace_back(id, slot(id).observer);
  for (AttemptId id : s.waiting) victims_.emplace_back(id, slot(id).observer);
  for (const auto& victim : victims_) end_attempt(victim.first);
  if (fault != FaultKind::kLaunchFailure) {
    faults_.push_back({runtime_.now(), fault, c.compute, instance, AttemptId::invalid(),
                       static_cast<std::uint32_t>(victims_.size())});
  }
  terminate(instance, fault == FaultKind::kLaunchFailure ? End::kLaunchFailed : End::kCrashed);
  // Observers may start retries (on a new instance) from inside these calls.
  // The engine may kill a later victim from inside an earlier one's callback (e.g. canceling the
  // run); kill() clears its observer here so that it gets no callback.
  for (std::size_t i = 0; i < victims_.size(); ++i) {
    if (AttemptObserver* observer = victims_[i].second) {
      observer->attempt_finished(victims_[i].first, AttemptResult::failed(failure));
    }
  }
}

void ClusterWorld::lose_worker(std::uint32_t instance, FaultKind fault, bool replace) {
  const ClusterInstance& c = instances_[instance];
  ClusterState& s = state(instance);
  if (s.workers == 0) {
    faults_.push_back({runtime_.now(), fault, c.compute, instance, AttemptId::invalid(), 0});
    return;
  }
  advance(instance);
  accrue(instance);
  const int spot_before = spot_workers(c, s.workers);
  // The lost executor's share of what each attempt did since its previous loss (or its start) is
  // recomputed on the remaining workers: its shuffle output and cache went with it. Output from
  // before the previous loss has been consumed by later stages (Spark recomputes only what is still
  // needed), so a loss never costs more than a share of the latest stretch, and a task under
  // frequent losses still converges.
  const double lost_share = 1.0 / s.workers;
  for (AttemptId id : s.running) {
    AttemptSlot& a = slot(id);
    a.work_left += a.work_done * lost_share;
    a.work_done = 0;
    a.rate = -1;  // force a reschedule
  }
  --s.workers;
  faults_.push_back({runtime_.now(), fault, c.compute, instance, AttemptId::invalid(),
                     static_cast<std::uint32_t>(s.running.size())});
  record(ClusterEvent::Kind::kResized, instance);
  redraw_spot_loss(instance, spot_before);
  if (replace) {
    ++s.starting_workers;
    runtime_.schedule_after(spec_of(instance).cluster().startup.sample_duration(startups_), *this,
                            encode(TimerKind::kWorkerJoin, instance));
  }
  reshare(instance);
}

// ---- spot -------------------------------------------------------------------------------------

void ClusterWorld::schedule_spot_loss(std::uint32_t instance) {
  ClusterState& s = state(instance);
  const double rate = model_.faults.spot_losses_per_hour * spot_nodes(instances_[instance], s.workers);
  s.spot_in_notice = false;
  if (rate <= 0) return;
  s.spot_timer = runtime_.schedule_after(exponential_delay(spot_, rate), *this, encode(TimerKind::kSpotNotice, instance));
}

void ClusterWorld::redraw_spot_loss(std::uint32_t instance, int spot_before) {
  // The time to the next notice depends on how many spot nodes there are: redraw it (memoryless)
  // when that changes. A node already in its notice goes as announced.
  const ClusterInstance& c = instances_[instance];
  if (!c.up || c.terminated) return;
  ClusterState& s = state(instance);
  if (s.spot_in_notice || spot_workers(c, s.workers) == spot_before) return;
  if (s.spot_timer.valid()) runtime_.cancel(s.spot_timer);
  s.spot_timer = TimerId{};
  schedule_spot_loss(instance);
}

// A spot node got its notice: which one is drawn now, it goes after the notice period.
void ClusterWorld::on_spot_notice(std::uint32_t instance) {
  const ClusterInstance& c = instances_[instance];
  ClusterState& s = state(instance);
  const bool driver = driver_spot(c) && spot_.below(static_cast<std::uint64_t>(spot_nodes(c, s.workers))) == 0;
  s.spot_in_notice = true;
  s.spot_timer = runtime_.schedule_after(model_.faults.spot_notice, *this,
                                         encode(TimerKind::kSpotLoss, instance, driver ? 1 : 0));
}

void ClusterWorld::on_spot_loss(std::uint32_t instance, bool driver) {
  state(instance).spot_timer = TimerId{};
  if (driver) {
    crash(instance, FaultKind::kSpotDriverLost, FailureKind::kPreempted);
    return;
  }
  // A scale-down may have removed the noticed worker already.
  if (spot_workers(instances_[instance], state(instance).workers) > 0) lose_worker(instance, FaultKind::kSpotWorkerLost, true);
  schedule_spot_loss(instance);
}

// ---- scripted ---------------------------------------------------------------------------------

void ClusterWorld::on_scripted(std::uint32_t fault) {
  const models::ScriptedFault& f = model_.faults.scripted[fault];
  std::optional<std::uint32_t> target;
  for (std::size_t i = 0; i < deployment_.computes.size(); ++i) {
    if (deployment_.compute_names[i] != f.target) continue;
    const std::uint32_t latest = latest_live(ComputeId(static_cast<std::uint32_t>(i)));
    target = latest == kNoInstance ? std::nullopt : std::optional<std::uint32_t>(latest);
  }
  if (!target || !instances_[*target].live()) {
    // Nothing of that name is up: the fault is recorded as having hit nothing.
    faults_.push_back({runtime_.now(), f.action == models::ScriptedFault::Action::kCrash ? FaultKind::kScriptedCrash
                                                                                           : FaultKind::kScriptedWorkerLoss,
                       ComputeId::invalid(), std::nullopt, AttemptId::invalid(), 0});
  } else if (f.action == models::ScriptedFault::Action::kCrash) {
    crash(*target, FaultKind::kScriptedCrash, FailureKind::kClusterLost);
  } else {
    lose_worker(*target, FaultKind::kScriptedWorkerLoss, true);
  }
}

}  // namespace orchsim::sim
