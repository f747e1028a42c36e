#include "sim/cluster_world.h"

#include <algorithm>

#include "engine/check.h"

namespace orchsim::sim {

namespace {
std::uint64_t encode(std::uint8_t kind, std::uint32_t index) {
  return (static_cast<std::uint64_t>(kind) << 32) | index;
}
}  // namespace

ClusterWorld::ClusterWorld(Runtime& runtime, const models::Deployment& deployment,
                           const models::Pricing& pricing, Rng failures)
    : runtime_(runtime), deployment_(deployment), pricing_(pricing), failures_(failures),
      live_instance_(deployment.computes.size()) {}

void ClusterWorld::record(ClusterEvent::Kind kind, std::uint32_t instance) {
  events_.push_back({runtime_.now(), instance, instances_[instance].compute, kind});
}

std::uint32_t ClusterWorld::instance_for(ComputeId compute) {
  auto& live = live_instance_[compute.index()];
  if (live) return *live;
  const auto index = static_cast<std::uint32_t>(instances_.size());
  const models::ComputeSpec& spec = deployment_.computes[compute.index()];
  instances_.push_back({.compute = compute, .requested = runtime_.now(), .up = {}, .terminated = {},
                        .free_cores = spec.shape.worker_cores(), .released = false, .running = 0,
                        .waiting = {}});
  live = index;
  record(ClusterEvent::Kind::kRequested, index);
  runtime_.schedule_after(spec.startup, *this, encode(static_cast<std::uint8_t>(TimerKind::kClusterUp), index));
  return index;
}

void ClusterWorld::submit(AttemptId attempt, ComputeId compute, const models::WorkloadTask& work,
                          AttemptObserver& observer) {
  if (attempt.index() >= attempts_.size()) attempts_.resize(attempt.index() + 1);
  const std::uint32_t instance = instance_for(compute);
  const models::ClusterShape& shape = deployment_.computes[compute.index()].shape;
  AttemptSlot& a = attempts_[attempt.index()];
  a = AttemptSlot{};
  a.phase = AttemptPhase::kWaiting;
  a.instance = instance;
  a.cores = std::clamp(work.cores, 1, std::max(1, shape.worker_cores()));
  // Work is stated at reference speed; a faster node type finishes sooner.
  a.run_time = Duration::from_seconds(work.duration.to_seconds() / shape.node->speed);
  a.observer = &observer;
  if (failures_.bernoulli(work.failure_probability)) {
    a.will_fail = true;
    a.run_time = Duration::from_seconds(a.run_time.to_seconds() * failures_.uniform01());
  }
  instances_[instance].waiting.push_back(attempt);
  if (instances_[instance].up) grant_waiting(instance);
}

void ClusterWorld::grant_waiting(std::uint32_t instance) {
  ClusterInstance& c = instances_[instance];
  while (!c.waiting.empty()) {
    const AttemptId next = c.waiting.front();
    if (attempts_[next.index()].cores > c.free_cores) break;  // FIFO: no overtaking
    c.waiting.pop_front();
    begin(next);
  }
}

void ClusterWorld::begin(AttemptId attempt) {
  AttemptSlot& a = attempts_[attempt.index()];
  ClusterInstance& c = instances_[a.instance];
  c.free_cores -= a.cores;
  ++c.running;
  a.phase = AttemptPhase::kRunning;
  a.started = runtime_.now();
  a.timer = runtime_.schedule_after(a.run_time, *this,
                                    encode(static_cast<std::uint8_t>(TimerKind::kAttemptEnd), attempt.value()));
  a.observer->attempt_running(attempt);
}

void ClusterWorld::finish(AttemptId attempt) {
  AttemptSlot& a = attempts_[attempt.index()];
  ClusterInstance& c = instances_[a.instance];
  c.free_cores += a.cores;
  --c.running;
  a.core_seconds = a.cores * (runtime_.now() - a.started).to_seconds();
  busy_core_seconds_ += a.core_seconds;
  c.busy_core_seconds += a.core_seconds;
  a.phase = AttemptPhase::kDone;
  a.timer = TimerId{};
}

void ClusterWorld::on_timer(std::uint64_t payload) {
  const auto kind = static_cast<TimerKind>(payload >> 32);
  const auto index = static_cast<std::uint32_t>(payload & 0xFFFFFFFFu);
  if (kind == TimerKind::kClusterUp) {
    instances_[index].up = runtime_.now();
    record(ClusterEvent::Kind::kUp, index);
    grant_waiting(index);
    maybe_terminate(index);
    return;
  }
  const AttemptId attempt(index);
  AttemptSlot& a = attempts_[attempt.index()];
  const std::uint32_t instance = a.instance;
  const bool failed = a.will_fail;
  AttemptObserver& observer = *a.observer;
  finish(attempt);
  grant_waiting(instance);
  observer.attempt_finished(attempt, failed ? AttemptResult::failed(FailureKind::kTaskError)
                                            : AttemptResult::success());
  maybe_terminate(instance);
}

void ClusterWorld::kill(AttemptId attempt) {
  AttemptSlot& a = attempts_[attempt.index()];
  const std::uint32_t instance = a.instance;
  if (a.phase == AttemptPhase::kRunning) {
    runtime_.cancel(a.timer);
    finish(attempt);
    grant_waiting(instance);
  } else if (a.phase == AttemptPhase::kWaiting) {
    auto& waiting = instances_[instance].waiting;
    waiting.erase(std::find(waiting.begin(), waiting.end(), attempt));
    a.phase = AttemptPhase::kDone;
  }
  maybe_terminate(instance);
}

void ClusterWorld::release(ComputeId compute) {
  const auto& live = live_instance_[compute.index()];
  if (!live) return;
  instances_[*live].released = true;
  maybe_terminate(*live);
}

void ClusterWorld::maybe_terminate(std::uint32_t instance) {
  ClusterInstance& c = instances_[instance];
  // A cluster still starting terminates when it comes up (its startup is paid regardless).
  if (!c.released || c.terminated || !c.up || c.running > 0 || !c.waiting.empty()) return;
  c.terminated = runtime_.now();
  live_instance_[c.compute.index()].reset();
  record(ClusterEvent::Kind::kTerminated, instance);
}

InstanceBill ClusterWorld::bill_of(std::uint32_t instance, SimTime end) const {
  const ClusterInstance& c = instances_[instance];
  const models::ComputeSpec& spec = deployment_.computes[c.compute.index()];
  const SimTime up = c.up.value_or(end);
  const SimTime stop = c.terminated.value_or(end);
  // The whole life is billed as one interval (rounded up once); the startup share is what the
  // startup alone would bill, so that startup + up is exactly the instance's bill.
  const models::Bill whole = models::bill_cluster(spec.shape, pricing_, up - c.requested, stop - up);
  const models::Bill startup = models::bill_cluster(spec.shape, pricing_, up - c.requested, Duration::zero());
  return {startup, {.vm_usd = whole.vm_usd - startup.vm_usd, .dbu_usd = whole.dbu_usd - startup.dbu_usd}};
}

models::Bill ClusterWorld::bill(SimTime end) const {
  models::Bill total;
  for (std::uint32_t i = 0; i < instances_.size(); ++i) {
    const InstanceBill b = bill_of(i, end);
    total += b.startup;
    total += b.up;
  }
  return total;
}

}  // namespace orchsim::sim
