// Billing arithmetic against docs/model.md §2–3's worked example and the startup/spot/serverless rules.
#include <doctest/doctest.h>

#include "models/node_type.h"
#include "models/pricing.h"

using namespace orchsim;
using namespace orchsim::models;

namespace {

// A fixed-size on-demand Jobs cluster that spent `starting` starting and then `up` up, billed as
// the cluster world bills each interval.
Bill bill_cluster(const ClusterShape& shape, const Pricing& pricing, Duration starting, Duration up) {
  const NodeRates rates = node_rates(*shape.node, pricing, Sku::kJobs, false);
  Bill bill = bill_nodes(rates, pricing, shape.nodes(), 0, starting, true);
  bill += bill_nodes(rates, pricing, shape.nodes(), 0, up, false);
  return bill;
}

}  // namespace

TEST_SUITE("models.pricing") {
  TEST_CASE("the worked example of docs/model.md §2.3: DS3_v2, 1 driver + 4 workers, 1 h, Azure Premium Jobs = $2.275/h") {
    const Catalog catalog = Catalog::builtin();
    const NodeType* ds3 = catalog.find("Standard_DS3_v2");
    REQUIRE(ds3 != nullptr);
    const ClusterShape shape{ds3, 4};
    const Pricing pricing;  // defaults: Jobs at $0.30/DBU
    // 5 nodes × 0.75 DBU/h = 3.75 DBU × $0.30 = $1.125, plus 5 × $0.23 = $1.15 of VM.
    const double dbu = 5 * 0.75 * 0.30, vm = 5 * 0.23;
    CHECK(dbu + vm == doctest::Approx(2.275).epsilon(1e-12));
    CHECK(usd_per_hour(shape, pricing) == doctest::Approx(2.275).epsilon(1e-12));
    const Bill hour = bill_cluster(shape, pricing, Duration::zero(), Duration::hours(1));
    CHECK(hour.dbu_usd == doctest::Approx(dbu).epsilon(1e-12));
    CHECK(hour.vm_usd == doctest::Approx(vm).epsilon(1e-12));
    CHECK(hour.total() == doctest::Approx(2.275).epsilon(1e-12));
    // The same cluster billed as All-Purpose ($0.55/DBU): 3.75 × 0.55 + 1.15 ≈ $3.21/h.
    CHECK(usd_per_hour(shape, pricing, Sku::kAllPurpose) == doctest::Approx(3.75 * 0.55 + 1.15).epsilon(1e-12));
  }
  TEST_CASE("startup bills VM but not DBUs by default; both are switches") {
    const Catalog catalog = Catalog::builtin();
    const ClusterShape shape{catalog.find("Standard_DS3_v2"), 4};
    Pricing pricing;
    const Bill b = bill_cluster(shape, pricing, Duration::minutes(6), Duration::zero());
    CHECK(b.dbu_usd == 0);
    CHECK(b.vm_usd == doctest::Approx(5 * 0.23 * 0.1).epsilon(1e-12));
    pricing.bill_vm_during_startup = false;
    pricing.bill_dbu_during_startup = true;
    const Bill c = bill_cluster(shape, pricing, Duration::minutes(6), Duration::zero());
    CHECK(c.vm_usd == 0);
    CHECK(c.dbu_usd == doctest::Approx(5 * 0.75 * 0.30 * 0.1).epsilon(1e-12));
  }
  TEST_CASE("per-second billing rounds each interval up to a whole second") {
    CHECK(billed_seconds(Duration::millis(1)) == 1);
    CHECK(billed_seconds(Duration::millis(1000)) == 1);
    CHECK(billed_seconds(Duration::millis(1001)) == 2);
    CHECK(billed_seconds(Duration::zero()) == 0);
  }
  TEST_CASE("Photon multiplies a classic node's DBUs") {
    const Catalog catalog = Catalog::builtin();
    const NodeType& ds3 = *catalog.find("Standard_DS3_v2");
    const Pricing pricing;
    const NodeRates photon = node_rates(ds3, pricing, Sku::kJobs, true);
    CHECK(photon.dbu_usd_per_hour == doctest::Approx(0.75 * 2.0 * 0.30).epsilon(1e-12));
    CHECK(photon.vm_usd_per_hour == 0.23);
  }
  TEST_CASE("serverless: task cores × DBU per core-hour × $/DBU, fewer DBUs in standard mode, no VM line") {
    const Pricing pricing;  // 0.375 DBU per core-hour, $0.40/DBU, standard × 0.6
    // Performance-optimised: 0.375 × 0.40 = $0.15 per core-hour; standard: × 0.6 = $0.09.
    CHECK(serverless_usd_per_core_hour(pricing, PerformanceTarget::kPerformanceOptimized) ==
          doctest::Approx(0.15).epsilon(1e-12));
    CHECK(serverless_usd_per_core_hour(pricing, PerformanceTarget::kStandard) == doctest::Approx(0.09).epsilon(1e-12));
    // A 6-core task up 40 min: 6 × 0.15 × 2/3 h = $0.60, all DBUs; 10 min 0.2 s bills 601 s.
    const Bill b = bill_serverless(pricing, PerformanceTarget::kPerformanceOptimized, 6, Duration::minutes(40));
    CHECK(b.vm_usd == 0);
    CHECK(b.dbu_usd == doctest::Approx(0.60).epsilon(1e-12));
    const Bill s = bill_serverless(pricing, PerformanceTarget::kStandard, 2, Duration::millis(600'200));
    CHECK(s.total() == doctest::Approx(2 * 0.09 * 601.0 / 3600).epsilon(1e-12));
  }
  TEST_CASE("a shared cluster bills a user its $/h per worker core × the core-seconds it held") {
    const Catalog catalog = Catalog::builtin();
    const ClusterShape shape{catalog.find("Standard_DS3_v2"), 4};  // 16 worker cores
    const Pricing pricing;
    // All-Purpose: 5 × 0.23 = $1.15/h VM + 5 × 0.75 × 0.55 = $2.0625/h DBU = $3.2125/h over 16 cores.
    // 2 cores for 30 min = 3600 core-s = 1 core-h: VM 1.15 / 16, DBU 2.0625 / 16.
    const Bill b = bill_core_seconds(shape, pricing, Sku::kAllPurpose, false, 3600);
    CHECK(b.vm_usd == doctest::Approx(1.15 / 16).epsilon(1e-12));
    CHECK(b.dbu_usd == doctest::Approx(2.0625 / 16).epsilon(1e-12));
    // A single-node cluster's cores are the driver's: 4 cores, 1 node.
    const Bill single = bill_core_seconds(ClusterShape{shape.node, 0}, pricing, Sku::kAllPurpose, false, 3600);
    CHECK(single.total() == doctest::Approx((0.23 + 0.75 * 0.55) / 4).epsilon(1e-12));
  }
  TEST_CASE("pool standing cost: min_idle × VM $/h × 24 h / runs_per_day") {
    // 2 idle DS3_v2 ($0.23/h) all day = $11.04, shared by 4 runs = $2.76 each.
    CHECK(pool_standing_usd(2, 0.23, 4) == doctest::Approx(2.76).epsilon(1e-12));
    CHECK(pool_standing_usd(0, 0.23, 4) == 0);
  }
  TEST_CASE("spot workers pay the discounted VM price and full DBUs") {
    const Catalog catalog = Catalog::builtin();
    const Pricing pricing;  // 60 % spot discount
    const NodeRates r = node_rates(*catalog.find("Standard_DS3_v2"), pricing, Sku::kJobs, false);
    const Bill b = bill_nodes(r, pricing, 1, 4, Duration::hours(1), false);
    CHECK(b.vm_usd == doctest::Approx(0.23 + 4 * 0.23 * 0.4).epsilon(1e-12));
    CHECK(b.dbu_usd == doctest::Approx(5 * 0.75 * 0.30).epsilon(1e-12));
  }
  TEST_CASE("SKU names round-trip") {
    for (Sku s : {Sku::kJobs, Sku::kAllPurpose, Sku::kJobsLight, Sku::kServerless}) {
      CHECK(parse_sku(to_string(s)) == s);
    }
    for (PerformanceTarget t : {PerformanceTarget::kStandard, PerformanceTarget::kPerformanceOptimized}) {
      CHECK(parse_performance_target(to_string(t)) == t);
    }
    CHECK_FALSE(parse_performance_target("fast").has_value());
    CHECK_FALSE(parse_sku("premium").has_value());
  }
}
