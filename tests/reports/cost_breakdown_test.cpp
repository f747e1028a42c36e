// The cost-breakdown chart: both bars of a strategy sum to its mean cost_usd, in the data and in
// the SVG's own bar widths.
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "reports/cost_breakdown.h"

using namespace orchsim;

namespace {

sim::ReplicationResult run(double vm, double dbu, double startup, double idle, double wasted) {
  sim::ReplicationResult r;
  r.metrics.vm_usd = vm;
  r.metrics.dbu_usd = dbu;
  r.metrics.startup_usd = startup;
  r.metrics.idle_usd = idle;
  r.metrics.wasted_usd = wasted;
  return r;
}

// Two runs: $4 (VM 3, DBU 1; startup 0.5, idle 1, failed 0.5, so work 2) and $2 (VM 1, DBU 1;
// startup 0.25, idle 0.25, failed 0, so work 1.5).
sim::StrategyResult strategy() {
  sim::StrategyResult s;
  s.strategy.name = "two-runs";
  s.replications = {run(3, 1, 0.5, 1, 0.5), run(1, 1, 0.25, 0.25, 0)};
  return s;
}

// Σ widths of the bars (height 16; the legend's swatches are 10 tall) filled with `colours`.
double bar_width(const std::string& svg, const std::string& colours) {
  const std::regex rect("width=\"([0-9.]+)\" height=\"16.00\" fill=\"(" + colours + ")\"");
  double sum = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator(); ++it) {
    sum += std::stod((*it)[1]);
  }
  return sum;
}

}  // namespace

TEST_SUITE("reports/cost_breakdown") {
  TEST_CASE("the means of each part, and both splits sum to the mean cost") {
    const reports::CostBreakdown b = reports::cost_breakdown(strategy());
    CHECK(b.cost == doctest::Approx(3.0));
    CHECK(b.vm == doctest::Approx(2.0));
    CHECK(b.dbu == doctest::Approx(1.0));
    CHECK(b.startup == doctest::Approx(0.375));
    CHECK(b.idle == doctest::Approx(0.625));
    CHECK(b.wasted == doctest::Approx(0.25));
    CHECK(b.successful_work == doctest::Approx(1.75));
    CHECK(b.vm + b.dbu == doctest::Approx(b.cost));
    CHECK(b.pool_standing == 0);
    CHECK(b.startup + b.idle + b.wasted + b.successful_work == doctest::Approx(b.cost));
  }

  TEST_CASE("pool standing is a part of its own, out of successful work") {
    sim::StrategyResult s = strategy();
    s.replications[0].metrics.pool_standing_usd = 1;  // of the $4 run's VM line: work 2 → 1
    const reports::CostBreakdown b = reports::cost_breakdown(s);
    CHECK(b.pool_standing == doctest::Approx(0.5));
    CHECK(b.successful_work == doctest::Approx(1.25));
    CHECK(b.startup + b.idle + b.pool_standing + b.wasted + b.successful_work == doctest::Approx(b.cost));
  }

  TEST_CASE("the SVG's bars are as long as the mean cost") {
    sim::ExperimentResult r;
    r.strategies.push_back(strategy());
    const std::string svg = reports::cost_breakdown_svg(r);
    // Axis: nice_step(3, 6) = 0.5, so the axis ends at $3 over the 750-unit plot: $1 = 750/3.
    const double per_usd = 750.0 / 3.0;
    CHECK(bar_width(svg, "#0072B2") / per_usd == doctest::Approx(2.0).epsilon(1e-3));                  // VM
    CHECK(bar_width(svg, "#0072B2|#56B4E9") / per_usd == doctest::Approx(3.0).epsilon(1e-3));          // bill
    CHECK(bar_width(svg, "#a0a0a0|#f3e6a0|#c9a227|#d7403a|#3a9d5d") / per_usd == doctest::Approx(3.0).epsilon(1e-3));  // use
    CHECK(bar_width(svg, "#3a9d5d") / per_usd == doctest::Approx(1.75).epsilon(1e-3));                 // work
    CHECK(svg.find(">$3.00</text>") != std::string::npos);
  }
}
