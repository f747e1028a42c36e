// The Gantt chart of a huge run becomes an activity profile (issue #15): past 500 lanes the chart
// shows, per time slice, the mean number of bars of each kind open, as stacked columns.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "reports/charts.h"

using namespace orchsim;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

SimTime minute(std::int64_t m) { return SimTime::from_micros(m * 60'000'000); }

const std::vector<std::string> kTasks{"a", "b"};

// `lanes` computes c0, c1…, one instance each.
sim::StrategyResult run_with_lanes(std::size_t lanes) {
  sim::StrategyResult s;
  s.strategy.name = "big";
  s.timeline.end = minute(200);
  for (std::uint32_t l = 0; l < lanes; ++l) {
    s.compute_names.push_back(fmt::format("c{}", l));
    s.timeline.lanes.push_back({l, 1});
  }
  // One attempt running all 200 minutes, one failing over the first 100, one crash at minute 50.
  s.timeline.add(sim::BarKind::kRunning, 0, minute(0), minute(200), {0, 1});
  s.timeline.add(sim::BarKind::kFailed, 1, minute(0), minute(100), {1, 1});
  s.timeline.add(sim::BarKind::kCrash, 1, minute(50), minute(50));
  return s;
}

}  // namespace

TEST_SUITE("reports/charts") {
  TEST_CASE("up to 500 lanes the Gantt chart draws every bar") {
    const sim::StrategyResult lanes500 = run_with_lanes(500);
    const std::string svg = reports::gantt_svg({lanes500, kTasks, lanes500.timeline, "median"}, minute(200));
    CHECK(svg.find("Gantt: big") != std::string::npos);
    CHECK(svg.find("Activity profile") == std::string::npos);
  }

  TEST_CASE("past 500 lanes it draws the activity profile instead") {
    const sim::StrategyResult lanes501 = run_with_lanes(501);
    const std::string svg = reports::gantt_svg({lanes501, kTasks, lanes501.timeline, "median"}, minute(200));
    CHECK(svg.find("Activity profile: big (replication 0)") != std::string::npos);
    CHECK(svg.find("501 lanes (cluster instances) and 3 bars") != std::string::npos);
    // 200 slices of one minute over the 200-minute axis; the plot is 360 units tall from y = 60 to
    // 420, scaled to the tallest column (2: one running + one failing). Running fills half of
    // every column (height 180, from y = 240); the failed attempt stacks on it in the first 100.
    CHECK(count(svg, "y=\"240.00\" width=\"3.90\" height=\"180.00\" fill=\"#3a9d5d\"") == 200);
    CHECK(count(svg, "y=\"60.00\" width=\"3.90\" height=\"180.00\" fill=\"#d7403a\"") == 100);
    CHECK(count(svg, "fill=\"#d7403a\" stroke") == 101);  // the 100 columns and the legend's swatch
    // The crash is marked once, over its slice (50 to 51 min: x = 190 + 3.9 × 50.5 = 386.95).
    CHECK(svg.find("x1=\"386.95\" y1=\"54.00\" x2=\"386.95\" y2=\"66.00\" stroke=\"#000000\"") != std::string::npos);
  }
}
