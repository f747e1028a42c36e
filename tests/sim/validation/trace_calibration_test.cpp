// Families, duplicate runs, the within-family fit and the real-trace rows, on the fixtures of
// tests/fixtures/wfcommons (README there): family `fam` recorded with s = 5 s, L = 15 s on one
// 8-core machine: one 10 s task (s + L + 10 = 30 s), four independent 10 s tasks (4s + L + 10 =
// 45 s), a chain of two (2(s + L) + 20 = 60 s); a 1.4 copy of the first; `solo`, alone.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/input/wfcommons.h"
#include "sim/validation/trace_calibration.h"
#include "sim/validation/validation_traces.h"

using namespace orchsim;

namespace {

sim::WfCommonsTrace fixture(const std::string& name) {
  return sim::load_wfcommons(std::string(ORCHSIM_SOURCE_DIR) + "/tests/fixtures/wfcommons/" + name);
}

bool near(double a, double b) { return std::fabs(a - b) <= 5e-3; }

}  // namespace

TEST_SUITE("sim.validation.trace_calibration") {
  TEST_CASE("the family is the file name up to its first '-'") {
    CHECK(sim::trace_family("x/families/1000genome-chameleon-2ch-100k-001.json") == "1000genome");
    CHECK(sim::trace_family("blast-chameleon-small-001.json") == "blast");
    CHECK(sim::trace_family("dir/plain.json") == "plain");
  }

  TEST_CASE("a 1.4 copy of a 1.5 run is the same run; another workflow is not") {
    const auto one = fixture("fam-one-001.json");
    CHECK(sim::same_run(one, fixture("fam-one-copy.json")));
    CHECK_FALSE(sim::same_run(one, fixture("solo-001.json")));
    CHECK_FALSE(sim::same_run(one, fixture("fam-four-001.json")));
  }

  TEST_CASE("the fit: s alone from one instance, s and L from two") {
    const auto one = fixture("fam-one-001.json"), four = fixture("fam-four-001.json"),
               chain = fixture("fam-chain-001.json");
    sim::TraceCalibrator calibrator({&one, &four, &chain}, 0);
    // One instance: L = 0 and s + 10 = 30.
    const sim::TraceModel alone = calibrator.fit({0});
    CHECK(alone.latency_s == 0);
    CHECK(near(alone.release_interval_s, 20));
    // one and four: s = 20 − L and s = (35 − L)/4 agree only at L = 15, s = 5.
    const sim::TraceModel both = calibrator.fit({0, 1});
    CHECK(both.latency_s == 15);
    CHECK(near(both.release_interval_s, 5));
    // one and chain: s = 20 − L for both at every L, a tie: the first L of the grid, 0, and s = 20.
    const sim::TraceModel tied = calibrator.fit({0, 2});
    CHECK(tied.latency_s == 0);
    CHECK(near(tied.release_interval_s, 20));
    CHECK(near(calibrator.makespan_s(1, tied), 90));  // four tasks: 4·20 + 10
  }

  TEST_CASE("rows: by file, the duplicate set aside, leave-one-out within the family, a family of one") {
    const std::vector<sim::WfCommonsTrace> traces = {fixture("fam-one-001.json"), fixture("fam-four-001.json"),
                                                     fixture("fam-chain-001.json"), fixture("fam-one-copy.json"),
                                                     fixture("solo-001.json")};
    const auto rows = sim::trace_checks(traces, {.max_error = 0.25, .bandwidth_bps = 0});
    REQUIRE(rows.size() == 11);
    const auto ends_with = [](const std::string& s, const std::string& tail) {
      return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
    };
    // Engine replays, zero overhead: each instance's longest chain of runtimes.
    CHECK(rows[0].name.find("fam-one-001.json (1 task, 8 cores): engine replay") != std::string::npos);
    CHECK(rows[0].simulated == 10);
    CHECK(rows[1].simulated == 10);
    CHECK(rows[2].simulated == 20);
    CHECK(rows[3].informational);
    CHECK(rows[3].name.find("fam-one-copy.json: the same run as ") != std::string::npos);
    CHECK(ends_with(rows[3].name, "fam-one-001.json (same makespan and task runtimes), not used"));
    CHECK(rows[4].name.find("solo-001.json (1 task, 8 cores): engine replay") != std::string::npos);
    // one from {four, chain}: L = 15, s = 5 → 30. four from {one, chain}: the tie, s = 20 → 90, 100%
    // off. chain from {one, four}: L = 15, s = 5 → 60.
    CHECK(rows[5].name.find("fam-one-001.json (1 task, 1 machine) predicted from the 2 other fam instances") !=
          std::string::npos);
    CHECK(near(rows[5].simulated, 30));
    CHECK(rows[5].passed);
    CHECK(near(rows[6].simulated, 90));
    CHECK_FALSE(rows[6].passed);
    CHECK(near(rows[7].simulated, 60));
    CHECK(rows[7].passed);
    // The family's median error is the middle of {0, 100%, 0}: it passes; so does the overall row.
    CHECK(rows[8].name.rfind("family fam: median", 0) == 0);
    CHECK(rows[8].simulated < 0.1);
    CHECK(rows[8].passed);
    CHECK(rows[9].informational);
    CHECK(ends_with(rows[9].name, "solo-001.json), nothing to predict it from"));
    CHECK(rows[10].name.rfind("all families: median", 0) == 0);
    CHECK(rows[10].samples == 3);
    // A looser bound passes the 100% row.
    const auto loose = sim::trace_checks(traces, {.max_error = 1.01, .bandwidth_bps = 0});
    CHECK(loose[6].passed);
  }
}
