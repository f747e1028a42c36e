// ClusterSpec: how one compute target behaves over its life (docs/model.md §2–3): its kind (job cluster,
// per-attempt new_cluster, existing all-purpose cluster, serverless), size and autoscaling range,
// startup distribution, SKU and Photon, spot settings, optional instance pool, the cap on execution
// contexts and the per-task dispatch overhead (a strategy may draw its clusters from a pool). PoolSpec: an instance pool's idle-instance policy.
// Plain data, filled by the scenario loader; plan() gives the computes it makes alike one shared copy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/time.h"
#include "models/distributions.h"
#include "models/pricing.h"

namespace orchsim::models {

// What each kind implies (life cycle, billing, faults, pools) is its row in
// models/cluster_kind_traits.h; the comments here are the summary that table follows.
enum class ClusterKind : std::uint8_t {
  // Started by the first task that needs it, shared by the run's tasks, terminated after the run's
  // last such task (released); may draw from a pool; bills the template's SKU (jobs by default).
  kJobCluster,
  // One cluster per attempt (a task's `new_cluster`): started and terminated with it; may draw from
  // a pool; bills the template's SKU.
  kNewCluster,
  // Already up at t = 0, billed at All-Purpose rates, auto-terminates when idle; shared with other
  // users (noisy neighbours); never from a pool.
  kAllPurpose,
  // Per attempt like new_cluster, sized to the task, own start distribution, DBU-inclusive price;
  // managed compute: no spot, pool, launch failure or driver crash of the customer's VMs.
  kServerless,
};

const char* to_string(ClusterKind kind);
std::optional<ClusterKind> parse_cluster_kind(std::string_view text);

// How a run pays for an existing all-purpose cluster (docs/model.md §2.3). Shared (the default):
// other users keep it up, so the run pays its $ per core-hour for the core-hours its attempts held,
// no startup, idle or auto-termination tail. Dedicated: the run is the cluster's only reason to be
// up, so it pays the cluster's whole up-time, the idle tail until auto-termination included.
enum class Attribution : std::uint8_t { kShared, kDedicated };

const char* to_string(Attribution attribution);
std::optional<Attribution> parse_attribution(std::string_view text);

// Serverless start by performance target: performance-optimised "typically start[s] in less than a
// minute" (lognormal median 30 s, p95 55 s); standard "typically start[s] within 4 to 6 minutes"
// (median 5 min, p95 6 min). Databricks' performance-modes page; the shapes are orchsim's.
Distribution default_serverless_startup(PerformanceTarget target);

struct AutoscaleSpec {
  int min_workers = 2;
  int max_workers = 8;
  Duration scale_up_delay = Duration::minutes(2);    // backlog seen → new workers usable
  Duration scale_down_after = Duration::minutes(1);  // whole workers unused this long → removed
};

struct PoolSpec {
  std::string name;
  int min_idle = 0;                                             // idle instances kept ready
  Distribution warm_start = Distribution::lognormal(30, 55);   // every node taken idle: < 1 min
  Duration idle_timeout = Duration::minutes(10);               // extra idle instances released after
};

struct ClusterTemplate {
  ClusterKind kind = ClusterKind::kJobCluster;
  std::string node_type = "Standard_DS3_v2";
  int workers = 4;  // fixed size, or the starting size (= min) when autoscaling
  std::optional<AutoscaleSpec> autoscale;
  // Classic cold start (docs/model.md §2–3: median ≈ 4.5 min, reports up to 10–15 min).
  Distribution startup = Distribution::lognormal(270, 600);
  // Serverless start: performance_target's default (default_serverless_startup) unless set.
  Distribution serverless_startup = default_serverless_startup(PerformanceTarget::kPerformanceOptimized);
  PerformanceTarget performance_target = PerformanceTarget::kPerformanceOptimized;  // serverless only
  Attribution attribution = Attribution::kShared;  // all-purpose only
  std::optional<Sku> sku;  // default: jobs; all-purpose and serverless kinds use their own SKU
  bool photon = false;
  bool spot_workers = false;  // workers beyond first_on_demand − 1 are spot
  int first_on_demand = 1;    // nodes (driver first) that stay on-demand; 0 puts the driver on spot
  Duration auto_terminate_after = Duration::minutes(120);  // all-purpose idle auto-termination
  double noisy_neighbour_load = 0;  // all-purpose: share of worker cores other users keep busy
  int max_contexts = 145;           // concurrent execution contexts per cluster (docs/model.md §4)
  Duration dispatch_overhead = Duration::zero();  // per attempt: context setup before the code runs
  // Sizing (docs/model.md §10, models/compute_sizing.h): what the user wrote is kept, the rest is
  // sized from the demand each compute carries, within `max_workers`.
  bool workers_written = false;    // `workers` or `autoscale` written: every compute keeps them
  bool node_type_written = false;  // `node_type` written: kept; else the cheapest node type that fits
  int max_workers = 32;            // a sized compute never gets more workers (orchsim's default)

  Sku billing_sku() const;
  // An all-purpose cluster attributed as shared: billed by the core-seconds the run used.
  bool billed_by_use() const { return kind == ClusterKind::kAllPurpose && attribution == Attribution::kShared; }
};

}  // namespace orchsim::models
