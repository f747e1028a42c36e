// Right-sized compute (docs/model.md §10): the demand a compute carries (cores, memory, GPUs of its
// tasks; for a shared cluster the peak of an as-soon-as-possible schedule of them), the workers of a
// node type that carry it, and the cheapest catalog node type that fits. models::plan uses it for
// every compute a strategy creates; ComputeSizing records the choice for the report's Compute table.
// Pure functions and plain data, no thread affinity.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/dag.h"
#include "models/cluster.h"
#include "models/node_type.h"
#include "models/pricing.h"
#include "models/workload.h"

namespace orchsim::models {

struct Demand {
  int cores = 0;
  int gpus = 0;  // before mem_gib: no padding (a ComputeSpec per task under multi_job holds one)
  double mem_gib = 0;

  auto operator<=>(const Demand&) const = default;
};

// How a compute got its node type and worker count.
enum class SizingHow : std::uint8_t {
  kAsWritten,    // the scenario's workers (or autoscale): kept
  kSized,        // node type given (written, or the task's preferred/required one); workers from demand
  kCheapestFit,  // node type and workers chosen: the cheapest cluster that carries the demand
};

struct ComputeSizing {
  Demand demand;  // what it was sized for (kSized, kCheapestFit)
  SizingHow how = SizingHow::kAsWritten;
  bool capped = false;  // the demand needs more than the cluster's max_workers: it got the cap

  auto operator<=>(const ComputeSizing&) const = default;
};

// One task's demand while it runs: its cores and memory (a for_each task: × its concurrency); a
// condition or disabled task has none. GPUs: 1 when its node type (required, else preferred) has
// GPUs, since a task names a GPU node to use its GPU.
Demand task_demand(const WorkloadTask& task, const Catalog& catalog);

// An as-soon-as-possible schedule of the whole DAG at each task's median duration (a for_each:
// × its rounds), without startups: seconds from the run's start, per workload task.
struct Schedule {
  std::vector<double> start, end;
};
Schedule asap_schedule(const Workload& workload, const Dag& dag);

// The peak concurrent demand of `tasks` (workload task indices) in `schedule`; a task ending when
// another starts does not overlap it. Each of cores, memory and GPUs is its own peak.
Demand peak_demand(const Schedule& schedule, const Workload& workload, const std::vector<std::size_t>& tasks,
                   const Catalog& catalog);

// Workers of `node` that carry `demand`: max(⌈cores / vCPUs⌉, ⌈GiB / RAM⌉, ⌈GPUs / GPUs per node⌉),
// at least 1. Not capped.
int workers_for(const Demand& demand, const NodeType& node);

// The cluster a compute of template `c` gets for `demand`. `pinned`: the node type the task asks
// for (preferred or required), else empty. Written workers keep the template; a written or pinned
// node type is kept and given workers_for(demand); otherwise the catalog's cheapest node type that
// carries the demand within max_workers, by $/h of driver + workers at the template's SKU and
// Photon (GPU node types only for GPU demand; only the cloud of the template's node type, when its
// name tells (cloud_of); ties by catalog order). When none fits, the template's
// node type at max_workers.
struct SizedCluster {
  std::string node_type;
  int workers = 0;
  ComputeSizing sizing;
};
SizedCluster size_cluster(const ClusterTemplate& c, const Demand& demand, const std::string& pinned,
                          const Catalog& catalog, const Pricing& pricing);

// "as written", "sized: peak 16 cores", "cheapest fit: peak 8 cores", with ", capped at N
// workers" when capped.
std::string describe(const ComputeSizing& sizing, int max_workers);

// One compute's size as the report's Compute table shows it (Deployment::compute_size). Without its
// name, so that the computes of a per-task layout mostly share a few sizes (sim::InternedList).
struct ComputeSize {
  ClusterKind kind = ClusterKind::kJobCluster;
  std::string node_type;
  int workers = 0;                     // fixed size, or autoscaling's minimum
  std::optional<int> autoscale_max;    // autoscaling's maximum
  ComputeSizing sizing;
  std::string how;                     // describe(sizing), or what a serverless / existing compute is

  auto operator<=>(const ComputeSize&) const = default;
};

}  // namespace orchsim::models
