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
  Bill bill = bill_nodes(rates, pricing, false, shape.nodes(), 0, starting, true);
  bill += bill_nodes(rates, pricing, false, shape.nodes(), 0, up, false);
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
  TEST_CASE("Photon multiplies DBUs; serverless has no VM line and bills nothing while starting") {
    const Catalog catalog = Catalog::builtin();
    const NodeType& ds3 = *catalog.find("Standard_DS3_v2");
    const Pricing pricing;
    const NodeRates photon = node_rates(ds3, pricing, Sku::kJobs, true);
    CHECK(photon.dbu_usd_per_hour == doctest::Approx(0.75 * 2.0 * 0.30).epsilon(1e-12));
    CHECK(photon.vm_usd_per_hour == 0.23);
    const NodeRates serverless = node_rates(ds3, pricing, Sku::kServerless, false);
    CHECK(serverless.vm_usd_per_hour == 0);
    CHECK(serverless.dbu_usd_per_hour == doctest::Approx(0.75 * 0.40).epsilon(1e-12));
    const Bill starting = bill_nodes(serverless, pricing, true, 5, 0, Duration::minutes(1), true);
    CHECK(starting.total() == 0);
  }
  TEST_CASE("spot workers pay the discounted VM price and full DBUs") {
    const Catalog catalog = Catalog::builtin();
    const Pricing pricing;  // 60 % spot discount
    const NodeRates r = node_rates(*catalog.find("Standard_DS3_v2"), pricing, Sku::kJobs, false);
    const Bill b = bill_nodes(r, pricing, false, 1, 4, Duration::hours(1), false);
    CHECK(b.vm_usd == doctest::Approx(0.23 + 4 * 0.23 * 0.4).epsilon(1e-12));
    CHECK(b.dbu_usd == doctest::Approx(5 * 0.75 * 0.30).epsilon(1e-12));
  }
  TEST_CASE("SKU names round-trip") {
    for (Sku s : {Sku::kJobs, Sku::kAllPurpose, Sku::kJobsLight, Sku::kServerless}) {
      CHECK(parse_sku(to_string(s)) == s);
    }
    CHECK_FALSE(parse_sku("premium").has_value());
  }
}
