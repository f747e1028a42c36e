#include "sim/world/cluster_world.h"

#include <algorithm>
#include <cmath>

#include "engine/check.h"
#include "models/contention.h"

namespace orchsim::sim {

namespace {

using models::ClusterKind;
using models::FaultKind;

constexpr double kSecondsPerHour = 3600.0;

// An exponential delay for a rate given per hour.
Duration exponential_delay(Rng& rng, double per_hour) {
  return Duration::from_seconds(rng.exponential(per_hour / kSecondsPerHour));
}

}  // namespace

std::uint64_t ClusterWorld::encode(TimerKind kind, std::uint32_t index, std::uint32_t aux) {
  ORCHSIM_CHECK(aux < (1u << 24));
  return (static_cast<std::uint64_t>(kind) << 56) | (static_cast<std::uint64_t>(aux) << 32) | index;
}

ClusterWorld::ClusterWorld(Runtime& runtime, const models::Deployment& deployment, const models::WorldModel& model,
                           std::uint64_t seed, std::uint64_t replication)
    : runtime_(runtime), deployment_(deployment), model_(model),
      task_failures_(seed, replication, "task_failures"), startups_(seed, replication, "startup"),
      driver_crashes_(seed, replication, "driver_crash"), oom_crashes_(seed, replication, "oom_crash"),
      spot_(seed, replication, "spot"), launches_(seed, replication, "launch_failure"),
      live_instance_(deployment.computes.size()), pools_(deployment.pools.size()) {
  instances_.reserve(deployment.computes.size() * 2);
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    pools_[p].accrued = runtime_.now();
    pools_[p].idle_since.assign(static_cast<std::size_t>(deployment.pools[p].min_idle), runtime_.now());
  }
  // An all-purpose cluster is already up when the run starts.
  for (std::size_t i = 0; i < deployment.computes.size(); ++i) {
    if (deployment.computes[i].cluster.kind != ClusterKind::kAllPurpose) continue;
    cluster_up(new_instance(ComputeId(static_cast<std::uint32_t>(i)), true));
  }
  const auto& scripted = model.faults.scripted;
  for (std::size_t i = 0; i < scripted.size(); ++i) {
    runtime_.schedule_at(SimTime::zero() + scripted[i].at, *this,
                         encode(TimerKind::kScripted, static_cast<std::uint32_t>(i)));
  }
}

void ClusterWorld::record(ClusterEvent::Kind kind, std::uint32_t instance) {
  const ClusterInstance& c = instances_[instance];
  events_.push_back({runtime_.now(), instance, c.compute, kind, c.workers});
}

// ---- life cycle -------------------------------------------------------------------------------

std::uint32_t ClusterWorld::new_instance(ComputeId compute, bool already_up) {
  const auto index = static_cast<std::uint32_t>(instances_.size());
  const models::ComputeSpec& spec = deployment_.computes[compute.index()];
  const models::ClusterTemplate& t = spec.cluster;
  ClusterInstance c;
  c.compute = compute;
  c.requested = runtime_.now();
  c.accrued = runtime_.now();
  c.workers = spec.shape.workers;
  c.single_use = t.kind == ClusterKind::kNewCluster || t.kind == ClusterKind::kServerless;
  if (t.spot_workers && t.kind != ClusterKind::kServerless) {
    c.spot = true;
    c.driver_spot = t.first_on_demand <= 0;
    c.on_demand_workers = std::max(0, t.first_on_demand - 1);
  }
  instances_.push_back(std::move(c));
  live_instance_[compute.index()] = index;
  record(ClusterEvent::Kind::kRequested, index);
  if (already_up) return index;
  Duration startup;
  if (t.kind == ClusterKind::kServerless) {
    startup = t.serverless_startup.sample_duration(startups_);
  } else if (spec.pool) {
    // Take idle instances (most recently idled first); all nodes idle → warm start.
    PoolState& pool = pools_[*spec.pool];
    accrue_pool(pool);
    const int needed = spec.shape.nodes();
    const int taken = std::min<int>(needed, static_cast<int>(pool.idle_since.size()));
    pool.idle_since.erase(pool.idle_since.end() - taken, pool.idle_since.end());
    instances_[index].warm = taken == needed;
    startup = instances_[index].warm ? deployment_.pools[*spec.pool].warm_start.sample_duration(startups_)
                                     : t.startup.sample_duration(startups_);
    pool_refill(*spec.pool);
  } else {
    startup = t.startup.sample_duration(startups_);
  }
  if (t.kind != ClusterKind::kServerless) {
    instances_[index].launch_fails = launches_.bernoulli(model_.faults.launch_failure_probability);
  }
  runtime_.schedule_after(startup, *this, encode(TimerKind::kClusterUp, index));
  return index;
}

void ClusterWorld::cluster_up(std::uint32_t instance) {
  ClusterInstance& c = instances_[instance];
  accrue(c);
  if (c.launch_fails) {
    // The cloud could not provision it: whatever waits on it fails in PENDING, retry-eligible.
    faults_.push_back({runtime_.now(), FaultKind::kLaunchFailure, c.compute, instance, AttemptId::invalid(),
                       static_cast<std::uint32_t>(c.waiting.size())});
    crash(instance, FaultKind::kLaunchFailure, FailureKind::kLaunchFailure);
    return;
  }
  c.up = runtime_.now();
  record(ClusterEvent::Kind::kUp, instance);
  schedule_driver_crash(instance);
  schedule_spot_loss(instance);
  admit(instance);
  reshare(instance);
  maybe_terminate(instance);
}

void ClusterWorld::schedule_driver_crash(std::uint32_t instance) {
  const double rate = model_.faults.driver_crashes_per_hour;
  if (rate <= 0 || spec_of(instance).cluster.kind == ClusterKind::kServerless) return;
  instances_[instance].crash_timer = runtime_.schedule_after(exponential_delay(driver_crashes_, rate), *this,
                                                             encode(TimerKind::kDriverCrash, instance));
}

void ClusterWorld::schedule_spot_loss(std::uint32_t instance) {
  ClusterInstance& c = instances_[instance];
  const int spot = spot_nodes(c);
  const double rate = model_.faults.spot_losses_per_hour * spot;
  c.spot_in_notice = false;
  if (rate <= 0) return;
  c.spot_timer = runtime_.schedule_after(exponential_delay(spot_, rate), *this, encode(TimerKind::kSpotNotice, instance));
}

void ClusterWorld::redraw_spot_loss(std::uint32_t instance, int spot_before) {
  // The time to the next notice depends on how many spot nodes there are: redraw it (memoryless)
  // when that changes. A node already in its notice goes as announced.
  ClusterInstance& c = instances_[instance];
  if (c.spot_in_notice || c.spot_workers() == spot_before || !c.up || c.terminated) return;
  if (c.spot_timer.valid()) runtime_.cancel(c.spot_timer);
  c.spot_timer = TimerId{};
  schedule_spot_loss(instance);
}

void ClusterWorld::submit(AttemptId attempt, ComputeId compute, const models::WorkloadTask& work,
                          AttemptObserver& observer) {
  if (attempt.index() >= attempts_.size()) attempts_.resize(attempt.index() + 1);
  const models::ComputeSpec& spec = deployment_.computes[compute.index()];
  auto& live = live_instance_[compute.index()];
  const bool reuse = live && !instances_[*live].single_use;
  const std::uint32_t instance = reuse ? *live : new_instance(compute, false);
  ClusterInstance& c = instances_[instance];
  if (c.idle_timer.valid()) {
    runtime_.cancel(c.idle_timer);
    c.idle_timer = TimerId{};
  }
  AttemptSlot& a = attempts_[attempt.index()];
  a = AttemptSlot{};
  a.phase = Phase::kWaiting;
  a.instance = instance;
  a.observer = &observer;
  a.demand = std::max(1, work.cores);
  a.mem_gib = work.mem_gib;
  a.mismatch = work.preferred_node_type && *work.preferred_node_type != spec.shape.node->name
                   ? model_.mismatch_slowdown : 1.0;
  a.work_left = work.work_core_seconds();
  // Its own failure, at a drawn point of its work: permanent first, then transient, then hazard.
  double fail_fraction = 1;
  if (task_failures_.bernoulli(work.permanent_failure_probability)) {
    a.failure = FailureKind::kPermanent;
    fail_fraction = task_failures_.uniform01();
  } else if (task_failures_.bernoulli(work.failure_probability)) {
    a.failure = FailureKind::kTaskError;
    fail_fraction = task_failures_.uniform01();
  }
  if (work.failure_rate_per_hour > 0 && work.duration > Duration::zero()) {
    const double at = task_failures_.exponential(work.failure_rate_per_hour / kSecondsPerHour);
    if (at < fail_fraction * work.duration.to_seconds()) {
      a.failure = FailureKind::kTaskError;
      fail_fraction = at / work.duration.to_seconds();
    }
  }
  a.work_left *= fail_fraction;
  c.waiting.push_back(attempt);
  if (c.up) {
    admit(instance);
    autoscale(instance);
  }
}

void ClusterWorld::admit(std::uint32_t instance) {
  ClusterInstance& c = instances_[instance];
  const models::ClusterTemplate& t = spec_of(instance).cluster;
  while (!c.waiting.empty() && static_cast<int>(c.running.size() + c.dispatching.size()) < t.max_contexts) {
    const AttemptId next = c.waiting.front();
    c.waiting.pop_front();
    c.dispatching.push_back(next);
    AttemptSlot& a = attempts_[next.index()];
    a.phase = Phase::kDispatching;
    // Through a timer even with no overhead: observers are never called from inside submit().
    a.timer = runtime_.schedule_after(t.dispatch_overhead, *this, encode(TimerKind::kDispatched, next.value()));
  }
}

void ClusterWorld::start_running(AttemptId attempt) {
  AttemptSlot& a = attempts_[attempt.index()];
  a.timer = TimerId{};
  a.phase = Phase::kRunning;
  a.last = runtime_.now();
  advance(a.instance);
  ClusterInstance& c = instances_[a.instance];
  c.dispatching.erase(std::find(c.dispatching.begin(), c.dispatching.end(), attempt));
  c.running.push_back(attempt);
  reshare(a.instance);
  a.observer->attempt_running(attempt);
}

// ---- contention -------------------------------------------------------------------------------

void ClusterWorld::advance(std::uint32_t instance) {
  const SimTime now = runtime_.now();
  for (AttemptId id : instances_[instance].running) {
    AttemptSlot& a = attempts_[id.index()];
    const double dt = (now - a.last).to_seconds();
    if (dt <= 0) continue;
    const double done = std::min(a.work_left, a.rate * dt);
    a.work_left -= done;
    a.work_done += done;
    a.core_seconds += a.cores * dt;
    if (a.alone > 0) a.shared_seconds += dt * (1.0 - a.cores / a.alone);
    instances_[instance].busy_core_seconds += a.cores * dt;
    busy_core_seconds_ += a.cores * dt;
    a.last = now;
  }
}

void ClusterWorld::reshare(std::uint32_t instance) {
  advance(instance);
  ClusterInstance& c = instances_[instance];
  const models::ComputeSpec& spec = spec_of(instance);
  const models::NodeType& node = *spec.shape.node;
  const std::size_t n = c.running.size();
  demands_.resize(n);
  shares_.resize(n);
  double mem = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const AttemptSlot& a = attempts_[c.running[i].index()];
    demands_[i] = a.demand;
    mem += a.mem_gib;
  }
  // A single-node cluster (no workers configured) runs its tasks on the driver's cores; a cluster
  // that has lost all its workers has no executors until one joins.
  const bool single_node = spec.shape.workers == 0 && !spec.cluster.autoscale;
  const int core_nodes = single_node ? 1 : c.workers;
  double capacity = static_cast<double>(core_nodes * node.vcpus);
  if (spec.cluster.kind == ClusterKind::kAllPurpose) capacity *= 1.0 - spec.cluster.noisy_neighbour_load;
  const double mem_capacity = core_nodes * node.mem_gib;
  models::max_min_share(demands_, capacity, shares_);
  const double spill = models::spill_slowdown(model_.contention, mem, mem_capacity);
  for (std::size_t i = 0; i < n; ++i) {
    const AttemptId id = c.running[i];
    AttemptSlot& a = attempts_[id.index()];
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
  if (c.oom_timer.valid()) runtime_.cancel(c.oom_timer);
  c.oom_timer = TimerId{};
  const double oom = models::oom_crash_rate_per_hour(model_.contention, mem, mem_capacity);
  if (oom > 0 && c.up) {
    c.oom_timer = runtime_.schedule_after(exponential_delay(oom_crashes_, oom), *this,
                                          encode(TimerKind::kOomCrash, instance));
  }
  autoscale(instance);
}

void ClusterWorld::autoscale(std::uint32_t instance) {
  ClusterInstance& c = instances_[instance];
  const auto& scale = spec_of(instance).cluster.autoscale;
  if (!scale || !c.up || c.terminated) return;
  const int vcpus = spec_of(instance).shape.node->vcpus;
  double demand = 0;
  for (AttemptId id : c.running) demand += attempts_[id.index()].demand;
  for (AttemptId id : c.dispatching) demand += attempts_[id.index()].demand;
  for (AttemptId id : c.waiting) demand += attempts_[id.index()].demand;
  const int wanted = std::clamp(static_cast<int>(std::ceil(demand / vcpus)), scale->min_workers, scale->max_workers);
  if (wanted > c.workers + c.starting_workers && !c.scale_up_timer.valid()) {
    const int add = wanted - c.workers - c.starting_workers;
    accrue(c);
    c.starting_workers += add;
    c.scale_up_timer = runtime_.schedule_after(scale->scale_up_delay, *this,
                                               encode(TimerKind::kScaleUp, instance, static_cast<std::uint32_t>(add)));
  }
  if (wanted < c.workers && !c.scale_down_timer.valid()) {
    c.scale_down_timer = runtime_.schedule_after(scale->scale_down_after, *this, encode(TimerKind::kScaleDown, instance));
  }
}

// ---- endings ----------------------------------------------------------------------------------

void ClusterWorld::end_attempt(AttemptId attempt) {
  AttemptSlot& a = attempts_[attempt.index()];
  ClusterInstance& c = instances_[a.instance];
  if (a.phase == Phase::kWaiting) {
    c.waiting.erase(std::find(c.waiting.begin(), c.waiting.end(), attempt));
  } else if (a.phase == Phase::kDispatching) {
    runtime_.cancel(a.timer);
    c.dispatching.erase(std::find(c.dispatching.begin(), c.dispatching.end(), attempt));
  } else if (a.phase == Phase::kRunning) {
    if (a.timer.valid()) runtime_.cancel(a.timer);
    advance(a.instance);
    c.running.erase(std::find(c.running.begin(), c.running.end(), attempt));
  }
  a.timer = TimerId{};
  a.phase = Phase::kDone;
}

void ClusterWorld::kill(AttemptId attempt) {
  const std::uint32_t instance = attempts_[attempt.index()].instance;
  end_attempt(attempt);
  attempts_[attempt.index()].observer = nullptr;  // no callback follows a kill, even mid-crash
  if (instances_[instance].terminated) return;
  admit(instance);
  reshare(instance);
  maybe_terminate(instance);
}

void ClusterWorld::release(ComputeId compute) {
  const auto& live = live_instance_[compute.index()];
  if (!live || spec_of(*live).cluster.kind != ClusterKind::kJobCluster) return;
  instances_[*live].released = true;
  maybe_terminate(*live);
}

void ClusterWorld::crash(std::uint32_t instance, FaultKind fault, FailureKind failure) {
  ClusterInstance& c = instances_[instance];
  advance(instance);
  // Every attempt on it fails at this instant: it shares the one driver JVM.
  victims_.clear();
  for (AttemptId id : c.running) victims_.push_back(id);
  for (AttemptId id : c.dispatching) victims_.push_back(id);
  for (AttemptId id : c.waiting) victims_.push_back(id);
  for (AttemptId id : victims_) end_attempt(id);
  if (fault != FaultKind::kLaunchFailure) {
    faults_.push_back({runtime_.now(), fault, c.compute, instance, AttemptId::invalid(),
                       static_cast<std::uint32_t>(victims_.size())});
  }
  terminate(instance, fault == FaultKind::kLaunchFailure ? ClusterInstance::End::kLaunchFailed
                                                         : ClusterInstance::End::kCrashed);
  // Observers may start retries (on a new instance) from inside these calls.
  // The engine may kill a later victim from inside an earlier one's callback (e.g. canceling the
  // run); kill() clears its observer so that it gets no callback.
  for (std::size_t i = 0; i < victims_.size(); ++i) {
    const AttemptId id = victims_[i];
    if (AttemptObserver* observer = attempts_[id.index()].observer) {
      observer->attempt_finished(id, AttemptResult::failed(failure));
    }
  }
}

void ClusterWorld::lose_worker(std::uint32_t instance, FaultKind fault, bool replace) {
  ClusterInstance& c = instances_[instance];
  if (c.workers == 0) {
    faults_.push_back({runtime_.now(), fault, c.compute, instance, AttemptId::invalid(), 0});
    return;
  }
  advance(instance);
  accrue(c);
  const int spot_before = c.spot_workers();
  // The lost executor's share of what each attempt did since its previous loss (or its start) is
  // recomputed on the remaining workers: its shuffle output and cache went with it. Output from
  // before the previous loss has been consumed by later stages (Spark recomputes only what is still
  // needed), so a loss never costs more than a share of the latest stretch, and a task under
  // frequent losses still converges.
  const double lost_share = 1.0 / c.workers;
  for (AttemptId id : c.running) {
    AttemptSlot& a = attempts_[id.index()];
    a.work_left += a.work_done * lost_share;
    a.work_done = 0;
    a.rate = -1;  // force a reschedule
  }
  --c.workers;
  faults_.push_back({runtime_.now(), fault, c.compute, instance, AttemptId::invalid(),
                     static_cast<std::uint32_t>(c.running.size())});
  record(ClusterEvent::Kind::kResized, instance);
  redraw_spot_loss(instance, spot_before);
  if (replace) {
    ++c.starting_workers;
    runtime_.schedule_after(spec_of(instance).cluster.startup.sample_duration(startups_), *this,
                            encode(TimerKind::kWorkerJoin, instance));
  }
  reshare(instance);
}

void ClusterWorld::maybe_terminate(std::uint32_t instance) {
  ClusterInstance& c = instances_[instance];
  if (c.terminated || !c.up || !c.running.empty() || !c.waiting.empty() || !c.dispatching.empty()) return;
  const ClusterKind kind = spec_of(instance).cluster.kind;
  if (kind == ClusterKind::kAllPurpose) {
    if (!c.idle_timer.valid()) {
      c.idle_timer = runtime_.schedule_after(spec_of(instance).cluster.auto_terminate_after, *this,
                                             encode(TimerKind::kIdleTerminate, instance));
    }
    return;
  }
  // A job cluster waits for its release; a per-attempt cluster ends once its attempt has run.
  if (c.released || c.single_use) terminate(instance, ClusterInstance::End::kReleased);
}

void ClusterWorld::terminate(std::uint32_t instance, ClusterInstance::End end) {
  ClusterInstance& c = instances_[instance];
  accrue(c);
  for (TimerId* t : {&c.crash_timer, &c.oom_timer, &c.spot_timer, &c.scale_up_timer, &c.scale_down_timer, &c.idle_timer}) {
    if (t->valid()) runtime_.cancel(*t);
    *t = TimerId{};
  }
  c.terminated = runtime_.now();
  c.end = end;
  c.starting_workers = 0;
  auto& live = live_instance_[c.compute.index()];
  if (live == instance) live.reset();
  record(ClusterEvent::Kind::kTerminated, instance);
  const auto& pool = spec_of(instance).pool;
  if (pool && end != ClusterInstance::End::kLaunchFailed) pool_return(*pool, c.workers + 1);
}

// ---- billing ----------------------------------------------------------------------------------

void ClusterWorld::accrue(ClusterInstance& c) const {
  const SimTime now = c.terminated ? *c.terminated : runtime_.now();
  const std::int64_t dt = (now - c.accrued).micros();
  if (dt <= 0) return;
  const int driver_od = c.driver_spot ? 0 : 1;
  const int on_demand = driver_od + c.workers - c.spot_workers();
  const int spot = spot_nodes(c);
  if (c.up) {
    c.on_demand_up_us += dt * on_demand;
    c.spot_up_us += dt * spot;
    // Replacements and scale-ups while they start: spot beyond the on-demand workers.
    const int spot_starting = c.spot_workers(c.workers + c.starting_workers) - c.spot_workers();
    c.on_demand_starting_us += dt * (c.starting_workers - spot_starting);
    c.spot_starting_us += dt * spot_starting;
    c.worker_core_seconds += static_cast<double>(dt) / 1e6 * c.workers *
                             deployment_.computes[c.compute.index()].shape.node->vcpus;
  } else {
    c.on_demand_starting_us += dt * on_demand;
    c.spot_starting_us += dt * spot;
  }
  c.accrued = now;
}


InstanceBill ClusterWorld::bill_of(std::uint32_t instance, SimTime end) const {
  ClusterInstance c = instances_[instance];  // a copy, brought up to `end` if still up
  if (!c.terminated) c.terminated = std::max(end, c.accrued);
  accrue(c);
  const models::Pricing& pricing = model_.pricing;
  const models::ComputeSpec& spec = deployment_.computes[c.compute.index()];
  const models::Sku sku = spec.cluster.billing_sku();
  const models::NodeRates rates = models::node_rates(*spec.shape.node, pricing, sku, spec.cluster.photon);
  const bool serverless = sku == models::Sku::kServerless;
  InstanceBill b;
  b.up += models::bill_nodes(rates, pricing, serverless, 1, 0, Duration::micros(c.on_demand_up_us), false);
  b.up += models::bill_nodes(rates, pricing, serverless, 0, 1, Duration::micros(c.spot_up_us), false);
  b.startup += models::bill_nodes(rates, pricing, serverless, 1, 0, Duration::micros(c.on_demand_starting_us), true);
  b.startup += models::bill_nodes(rates, pricing, serverless, 0, 1, Duration::micros(c.spot_starting_us), true);
  return b;
}

double ClusterWorld::pool_idle_usd(SimTime end) const {
  double usd = 0;
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    PoolState pool = pools_[p];
    const SimTime now = std::max(end, pool.accrued);
    pool.idle_node_us += (now - pool.accrued).micros() * static_cast<std::int64_t>(pool.idle_since.size() + pool.refilling);
    // The pool's node type is that of the computes drawing from it.
    for (const auto& spec : deployment_.computes) {
      if (spec.pool != p) continue;
      usd += spec.shape.node->vm_usd_per_hour *
             static_cast<double>(models::billed_seconds(Duration::micros(pool.idle_node_us))) / 3600.0;
      break;
    }
  }
  return usd;
}

models::Bill ClusterWorld::bill(SimTime end) const {
  models::Bill total;
  for (std::uint32_t i = 0; i < instances_.size(); ++i) {
    const InstanceBill b = bill_of(i, end);
    total += b.startup;
    total += b.up;
  }
  total.pool_idle_usd = pool_idle_usd(end);
  total.vm_usd += total.pool_idle_usd;
  return total;
}

// ---- pools ------------------------------------------------------------------------------------

void ClusterWorld::accrue_pool(PoolState& p) const {
  // Instances being provisioned for the pool are billed like idle ones: the VM runs, no DBUs.
  const SimTime now = runtime_.now();
  p.idle_node_us += (now - p.accrued).micros() * static_cast<std::int64_t>(p.idle_since.size() + p.refilling);
  p.accrued = now;
}

void ClusterWorld::pool_refill(std::uint32_t pool) {
  PoolState& p = pools_[pool];
  const models::PoolSpec& spec = deployment_.pools[pool];
  const int missing = spec.min_idle - static_cast<int>(p.idle_since.size()) - p.refilling;
  if (missing <= 0) return;
  accrue_pool(p);
  p.refilling += missing;
  // Provisioning takes a cold start of the pool's node type.
  const models::ComputeSpec* user = nullptr;
  for (const auto& c : deployment_.computes) {
    if (c.pool == pool) { user = &c; break; }
  }
  runtime_.schedule_after(user->cluster.startup.sample_duration(startups_), *this,
                          encode(TimerKind::kPoolRefill, pool, static_cast<std::uint32_t>(missing)));
}

void ClusterWorld::pool_return(std::uint32_t pool, int nodes) {
  PoolState& p = pools_[pool];
  accrue_pool(p);
  for (int i = 0; i < nodes; ++i) p.idle_since.push_back(runtime_.now());
  if (!p.release_timer.valid() && static_cast<int>(p.idle_since.size()) > deployment_.pools[pool].min_idle) {
    p.release_timer = runtime_.schedule_after(deployment_.pools[pool].idle_timeout, *this,
                                              encode(TimerKind::kPoolRelease, pool));
  }
}

// ---- timers -----------------------------------------------------------------------------------

void ClusterWorld::on_timer(std::uint64_t payload) {
  const auto kind = static_cast<TimerKind>(payload >> 56);
  const auto aux = static_cast<std::uint32_t>((payload >> 32) & 0xFFFFFF);
  const auto index = static_cast<std::uint32_t>(payload & 0xFFFFFFFFu);
  switch (kind) {
    case TimerKind::kClusterUp: cluster_up(index); return;
    case TimerKind::kDispatched: start_running(AttemptId(index)); return;
    case TimerKind::kAttemptEnd: {
      const AttemptId attempt(index);
      AttemptSlot& a = attempts_[attempt.index()];
      a.timer = TimerId{};
      const std::uint32_t instance = a.instance;
      const std::optional<FailureKind> failure = a.failure;
      AttemptObserver& observer = *a.observer;
      end_attempt(attempt);
      if (failure) {
        faults_.push_back({runtime_.now(), *failure == FailureKind::kPermanent ? FaultKind::kPermanentError
                                                                                 : FaultKind::kTaskError,
                           instances_[instance].compute, instance, attempt, 1});
      }
      admit(instance);
      reshare(instance);
      // A per-attempt cluster ends with its attempt, before the engine hears of it: a successor
      // started from the callback finds the instances it returned to its pool.
      if (instances_[instance].single_use) maybe_terminate(instance);
      observer.attempt_finished(attempt, failure ? AttemptResult::failed(*failure) : AttemptResult::success());
      maybe_terminate(instance);
      return;
    }
    default: break;
  }
  if (kind == TimerKind::kScripted) {
    const models::ScriptedFault& f = model_.faults.scripted[index];
    std::optional<std::uint32_t> target;
    for (std::size_t i = 0; i < deployment_.computes.size(); ++i) {
      if (deployment_.computes[i].name == f.target) target = live_instance_[i];
    }
    const bool up = target && instances_[*target].up && !instances_[*target].terminated;
    if (!up) {
      // Nothing of that name is up: the fault is recorded as having hit nothing.
      faults_.push_back({runtime_.now(), f.action == models::ScriptedFault::Action::kCrash ? FaultKind::kScriptedCrash
                                                                                             : FaultKind::kScriptedWorkerLoss,
                         ComputeId::invalid(), std::nullopt, AttemptId::invalid(), 0});
    } else if (f.action == models::ScriptedFault::Action::kCrash) {
      crash(*target, FaultKind::kScriptedCrash, FailureKind::kClusterLost);
    } else {
      lose_worker(*target, FaultKind::kScriptedWorkerLoss, true);
    }
    return;
  }
  if (kind == TimerKind::kPoolRefill || kind == TimerKind::kPoolRelease) {
    PoolState& p = pools_[index];
    accrue_pool(p);
    if (kind == TimerKind::kPoolRefill) {
      p.refilling -= static_cast<int>(aux);
      for (std::uint32_t i = 0; i < aux; ++i) p.idle_since.push_back(runtime_.now());
      return;
    }
    p.release_timer = TimerId{};
    const models::PoolSpec& spec = deployment_.pools[index];
    while (static_cast<int>(p.idle_since.size()) > spec.min_idle && p.idle_since.front() + spec.idle_timeout <= runtime_.now()) {
      p.idle_since.pop_front();
    }
    if (static_cast<int>(p.idle_since.size()) > spec.min_idle) {
      p.release_timer = runtime_.schedule_at(p.idle_since.front() + spec.idle_timeout, *this,
                                             encode(TimerKind::kPoolRelease, index));
    }
    return;
  }
  ClusterInstance& c = instances_[index];
  if (c.terminated) return;  // a timer that outlived its cluster (e.g. a replacement worker)
  switch (kind) {
    case TimerKind::kDriverCrash:
      c.crash_timer = TimerId{};
      crash(index, FaultKind::kDriverCrash, FailureKind::kClusterLost);
      break;
    case TimerKind::kOomCrash:
      c.oom_timer = TimerId{};
      crash(index, FaultKind::kOomCrash, FailureKind::kClusterLost);
      break;
    case TimerKind::kSpotNotice: {
      // A spot node got its notice: which one is drawn now, it goes after the notice period.
      const bool driver = c.driver_spot && spot_.below(static_cast<std::uint64_t>(spot_nodes(c))) == 0;
      c.spot_in_notice = true;
      c.spot_timer = runtime_.schedule_after(model_.faults.spot_notice, *this,
                                             encode(TimerKind::kSpotLoss, index, driver ? 1 : 0));
      break;
    }
    case TimerKind::kSpotLoss:
      c.spot_timer = TimerId{};
      if (aux == 1) {
        crash(index, FaultKind::kSpotDriverLost, FailureKind::kPreempted);
      } else {
        // A scale-down may have removed the noticed worker already.
        if (c.spot_workers() > 0) lose_worker(index, FaultKind::kSpotWorkerLost, true);
        schedule_spot_loss(index);
      }
      break;
    case TimerKind::kWorkerJoin:
    case TimerKind::kScaleUp: {
      const int joined = kind == TimerKind::kScaleUp ? static_cast<int>(aux) : 1;
      if (kind == TimerKind::kScaleUp) c.scale_up_timer = TimerId{};
      accrue(c);
      const int spot_before = c.spot_workers();
      c.starting_workers -= joined;
      c.workers += joined;
      record(ClusterEvent::Kind::kResized, index);
      redraw_spot_loss(index, spot_before);
      reshare(index);
      break;
    }
    case TimerKind::kScaleDown: {
      c.scale_down_timer = TimerId{};
      const auto& scale = spec_of(index).cluster.autoscale;
      double demand = 0;
      for (AttemptId id : c.running) demand += attempts_[id.index()].demand;
      for (AttemptId id : c.dispatching) demand += attempts_[id.index()].demand;
      for (AttemptId id : c.waiting) demand += attempts_[id.index()].demand;
      const int vcpus = spec_of(index).shape.node->vcpus;
      const int keep = std::clamp(static_cast<int>(std::ceil(demand / vcpus)), scale->min_workers, c.workers);
      if (keep < c.workers) {
        accrue(c);
        advance(index);
        const int spot_before = c.spot_workers();
        c.workers = keep;  // spot workers go first (the on-demand ones are counted first)
        record(ClusterEvent::Kind::kResized, index);
        redraw_spot_loss(index, spot_before);
        reshare(index);
      }
      break;
    }
    case TimerKind::kIdleTerminate:
      c.idle_timer = TimerId{};
      terminate(index, ClusterInstance::End::kIdle);
      break;
    default: break;
  }
}

}  // namespace orchsim::sim
