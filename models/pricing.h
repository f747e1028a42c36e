// Pricing and billing arithmetic (docs/model.md §2–3): per-second billing of DBUs × $/DBU of the
// cluster's SKU, plus the cloud VM's $/h per node (driver + workers). Photon multiplies DBU/h. Spot
// VMs cost (1 − spot discount) × the on-demand VM price. Pool idle instances bill the VM only.
// Serverless is one separate model: DBUs for the cores its task uses (no VM line, no node type's
// DBU/h, no Photon) at one $/DBU, fewer DBUs in standard performance mode. An existing all-purpose
// cluster attributed as shared bills the run its $ per core-hour × the core-hours it used. A pool's
// min_idle instances are a standing cost shared by the runs of a day. Pure functions and plain data.
//
// Assumption, stated because Databricks' docs leave it implicit: while a classic cluster starts, the
// cloud bills the VMs but Databricks bills no DBUs (`bill_vm_during_startup: true`,
// `bill_dbu_during_startup: false`; both are scenario settings). Serverless bills nothing while it
// starts. Each billed interval is rounded up to a whole second, as per-second billing does.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/time.h"
#include "models/node_type.h"

namespace orchsim::models {

// What Databricks bills DBUs as.
enum class Sku : std::uint8_t { kJobs, kAllPurpose, kJobsLight, kServerless };

const char* to_string(Sku sku);
std::optional<Sku> parse_sku(std::string_view text);

// Serverless `performance_target` (Databricks' job setting): performance-optimised (the default)
// starts in under a minute; standard takes 4–6 minutes and uses fewer DBUs at the same $/DBU.
enum class PerformanceTarget : std::uint8_t { kPerformanceOptimized, kStandard };

const char* to_string(PerformanceTarget target);
std::optional<PerformanceTarget> parse_performance_target(std::string_view text);

struct Pricing {
  double jobs_usd_per_dbu = 0.30;         // Jobs Compute, Azure Premium / AWS Premium ≈ 0.15
  double all_purpose_usd_per_dbu = 0.55;  // All-Purpose Compute, Azure Premium
  double jobs_light_usd_per_dbu = 0.10;   // Jobs Light (0.07–0.10)
  double serverless_usd_per_dbu = 0.40;   // serverless jobs, VM included (≈ 0.35–0.45, uncertain)
  // Serverless DBUs per core-hour a task uses, performance-optimised: the reference node's DBU/h per
  // vCPU (DS3_v2: 0.75 / 4) × the Photon multiplier (serverless runs Photon), an orchsim assumption.
  double serverless_dbu_per_core_hour = 0.375;
  double serverless_standard_dbu_factor = 0.6;  // standard mode's DBUs / performance-optimised's
  double photon_dbu_multiplier = 2.0;     // DBU/h × this with Photon (≈ 2–2.5, uncertain)
  double spot_vm_discount = 0.6;          // spot VM price = (1 − discount) × on-demand
  bool bill_vm_during_startup = true;
  bool bill_dbu_during_startup = false;

  double usd_per_dbu(Sku sku) const;
};

struct ClusterShape {
  const NodeType* node = nullptr;
  int workers = 0;
  int nodes() const { return workers + 1; }  // driver + workers
};

struct Bill {
  double vm_usd = 0;
  double dbu_usd = 0;
  double pool_idle_usd = 0;  // of vm_usd: pool instances held idle (VM only, no DBUs)
  double pool_standing_usd = 0;  // of vm_usd: the run's share of the pools' min_idle instances
  double total() const { return vm_usd + dbu_usd; }
  Bill& operator+=(const Bill& o) {
    vm_usd += o.vm_usd;
    dbu_usd += o.dbu_usd;
    pool_idle_usd += o.pool_idle_usd;
    pool_standing_usd += o.pool_standing_usd;
    return *this;
  }
};

// What one node of a cluster costs per hour while up: the cloud VM and the DBUs.
struct NodeRates {
  double vm_usd_per_hour = 0;   // on-demand VM
  double dbu_usd_per_hour = 0;  // DBU/h (× Photon) × $/DBU of the SKU
};

// A classic node's rates; serverless bills through serverless_usd_per_core_hour instead.
NodeRates node_rates(const NodeType& node, const Pricing& pricing, Sku sku, bool photon);

// Whole seconds billed for an interval: rounded up.
std::int64_t billed_seconds(Duration interval);

// The bill for `on_demand` on-demand nodes and `spot` spot nodes over `interval`, either while the
// cluster starts (`starting`) or while it is up.
Bill bill_nodes(const NodeRates& rates, const Pricing& pricing, int on_demand, int spot, Duration interval,
                bool starting);

// $/h of the cluster while up (DBU and VM), e.g. DS3_v2 × (1 + 4) at $0.30/DBU = $2.275/h.
double usd_per_hour(const ClusterShape& shape, const Pricing& pricing, Sku sku = Sku::kJobs, bool photon = false);

// $ per core-hour of a serverless task: serverless_dbu_per_core_hour (× the standard factor) ×
// serverless_usd_per_dbu. Defaults: 0.375 × 0.40 = $0.15 (performance-optimised), × 0.6 = $0.09.
double serverless_usd_per_core_hour(const Pricing& pricing, PerformanceTarget target);

// A serverless attempt's bill: `cores` × the rate above × `up` (rounded up to a second), all DBUs.
Bill bill_serverless(const Pricing& pricing, PerformanceTarget target, int cores, Duration up);

// What a shared cluster bills one user per core-second it held: its $/h (usd_per_hour) over its
// worker cores (a single-node cluster's driver cores), split into the VM and DBU parts.
Bill bill_core_seconds(const ClusterShape& shape, const Pricing& pricing, Sku sku, bool photon, double core_seconds);

// One run's share of a pool's standing cost: `min_idle` idle VMs billed around the clock (no DBUs),
// over the `runs_per_day` runs they serve: min_idle × VM $/h × 24 / runs_per_day.
double pool_standing_usd(int min_idle, double vm_usd_per_hour, double runs_per_day);

}  // namespace orchsim::models
