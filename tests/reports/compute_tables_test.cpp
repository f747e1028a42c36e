// The Compute and Assumptions tables of a strategy whose computes are held once per distinct size
// and billing (sim::InternedList): the rows count computes, not distinct values. Hand-made results,
// no simulation; every expected cell is worked out from the values put in.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "reports/assumptions.h"
#include "reports/compute_table.h"

using namespace orchsim;

namespace {

models::ComputeSize job_cluster(const std::string& node, int workers) {
  return {.kind = models::ClusterKind::kJobCluster, .node_type = node, .workers = workers, .autoscale_max = std::nullopt,
          .sizing = {}, .how = "as written"};
}

// Six computes c0 … c5: c0–c4 job clusters (sizes A×2, A×2, B×4, A×2, B×4: two distinct), c5 an
// all-purpose cluster.
sim::ExperimentResult six_computes() {
  sim::ExperimentResult r;
  sim::StrategyResult& s = r.strategies.emplace_back();
  s.strategy.name = "per_task";
  for (int c = 0; c < 6; ++c) s.compute_names.push_back(fmt::format("c{}", c));
  const std::vector<models::ComputeSize> sizes{job_cluster("A", 2), job_cluster("A", 2), job_cluster("B", 4),
                                               job_cluster("A", 2), job_cluster("B", 4),
                                               {.kind = models::ClusterKind::kAllPurpose, .node_type = "C", .workers = 8,
                                                .autoscale_max = std::nullopt, .sizing = {}, .how = "as written (an existing cluster)"}};
  s.compute_sizes = sim::InternedList<models::ComputeSize>::of(sizes.size(), [&](std::size_t c) { return sizes[c]; });
  // c0–c4 bill alike but for spot_workers on c1 and c3; c5 as all-purpose, shared.
  s.compute_billing = sim::InternedList<sim::ComputeBilling>::of(6, [](std::size_t c) {
    if (c == 5) {
      return sim::ComputeBilling{.kind = models::ClusterKind::kAllPurpose, .sku = models::Sku::kAllPurpose, .startup = "none"};
    }
    return sim::ComputeBilling{.spot_workers = c == 1 || c == 3, .startup = "fixed(60)"};
  });
  return r;
}

}  // namespace

TEST_SUITE("reports.compute_tables") {
  TEST_CASE("past four computes: one row per kind, counting computes over their distinct sizes") {
    const sim::ExperimentResult r = six_computes();
    REQUIRE(r.strategies[0].compute_sizes.values().size() == 3);
    const reports::Table t = reports::compute_table(r);
    REQUIRE(t.rows.size() == 2);
    // Five job clusters on A then B, 2 to 4 workers, all as written.
    CHECK(t.rows[0] == std::vector<std::string>{"per_task", "5 × job_cluster", "A, B", "2–4", "as written"});
    // The lone all-purpose cluster is its own row, by name.
    CHECK(t.rows[1] == std::vector<std::string>{"per_task", "c5", "C", "8", "as written (an existing cluster)"});
  }

  TEST_CASE("computes billed alike are one row, counted over every billing that reads alike") {
    const sim::ExperimentResult r = six_computes();
    REQUIRE(r.strategies[0].compute_billing.values().size() == 3);  // plain, spot, all-purpose
    const reports::Table t = reports::compute_billing_table(r);
    REQUIRE(t.rows.size() == 3);
    // c0, c2, c4 (on-demand), then c1, c3 (spot workers: at (1 − 0.6) = 40% of the VM price by
    // default, docs/model.md §3), then c5 alone, by name.
    CHECK(t.rows[0][1] == "3 computes");
    CHECK(t.rows[0][5] == "up-time, per second");
    CHECK(t.rows[1][1] == "2 computes");
    CHECK(t.rows[1][5] == "spot workers at 40% of the VM price");
    CHECK(t.rows[2][1] == "c5");
    CHECK(t.rows[2][2] == "all_purpose");
    CHECK(t.rows[2][4] == "none");
  }

  TEST_CASE("serverless billings that differ only in spot_workers read alike: one row") {
    sim::ExperimentResult r;
    sim::StrategyResult& s = r.strategies.emplace_back();
    s.strategy.name = "serverless";
    for (int c = 0; c < 3; ++c) s.compute_names.push_back(fmt::format("t{}", c));
    s.compute_billing = sim::InternedList<sim::ComputeBilling>::of(3, [](std::size_t c) {
      return sim::ComputeBilling{.kind = models::ClusterKind::kServerless, .sku = models::Sku::kServerless,
                                 .spot_workers = c == 1, .startup = "fixed(5)"};
    });
    REQUIRE(s.compute_billing.values().size() == 2);
    const reports::Table t = reports::compute_billing_table(r);
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0][1] == "3 computes");
  }
}
