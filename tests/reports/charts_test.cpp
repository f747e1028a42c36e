// The Gantt chart of a huge run becomes an activity profile (issue #15): past 500 lanes the chart
// shows, per time slice, the mean number of bars of each kind open, as stacked columns.
#include <doctest/doctest.h>

#include <initializer_list>
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

models::NameList names(std::initializer_list<const char*> list) {
  models::NameList out;
  for (const char* name : list) out.push_back(name);
  return out;
}

const models::NameList kTasks = names({"a", "b"});

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
  TEST_CASE("lanes are named after their compute, bars after their task and attempt") {
    sim::StrategyResult s;
    s.strategy.name = "multi";
    s.compute_names = names({"etl_cluster", "ml_cluster"});
    const models::NameList tasks = names({"ingest", "train"});
    sim::Timeline& t = s.timeline;
    t.lanes = {{0, 1}, {1, 1}, {1, 2}, {1, 3}};
    t.add(sim::BarKind::kStartup, 0, minute(0), minute(5));
    t.add(sim::BarKind::kRunning, 0, minute(5), minute(20), {0, 1});
    t.add(sim::BarKind::kFailed, 1, minute(5), minute(10), {1, 1});
    t.add(sim::BarKind::kRetryWait, 1, minute(10), minute(12), {1, 2});
    t.add(sim::BarKind::kCrash, 2, minute(14), minute(14));
    t.add(sim::BarKind::kWaiting, 3, minute(14), minute(16), {1, 12});
    t.add(sim::BarKind::kRunning, 3, minute(16), minute(30), {sim::BarAttempt::kNoTask, 1});
    t.add(sim::BarKind::kRollback, 0, minute(30), minute(30));
    const reports::GanttSubject g{s, tasks, t, "median"};

    CHECK(reports::gantt_lane_name(g, t.lanes[0]) == "etl_cluster");
    CHECK(reports::gantt_lane_name(g, t.lanes[1]) == "ml_cluster");
    CHECK(reports::gantt_lane_name(g, t.lanes[2]) == "ml_cluster #2");
    CHECK(reports::gantt_lane_name(g, t.lanes[3]) == "ml_cluster #3");

    CHECK(reports::gantt_bar_label(g, t.bars[1]) == "ingest");
    CHECK(reports::gantt_bar_label(g, t.bars[2]) == "train");
    CHECK(reports::gantt_bar_label(g, t.bars[3]) == "train #2");  // waiting for its second attempt
    CHECK(reports::gantt_bar_label(g, t.bars[5]) == "train #12");
    CHECK(reports::gantt_bar_label(g, t.bars[6]) == "?");
    // The facts come back as they went in; only the retried and the task-less attempts take a
    // side entry.
    CHECK(t.bars[3].kind() == sim::BarKind::kRetryWait);
    CHECK(t.bars[3].lane() == 1);
    CHECK(t.bars[3].start() == minute(10));
    CHECK(t.bars[3].end() == minute(12));
    CHECK(t.attempt_of(t.bars[5]).task == 1);
    CHECK(t.attempt_of(t.bars[5]).number == 12);
    CHECK(t.retried.size() == 3);
    CHECK(t.attempt_of(t.bars[0]).task == sim::BarAttempt::kNoTask);  // a startup draws no attempt

    // Drawn: the lane names left of the plot, the attempt labels inside their bars (when they fit:
    // the 2-minute bars of a 30-minute axis are 2 × 780 / 30 = 52 units wide, "train #2" needs
    // 7 × 8 + 6 = 62), and startup, crash and rollback as they always were.
    const std::string svg = reports::gantt_svg(g, minute(30));
    CHECK(count(svg, ">etl_cluster</text>") == 1);
    CHECK(count(svg, ">ml_cluster #3</text>") == 1);
    CHECK(count(svg, ">ingest</text>") == 1);
    CHECK(count(svg, ">train</text>") == 1);
    CHECK(count(svg, ">train #2</text>") == 0);
    CHECK(count(svg, ">?</text>") == 1);
    CHECK(count(svg, ">crash</text>") == 1);
    CHECK(count(svg, ">rollback</text>") == 2);  // the instant's and the legend's
    CHECK(count(svg, ">startup</text>") == 0);
  }

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
