// The cluster-kind traits table (models/cluster_kind_traits.h). Each expected row is written out
// from the documented behaviour, not read back from the table: models/cluster.h's ClusterKind
// comments and scenarios/README.md ("Life cycles", the `sku`, `auto_terminate_after`,
// `noisy_neighbour_load` and `pool` rows, and "Compute names").
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "models/cluster.h"
#include "models/cluster_kind_traits.h"
#include "models/pricing.h"

using namespace orchsim;
using models::ClusterKind;
using models::Sku;
using models::StartupDistribution;

namespace {

struct Expected {
  ClusterKind kind;
  const char* name;
  bool per_run, per_attempt, up_at_start, idle_auto_terminates, shared_with_other_users, sized_to_task;
  bool customer_vms, draws_from_pool;
  StartupDistribution startup;
  std::optional<Sku> billed_as;
  const char* shared_compute_name;  // nullptr: never a shared compute
  const char* own_compute_suffix;
};

// clang-format off
const Expected kExpected[] = {
    // job cluster: "starts when its first attempt arrives and terminates once the run has released
    // it"; may draw from a pool; bills `jobs` or `jobs_light`; the shared one is `shared_cluster`.
    {ClusterKind::kJobCluster, "job_cluster", true, false, false, false, false, false, true, true,
     StartupDistribution::kClassic, std::nullopt, "shared_cluster", "_cluster"},
    // new_cluster: "one cluster per attempt"; `<task>_cluster`; from a pool; the template's SKU.
    {ClusterKind::kNewCluster, "new_cluster", false, true, false, false, false, false, true, true,
     StartupDistribution::kClassic, std::nullopt, nullptr, "_cluster"},
    // all-purpose: "up at t = 0 … billed at All-Purpose rates, and auto-terminates when idle";
    // noisy neighbours; never from a pool (already up); the shared one is `all_purpose_cluster`.
    {ClusterKind::kAllPurpose, "all_purpose", false, false, true, true, true, false, true, false,
     StartupDistribution::kClassic, Sku::kAllPurpose, "all_purpose_cluster", "_cluster"},
    // serverless: per attempt like new_cluster, "sized to its cores", `serverless_startup`, its own
    // DBU-inclusive SKU, `<task>_serverless`; managed compute (no spot, pool or launch failure).
    {ClusterKind::kServerless, "serverless", false, true, false, false, false, true, false, false,
     StartupDistribution::kServerless, Sku::kServerless, nullptr, "_serverless"},
};
// clang-format on

std::string str(const char* s) { return s == nullptr ? std::string("(none)") : std::string(s); }

}  // namespace

TEST_SUITE("models.cluster_kind_traits") {
  TEST_CASE("every kind's row says what the documentation says of it") {
    REQUIRE(models::kClusterKindTraits.size() == std::size(kExpected));
    for (const Expected& x : kExpected) {
      const models::ClusterKindTraits& t = models::traits_of(x.kind);
      CAPTURE(x.name);
      CHECK(t.kind == x.kind);
      CHECK(std::string(t.name) == x.name);
      CHECK(t.per_run == x.per_run);
      CHECK(t.per_attempt == x.per_attempt);
      CHECK(t.up_at_start == x.up_at_start);
      CHECK(t.idle_auto_terminates == x.idle_auto_terminates);
      CHECK(t.shared_with_other_users == x.shared_with_other_users);
      CHECK(t.sized_to_task == x.sized_to_task);
      CHECK(t.customer_vms == x.customer_vms);
      CHECK(t.draws_from_pool == x.draws_from_pool);
      CHECK(t.startup == x.startup);
      CHECK(t.billed_as == x.billed_as);
      CHECK(str(t.shared_compute_name) == str(x.shared_compute_name));
      CHECK(str(t.own_compute_suffix) == str(x.own_compute_suffix));
    }
  }

  TEST_CASE("kind names round-trip through the scenario spelling") {
    for (const Expected& x : kExpected) {
      CHECK(std::string(models::to_string(x.kind)) == x.name);
      CHECK(models::parse_cluster_kind(x.name) == x.kind);
    }
    CHECK_FALSE(models::parse_cluster_kind("interactive").has_value());
  }

  TEST_CASE("the billed SKU: all-purpose and serverless always their own, the others the template's") {
    // scenarios/README.md `sku`: "jobs or jobs_light for job/new clusters; all-purpose and
    // serverless clusters always bill their own SKU"; the default is jobs.
    models::ClusterTemplate t;
    for (ClusterKind kind : {ClusterKind::kJobCluster, ClusterKind::kNewCluster}) {
      t.kind = kind;
      t.sku.reset();
      CHECK(t.billing_sku() == Sku::kJobs);
      t.sku = Sku::kJobsLight;
      CHECK(t.billing_sku() == Sku::kJobsLight);
    }
    t.sku = Sku::kJobsLight;
    t.kind = ClusterKind::kAllPurpose;
    CHECK(t.billing_sku() == Sku::kAllPurpose);
    t.kind = ClusterKind::kServerless;
    CHECK(t.billing_sku() == Sku::kServerless);
  }
}
