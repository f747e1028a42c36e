// ClusterWorld's cluster life cycles: request and startup (cold, warm from a pool, serverless),
// up, autoscaling, termination (released, per attempt, idle), instance pools and billing.
#include <algorithm>
#include <cmath>

#include "sim/world/cluster_world.h"

namespace orchsim::sim {

using models::FaultKind;

std::uint32_t ClusterWorld::new_instance(ComputeId compute, RunId run, bool already_up) {
  const auto index = static_cast<std::uint32_t>(instances_.size());
  const models::ComputeSpec& spec = deployment_.computes[compute.index()];
  ClusterInstance c;
  c.compute = compute;
  LiveCompute& live = live_[compute.value()];
  if (spec.traits().per_run) {
    c.run = run;
    ++live.job_clusters;
  }
  live.latest = index;
  c.requested = runtime_.now();
  c.slot = states_.acquire();
  if (instances_.size() == instances_.capacity()) instances_.reserve(instances_.size() + instances_.size() / 8 + 8);
  instances_.push_back(c);
  // A reused slot: its queues are empty and its timers cleared (terminate); the rest starts anew.
  ClusterState& s = state(index);
  s.workers = spec.shape.workers;
  s.node_time = NodeTime{};
  s.accrued = runtime_.now();
  s.starting_workers = 0;
  s.released = false;
  s.launch_fails = false;
  s.spot_in_notice = false;
  record(ClusterEvent::Kind::kRequested, index);
  if (already_up) return index;
  const Duration startup = draw_startup(index);
  if (spec.traits().customer_vms) {
    state(index).launch_fails = launches_.bernoulli(model_.faults.launch_failure_probability);
  }
  runtime_.schedule_after(startup, *this, encode(TimerKind::kClusterUp, index));
  return index;
}

// A new instance's startup. From a pool (plan() gives pools only to kinds that draw from one): take
// idle instances, most recently idled first; all nodes idle → warm start; then refill the pool.
Duration ClusterWorld::draw_startup(std::uint32_t instance) {
  const models::ComputeSpec& spec = spec_of(instance);
  if (!spec.pool) return spec.startup().sample_duration(startups_);
  accrue_pool(*spec.pool);
  PoolState& pool = pools_[*spec.pool];
  const int needed = spec.shape.nodes();
  const int taken = std::min<int>(needed, static_cast<int>(pool.idle_since.size()));
  pool.idle_since.erase(pool.idle_since.end() - taken, pool.idle_since.end());
  const bool warm = taken == needed;
  const Duration startup = warm ? deployment_.pools[*spec.pool].warm_start.sample_duration(startups_)
                                : spec.cluster().startup.sample_duration(startups_);
  pool_refill(*spec.pool);
  return startup;
}

void ClusterWorld::cluster_up(std::uint32_t instance) {
  accrue(instance);
  ClusterInstance& c = instances_[instance];
  if (state(instance).launch_fails) {
    // The cloud could not provision it: whatever waits on it fails in PENDING, retry-eligible.
    faults_.push_back({runtime_.now(), FaultKind::kLaunchFailure, c.compute, instance, AttemptId::invalid(),
                       static_cast<std::uint32_t>(state(instance).waiting.size())});
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

// ---- autoscaling ------------------------------------------------------------------------------

// The cores every attempt on a cluster (running, dispatching or waiting) could use.
double ClusterWorld::demand_on(const ClusterState& s) const {
  double demand = 0;
  for (AttemptId id : s.running) demand += slot(id).demand;
  for (AttemptId id : s.dispatching) demand += slot(id).demand;
  for (AttemptId id : s.waiting) demand += slot(id).demand;
  return demand;
}

void ClusterWorld::autoscale(std::uint32_t instance) {
  ClusterInstance& c = instances_[instance];
  const auto& scale = spec_of(instance).cluster().autoscale;
  if (!scale || !c.up || c.terminated) return;
  ClusterState& s = state(instance);
  const int vcpus = spec_of(instance).shape.node->vcpus;
  const double demand = demand_on(s);
  const int wanted = std::clamp(static_cast<int>(std::ceil(demand / vcpus)), scale->min_workers, scale->max_workers);
  if (wanted > s.workers + s.starting_workers && !s.scale_up_timer.valid()) {
    const int add = wanted - s.workers - s.starting_workers;
    accrue(instance);
    s.starting_workers += add;
    s.scale_up_timer = runtime_.schedule_after(scale->scale_up_delay, *this,
                                               encode(TimerKind::kScaleUp, instance, static_cast<std::uint32_t>(add)));
  }
  if (wanted < s.workers && !s.scale_down_timer.valid()) {
    s.scale_down_timer = runtime_.schedule_after(scale->scale_down_after, *this, encode(TimerKind::kScaleDown, instance));
  }
}

// Workers that were starting (a scale-up or a replacement) are usable now.
void ClusterWorld::workers_joined(std::uint32_t instance, int joined) {
  accrue(instance);
  ClusterState& s = state(instance);
  const int spot_before = spot_workers(instances_[instance], s.workers);
  s.starting_workers -= joined;
  s.workers += joined;
  record(ClusterEvent::Kind::kResized, instance);
  redraw_spot_loss(instance, spot_before);
  reshare(instance);
}

void ClusterWorld::on_scale_up(std::uint32_t instance, int added) {
  state(instance).scale_up_timer = TimerId{};
  workers_joined(instance, added);
}

void ClusterWorld::on_scale_down(std::uint32_t instance) {
  ClusterState& s = state(instance);
  s.scale_down_timer = TimerId{};
  const auto& scale = spec_of(instance).cluster().autoscale;
  const double demand = demand_on(s);
  const int vcpus = spec_of(instance).shape.node->vcpus;
  const int keep = std::clamp(static_cast<int>(std::ceil(demand / vcpus)), scale->min_workers, s.workers);
  if (keep >= s.workers) return;
  accrue(instance);
  advance(instance);
  const int spot_before = spot_workers(instances_[instance], s.workers);
  s.workers = keep;  // spot workers go first (the on-demand ones are counted first)
  record(ClusterEvent::Kind::kResized, instance);
  redraw_spot_loss(instance, spot_before);
  reshare(instance);
}

// ---- termination ------------------------------------------------------------------------------

void ClusterWorld::maybe_terminate(std::uint32_t instance) {
  ClusterInstance& c = instances_[instance];
  if (c.terminated || !c.up) return;
  ClusterState& s = state(instance);
  if (!s.running.empty() || !s.waiting.empty() || !s.dispatching.empty()) return;
  const models::ComputeSpec& spec = spec_of(instance);
  if (spec.traits().idle_auto_terminates) {
    if (!s.idle_timer.valid()) {
      s.idle_timer = runtime_.schedule_after(spec.cluster().auto_terminate_after, *this,
                                             encode(TimerKind::kIdleTerminate, instance));
    }
    return;
  }
  // A job cluster waits for its release; a per-attempt cluster ends once its attempt has run.
  if (s.released || single_use(instance)) terminate(instance, End::kReleased);
}

void ClusterWorld::on_idle_terminate(std::uint32_t instance) {
  state(instance).idle_timer = TimerId{};
  terminate(instance, End::kIdle);
}

void ClusterWorld::terminate(std::uint32_t instance, End end) {
  accrue(instance);
  ClusterInstance& c = instances_[instance];
  ClusterState& s = state(instance);
  for (TimerId* t : {&s.crash_timer, &s.oom_timer, &s.spot_timer, &s.scale_up_timer, &s.scale_down_timer, &s.idle_timer}) {
    if (t->valid()) runtime_.cancel(*t);
    *t = TimerId{};
  }
  c.terminated = runtime_.now();
  // Most instances keep their nodes: their node time follows from their times, and only the
  // others' is kept.
  std::uint32_t node_time = ClusterInstance::kSteady;
  if (s.node_time != steady_node_time(c)) {
    node_time = static_cast<std::uint32_t>(irregular_.size());
    irregular_.push_back(s.node_time);
  }
  // No entry: a later instance of its compute (one per attempt) terminated before it and left
  // nothing live to track.
  if (const auto entry = live_.find(c.compute.value()); entry != live_.end()) {
    LiveCompute& live = entry->second;
    if (live.latest == instance) live.latest = kNoInstance;
    if (c.run.valid()) --live.job_clusters;
    if (live.latest == kNoInstance && live.job_clusters == 0) live_.erase(entry);
  }
  record(ClusterEvent::Kind::kTerminated, instance);
  const auto& pool = spec_of(instance).pool;
  if (pool && end != End::kLaunchFailed) pool_return(*pool, s.workers + 1);
  // Its queues are empty (a crash ended its attempts first); the slot keeps their memory for reuse.
  states_.release(c.slot);
  c.slot = node_time;
}

// ---- billing ----------------------------------------------------------------------------------

int ClusterWorld::spot_workers(const ClusterInstance& c, int n) const {
  const models::ComputeSpec& spec = deployment_.computes[c.compute.index()];
  if (!spec.cluster().spot_workers || !spec.traits().customer_vms) return 0;
  return std::max(0, n - std::max(0, spec.cluster().first_on_demand - 1));
}

bool ClusterWorld::driver_spot(const ClusterInstance& c) const {
  const models::ComputeSpec& spec = deployment_.computes[c.compute.index()];
  return spec.cluster().spot_workers && spec.traits().customer_vms && spec.cluster().first_on_demand <= 0;
}

int ClusterWorld::spot_nodes(const ClusterInstance& c, int workers) const {
  return spot_workers(c, workers) + (driver_spot(c) ? 1 : 0);
}

void ClusterWorld::accrue(std::uint32_t instance) {
  ClusterState& s = state(instance);
  const SimTime now = runtime_.now();
  integrate(instances_[instance], s.node_time, (now - s.accrued).micros(), s.workers, s.starting_workers);
  s.accrued = now;
}

void ClusterWorld::integrate(ClusterInstance& c, NodeTime& t, std::int64_t dt, int workers, int starting_workers) const {
  if (dt <= 0) return;
  const int driver_od = driver_spot(c) ? 0 : 1;
  const int spot_now = spot_workers(c, workers);
  const int on_demand = driver_od + workers - spot_now;
  const int spot = spot_nodes(c, workers);
  if (c.up) {
    t.on_demand_up_us += dt * on_demand;
    t.spot_up_us += dt * spot;
    // Replacements and scale-ups while they start: spot beyond the on-demand workers.
    const int spot_starting = spot_workers(c, workers + starting_workers) - spot_now;
    t.on_demand_starting_us += dt * (starting_workers - spot_starting);
    t.spot_starting_us += dt * spot_starting;
    // A single-node cluster runs its tasks on the driver: its cores are the paid capacity.
    const models::ComputeSpec& spec = deployment_.computes[c.compute.index()];
    const bool single_node = spec.shape.workers == 0 && !spec.cluster().autoscale;
    c.worker_core_seconds += static_cast<double>(dt) / 1e6 * (single_node ? 1 : workers) * spec.shape.node->vcpus;
  } else {
    t.on_demand_starting_us += dt * on_demand;
    t.spot_starting_us += dt * spot;
  }
}

NodeTime ClusterWorld::steady_node_time(const ClusterInstance& c) const {
  const int workers = deployment_.computes[c.compute.index()].shape.workers;
  const std::int64_t on_demand = (driver_spot(c) ? 0 : 1) + workers - spot_workers(c, workers);
  const std::int64_t spot = spot_nodes(c, workers);
  const SimTime end = *c.terminated;
  const std::int64_t starting = ((c.up ? *c.up : end) - c.requested).micros();
  const std::int64_t up = c.up ? (end - *c.up).micros() : 0;
  return {.on_demand_up_us = up * on_demand, .spot_up_us = up * spot,
          .on_demand_starting_us = starting * on_demand, .spot_starting_us = starting * spot};
}

NodeTime ClusterWorld::node_time(std::uint32_t instance) const {
  const ClusterInstance& c = instances_[instance];
  if (!c.terminated) return state(instance).node_time;
  return c.slot == ClusterInstance::kSteady ? steady_node_time(c) : irregular_[c.slot];
}

InstanceBill ClusterWorld::bill_of(std::uint32_t instance, SimTime end) const {
  ClusterInstance c = instances_[instance];  // a copy, brought up to `end` if still up
  NodeTime nodes = node_time(instance);
  if (!c.terminated) {
    const ClusterState& s = state(instance);
    c.terminated = std::max(end, s.accrued);
    integrate(c, nodes, (*c.terminated - s.accrued).micros(), s.workers, s.starting_workers);
  }
  const models::Pricing& pricing = model_.pricing;
  const models::ComputeSpec& spec = deployment_.computes[c.compute.index()];
  const models::ClusterTemplate& t = spec.cluster();
  InstanceBill b;
  if (t.billing_sku() == models::Sku::kServerless) {
    if (c.up) b.up = models::bill_serverless(pricing, t.performance_target, c.task_cores, *c.terminated - *c.up);
    return b;
  }
  if (t.billed_by_use()) {
    b.up = models::bill_core_seconds(spec.shape, pricing, t.billing_sku(), t.photon, c.busy_core_seconds);
    return b;
  }
  const models::NodeRates rates = models::node_rates(*spec.shape.node, pricing, t.billing_sku(), t.photon);
  b.up += models::bill_nodes(rates, pricing, 1, 0, Duration::micros(nodes.on_demand_up_us), false);
  b.up += models::bill_nodes(rates, pricing, 0, 1, Duration::micros(nodes.spot_up_us), false);
  b.startup += models::bill_nodes(rates, pricing, 1, 0, Duration::micros(nodes.on_demand_starting_us), true);
  b.startup += models::bill_nodes(rates, pricing, 0, 1, Duration::micros(nodes.spot_starting_us), true);
  return b;
}

// The VM $/h of the pool's node type, that of the computes drawing from it (0 if none does).
double ClusterWorld::pool_vm_usd_per_hour(std::uint32_t pool) const {
  for (const auto& spec : deployment_.computes) {
    if (spec.pool == pool) return spec.shape.node->vm_usd_per_hour;
  }
  return 0;
}

double ClusterWorld::pool_idle_usd(std::uint32_t pool, SimTime end) const {
  PoolState p = pools_[pool];
  const SimTime now = std::max(end, p.accrued);
  p.idle_node_us += (now - p.accrued).micros() * billed_idle(pool);
  return pool_vm_usd_per_hour(pool) * static_cast<double>(models::billed_seconds(Duration::micros(p.idle_node_us))) /
         3600.0;
}

double ClusterWorld::pool_standing_usd(std::uint32_t pool) const {
  return models::pool_standing_usd(deployment_.pools[pool].min_idle, pool_vm_usd_per_hour(pool), model_.runs_per_day);
}

models::Bill ClusterWorld::bill(SimTime end) const {
  models::Bill total;
  for (std::uint32_t i = 0; i < instances_.size(); ++i) {
    const InstanceBill b = bill_of(i, end);
    total += b.startup;
    total += b.up;
  }
  for (std::uint32_t p = 0; p < pools_.size(); ++p) {
    total.pool_idle_usd += pool_idle_usd(p, end);
    total.pool_standing_usd += pool_standing_usd(p);
  }
  total.vm_usd += total.pool_idle_usd + total.pool_standing_usd;
  return total;
}

// ---- pools ------------------------------------------------------------------------------------

// Instances being provisioned for the pool are billed like idle ones (the VM runs, no DBUs); the
// first min_idle of them are the standing cost, billed once per run by pool_standing_usd.
std::int64_t ClusterWorld::billed_idle(std::uint32_t pool) const {
  const PoolState& p = pools_[pool];
  const std::int64_t held = static_cast<std::int64_t>(p.idle_since.size()) + p.refilling;
  return std::max<std::int64_t>(0, held - deployment_.pools[pool].min_idle);
}

void ClusterWorld::accrue_pool(std::uint32_t pool) {
  PoolState& p = pools_[pool];
  const SimTime now = runtime_.now();
  p.idle_node_us += (now - p.accrued).micros() * billed_idle(pool);
  p.accrued = now;
}

void ClusterWorld::pool_refill(std::uint32_t pool) {
  PoolState& p = pools_[pool];
  const models::PoolSpec& spec = deployment_.pools[pool];
  const int missing = spec.min_idle - static_cast<int>(p.idle_since.size()) - p.refilling;
  if (missing <= 0) return;
  accrue_pool(pool);
  p.refilling += missing;
  // Provisioning takes a cold start of the pool's node type.
  const models::ComputeSpec* user = nullptr;
  for (const auto& c : deployment_.computes) {
    if (c.pool == pool) { user = &c; break; }
  }
  runtime_.schedule_after(user->cluster().startup.sample_duration(startups_), *this,
                          encode(TimerKind::kPoolRefill, pool, static_cast<std::uint32_t>(missing)));
}

void ClusterWorld::on_pool_refilled(std::uint32_t pool, int nodes) {
  accrue_pool(pool);
  PoolState& p = pools_[pool];
  p.refilling -= nodes;
  for (int i = 0; i < nodes; ++i) p.idle_since.push_back(runtime_.now());
}

void ClusterWorld::pool_return(std::uint32_t pool, int nodes) {
  accrue_pool(pool);
  PoolState& p = pools_[pool];
  for (int i = 0; i < nodes; ++i) p.idle_since.push_back(runtime_.now());
  if (!p.release_timer.valid() && static_cast<int>(p.idle_since.size()) > deployment_.pools[pool].min_idle) {
    p.release_timer = runtime_.schedule_after(deployment_.pools[pool].idle_timeout, *this,
                                              encode(TimerKind::kPoolRelease, pool));
  }
}

// Idle instances above min_idle that have been idle for the timeout go; the timer is set again for
// the next one due.
void ClusterWorld::on_pool_release(std::uint32_t pool) {
  accrue_pool(pool);
  PoolState& p = pools_[pool];
  p.release_timer = TimerId{};
  const models::PoolSpec& spec = deployment_.pools[pool];
  while (static_cast<int>(p.idle_since.size()) > spec.min_idle && p.idle_since.front() + spec.idle_timeout <= runtime_.now()) {
    p.idle_since.pop_front();
  }
  if (static_cast<int>(p.idle_since.size()) > spec.min_idle) {
    p.release_timer = runtime_.schedule_at(p.idle_since.front() + spec.idle_timeout, *this,
                                           encode(TimerKind::kPoolRelease, pool));
  }
}

}  // namespace orchsim::sim
