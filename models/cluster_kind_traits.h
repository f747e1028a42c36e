// ClusterKindTraits: what each ClusterKind means for a cluster's life, billing and faults, as one
// constexpr table (docs/model.md §2–3, scenarios/README.md "Life cycles"). Every question code asks of a
// kind is a field here, so adding a kind is one row, not a hunt through switches. A ComputeSpec
// gives its kind's row (traits()); the cluster world, the model checks and the planner read them
// from there. Pure data; any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "models/cluster.h"
#include "models/pricing.h"

namespace orchsim::models {

// Which of a ClusterTemplate's start distributions a cold start of the kind draws from.
enum class StartupDistribution : std::uint8_t { kClassic, kServerless };

struct ClusterKindTraits {
  ClusterKind kind;
  const char* name;  // the scenario spelling (`kind: job_cluster`)
  // Life cycle: exactly one of these three holds.
  bool per_run;      // one instance shared by the run's tasks: started when first needed, ended on release
  bool per_attempt;  // one instance per attempt, started and terminated with it
  bool up_at_start;  // already up at t = 0, no startup for the run; restarted (with one) when needed again
  bool idle_auto_terminates;      // ends after `auto_terminate_after` idle rather than on release
  bool shared_with_other_users;   // `noisy_neighbour_load` takes a share of its worker cores
  bool sized_to_task;             // its workers are as many as the task's cores need, not the template's
  bool customer_vms;              // runs on the customer's VMs: spot, launch failures, driver crashes apply
  bool draws_from_pool;           // a strategy's instance pool supplies its nodes
  StartupDistribution startup;
  std::optional<Sku> billed_as;   // its own SKU whatever the template says; none: the template's (default jobs)
  const char* shared_compute_name;  // the compute a shared-cluster strategy names it; nullptr: never shared
  const char* own_compute_suffix;   // a task's own compute of this kind is named `<task><suffix>`
};

inline constexpr std::array<ClusterKindTraits, 4> kClusterKindTraits{{
    {.kind = ClusterKind::kJobCluster, .name = "job_cluster", .per_run = true, .per_attempt = false,
     .up_at_start = false, .idle_auto_terminates = false, .shared_with_other_users = false, .sized_to_task = false,
     .customer_vms = true, .draws_from_pool = true, .startup = StartupDistribution::kClassic, .billed_as = std::nullopt,
     .shared_compute_name = "shared_cluster", .own_compute_suffix = "_cluster"},
    {.kind = ClusterKind::kNewCluster, .name = "new_cluster", .per_run = false, .per_attempt = true,
     .up_at_start = false, .idle_auto_terminates = false, .shared_with_other_users = false, .sized_to_task = false,
     .customer_vms = true, .draws_from_pool = true, .startup = StartupDistribution::kClassic, .billed_as = std::nullopt,
     .shared_compute_name = nullptr, .own_compute_suffix = "_cluster"},
    {.kind = ClusterKind::kAllPurpose, .name = "all_purpose", .per_run = false, .per_attempt = false,
     .up_at_start = true, .idle_auto_terminates = true, .shared_with_other_users = true, .sized_to_task = false,
     .customer_vms = true, .draws_from_pool = false, .startup = StartupDistribution::kClassic,
     .billed_as = Sku::kAllPurpose, .shared_compute_name = "all_purpose_cluster", .own_compute_suffix = "_cluster"},
    {.kind = ClusterKind::kServerless, .name = "serverless", .per_run = false, .per_attempt = true,
     .up_at_start = false, .idle_auto_terminates = false, .shared_with_other_users = false, .sized_to_task = true,
     .customer_vms = false, .draws_from_pool = false, .startup = StartupDistribution::kServerless,
     .billed_as = Sku::kServerless, .shared_compute_name = nullptr, .own_compute_suffix = "_serverless"},
}};

constexpr const ClusterKindTraits& traits_of(ClusterKind kind) {
  return kClusterKindTraits[static_cast<std::size_t>(kind)];
}

// Each row sits at its kind's index, so traits_of is one array index.
static_assert([] {
  for (std::size_t i = 0; i < kClusterKindTraits.size(); ++i) {
    const ClusterKindTraits& t = kClusterKindTraits[i];
    if (static_cast<std::size_t>(t.kind) != i) return false;
    if (int(t.per_run) + int(t.per_attempt) + int(t.up_at_start) != 1) return false;
  }
  return true;
}());

}  // namespace orchsim::models
