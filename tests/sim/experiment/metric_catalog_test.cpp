// The metric catalog indexed by MetricId: row i is MetricId(i) (also a static_assert in
// metric_catalog.cpp), names are unique, and a few rows read back as README.md's "Outputs"
// documents them (name, unit), with the kind their definition implies (a share of runs is a
// proportion; Σ / Σ is a ratio).
#include <doctest/doctest.h>

#include <set>
#include <string_view>

#include "sim/experiment/metric_catalog.h"

using namespace orchsim;
using sim::MetricId;

TEST_SUITE("sim.metric_catalog") {
  TEST_CASE("one row per MetricId, in enum order, with unique names") {
    const auto catalog = sim::metric_catalog();
    REQUIRE(catalog.size() == sim::kMetricCount);
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < catalog.size(); ++i) {
      CHECK(sim::metric_index(catalog[i].id) == i);
      CHECK(&sim::metric(catalog[i].id) == &catalog[i]);
      names.insert(catalog[i].name);
    }
    CHECK(names.size() == catalog.size());
  }

  TEST_CASE("rows read as documented") {
    CHECK(sim::metric(MetricId::kMakespanMin).name == "makespan_min");
    CHECK(sim::metric(MetricId::kMakespanMin).unit == "min");
    CHECK(sim::metric(MetricId::kCostUsd).name == "cost_usd");
    CHECK(sim::metric(MetricId::kCostUsd).unit == "USD");
    CHECK(sim::metric(MetricId::kPFailed).name == "p_failed");
    CHECK(sim::metric(MetricId::kPFailed).kind == sim::MetricKind::kProportion);
    CHECK(sim::metric(MetricId::kBlastRadius).name == "blast_radius");
    CHECK(sim::metric(MetricId::kBlastRadius).kind == sim::MetricKind::kRatio);
    CHECK(sim::metric(MetricId::kOrchestrationItems).name == "orchestration_items");
  }
}
