#include "models/compute_sizing.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

namespace orchsim::models {

namespace {

int ceil_div(double need, double per_node) {
  if (need <= 0) return 0;
  if (per_node <= 0) return 1 << 30;  // the node has none of it: never enough
  return static_cast<int>(std::ceil(need / per_node - 1e-9));
}

// The task's wall time in the schedule: its median duration, × the rounds of a for_each.
double scheduled_seconds(const WorkloadTask& t) {
  if (t.is_condition() || t.disabled) return 0;
  double rounds = 1;
  if (const auto& each = t.orchestration->for_each) {
    const double concurrency = std::max<std::uint32_t>(1, each->concurrency);
    rounds = std::ceil(each->inputs / concurrency);
  }
  return t.duration.to_seconds() * rounds;
}

}  // namespace

Demand task_demand(const WorkloadTask& task, const Catalog& catalog) {
  if (task.is_condition() || task.disabled) return {};
  int copies = 1;
  if (const auto& each = task.orchestration->for_each) {
    copies = static_cast<int>(std::max<std::uint32_t>(1, std::min(each->concurrency, each->inputs)));
  }
  const TaskPlacement& placement = *task.placement;
  const auto& named = placement.required_node_type ? placement.required_node_type : placement.preferred_node_type;
  const NodeType* node = named ? catalog.find(*named) : nullptr;
  const int gpus = node != nullptr && node->gpus > 0 ? 1 : 0;
  return {.cores = task.cores * copies, .gpus = gpus * copies, .mem_gib = task.rare->mem_gib * copies};
}

Schedule asap_schedule(const Workload& workload, const Dag& dag) {
  // Each task starts when its last upstream task ends.
  Schedule s{.start = std::vector<double>(workload.tasks.size(), 0), .end = std::vector<double>(workload.tasks.size(), 0)};
  for (TaskId t : dag.topological_order()) {
    for (TaskId up : dag.upstream(t)) s.start[t.index()] = std::max(s.start[t.index()], s.end[up.index()]);
    s.end[t.index()] = s.start[t.index()] + scheduled_seconds(workload.tasks[t.index()]);
  }
  return s;
}

Demand peak_demand(const Schedule& schedule, const Workload& workload, const std::vector<std::size_t>& tasks,
                   const Catalog& catalog) {
  const std::vector<double>& start = schedule.start;
  const std::vector<double>& end = schedule.end;
  // Sweep: at one instant ends come before starts (sign −1 sorts first).
  struct Event {
    double at;
    int sign;
    Demand d;
  };
  std::vector<Event> events;
  for (std::size_t i : tasks) {
    if (end[i] <= start[i]) continue;
    const Demand d = task_demand(workload.tasks[i], catalog);
    events.push_back({start[i], +1, d});
    events.push_back({end[i], -1, d});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.at != b.at ? a.at < b.at : a.sign < b.sign; });
  Demand now, peak;
  for (const Event& e : events) {
    now.cores += e.sign * e.d.cores;
    now.mem_gib += e.sign * e.d.mem_gib;
    now.gpus += e.sign * e.d.gpus;
    peak.cores = std::max(peak.cores, now.cores);
    peak.mem_gib = std::max(peak.mem_gib, now.mem_gib);
    peak.gpus = std::max(peak.gpus, now.gpus);
  }
  return peak;
}

// GPUs count only on a GPU node type: a task that merely prefers a GPU node runs on a CPU node's
// cores (slowed by the mismatch), and one that requires it is refused there by the planner.
int workers_for(const Demand& demand, const NodeType& node) {
  return std::max({1, ceil_div(demand.cores, node.vcpus), ceil_div(demand.mem_gib, node.mem_gib),
                   node.gpus > 0 ? ceil_div(demand.gpus, node.gpus) : 0});
}

SizedCluster size_cluster(const ClusterTemplate& c, const Demand& demand, const std::string& pinned,
                          const Catalog& catalog, const Pricing& pricing) {
  if (c.workers_written) return {.node_type = pinned.empty() ? c.node_type : pinned, .workers = c.workers, .sizing = {}};
  const auto fixed = [&](const std::string& name, SizingHow how) {
    const NodeType* node = catalog.find(name);
    const int need = node == nullptr ? 1 : workers_for(demand, *node);
    return SizedCluster{.node_type = name, .workers = std::min(need, c.max_workers),
                        .sizing = {.demand = demand, .how = how, .capped = need > c.max_workers}};
  };
  if (!pinned.empty()) return fixed(pinned, SizingHow::kSized);
  if (c.node_type_written) return fixed(c.node_type, SizingHow::kSized);
  // A workspace runs on one cloud: the template's node type says which, when its name does.
  const Cloud cloud = cloud_of(c.node_type);
  const NodeType* best = nullptr;
  int best_workers = 0;
  double best_cost = 0;
  for (const NodeType& node : catalog.nodes()) {
    if ((node.gpus > 0) != (demand.gpus > 0)) continue;
    if (cloud != Cloud::kUnknown && cloud_of(node.name) != Cloud::kUnknown && cloud_of(node.name) != cloud) continue;
    const int workers = workers_for(demand, node);
    if (workers > c.max_workers) continue;
    const double cost = usd_per_hour({&node, workers}, pricing, c.billing_sku(), c.photon);
    if (best == nullptr || cost < best_cost) {
      best = &node;
      best_workers = workers;
      best_cost = cost;
    }
  }
  if (best == nullptr) return fixed(c.node_type, SizingHow::kCheapestFit);
  return {.node_type = best->name, .workers = best_workers,
          .sizing = {.demand = demand, .how = SizingHow::kCheapestFit, .capped = false}};
}

std::string describe(const ComputeSizing& sizing, int max_workers) {
  if (sizing.how == SizingHow::kAsWritten) return "as written";
  std::string need = fmt::format("{} cores", sizing.demand.cores);
  if (sizing.demand.mem_gib > 0) need += fmt::format(", {:g} GiB", sizing.demand.mem_gib);
  if (sizing.demand.gpus > 0) need += fmt::format(", {} GPU", sizing.demand.gpus);
  std::string text = sizing.how == SizingHow::kSized ? "sized: peak " + need : "cheapest fit: peak " + need;
  if (sizing.capped) text += fmt::format(", capped at {} workers", max_workers);
  return text;
}

}  // namespace orchsim::models
