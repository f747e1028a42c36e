// The calibrated trace model (sim/validation/trace_model.h) on tiny traces written here, against
// schedules worked out by hand in the comments.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sim/input/wfcommons.h"
#include "sim/validation/trace_model.h"

using namespace orchsim;

namespace {

// a (10 s, m1) → {b (20 s, m2), c (5 s, m2)} → d (1 s, m1); m1 has 1 core, m2 `m2_cores`.
sim::WfCommonsTrace diamond(int m2_cores) {
  return sim::parse_wfcommons(R"({"name": "diamond", "schemaVersion": "1.5", "workflow": {
    "specification": {"tasks": [{"id": "a"}, {"id": "b", "parents": ["a"]}, {"id": "c", "parents": ["a"]},
                                {"id": "d", "parents": ["b", "c"]}]},
    "execution": {"makespanInSeconds": 100,
                  "machines": [{"nodeName": "m1", "cpu": {"coreCount": 1}},
                               {"nodeName": "m2", "cpu": {"coreCount": )" +
                                  std::to_string(m2_cores) + R"(}}],
                  "tasks": [{"id": "a", "runtimeInSeconds": 10, "machines": ["m1"]},
                            {"id": "b", "runtimeInSeconds": 20, "machines": ["m2"]},
                            {"id": "c", "runtimeInSeconds": 5, "machines": ["m2"]},
                            {"id": "d", "runtimeInSeconds": 1, "machines": ["m1"]}]}}})",
                              "diamond.json");
}

// `n` independent 10 s tasks on the machines given (JSON list), each task on `machine`.
sim::WfCommonsTrace independent(int n, const std::string& machines, const std::string& machine) {
  std::string spec, exec;
  for (int i = 0; i < n; ++i) {
    const std::string sep = i == 0 ? "" : ", ";
    spec += sep + R"({"id": "t)" + std::to_string(i) + R"("})";
    exec += sep + R"({"id": "t)" + std::to_string(i) + R"(", "runtimeInSeconds": 10)" +
            (machine.empty() ? "" : R"(, "machines": [")" + machine + R"("])") + "}";
  }
  return sim::parse_wfcommons(R"({"name": "flat", "workflow": {"specification": {"tasks": [)" + spec +
                                  R"(]}, "execution": {"makespanInSeconds": 100, "machines": )" + machines +
                                  R"(, "tasks": [)" + exec + "]}}}",
                              "flat.json");
}

}  // namespace

TEST_SUITE("sim.validation.trace_model") {
  TEST_CASE("no overhead: the critical path on the recorded machines") {
    // a 0–10 on m1; b 10–30 and c 10–15 on m2 (2 cores); d 30–31 on m1.
    CHECK(sim::TraceTimings(diamond(2)).makespan_s({}) == doctest::Approx(31));
  }

  TEST_CASE("serial releases and a latency before the recorded machine's cores") {
    // s = 2, L = 3. a released 0–2, arrives 5, runs 5–15. At 15 b is released 15–17 (arrives 20),
    // c 17–19 (arrives 22); m2 has 2 cores: b 20–40, c 22–27. d released 40–42, arrives 45, runs 45–46.
    const sim::TraceModel model{.release_interval_s = 2, .latency_s = 3};
    CHECK(sim::TraceTimings(diamond(2)).makespan_s(model) == doctest::Approx(46));
    // With one core on m2, c waits for b: c 40–45, d released 45–47, arrives 50, runs 50–51.
    CHECK(sim::TraceTimings(diamond(1)).makespan_s(model) == doctest::Approx(51));
  }

  TEST_CASE("the latency holds no core: a one-core machine runs the tasks back to back after it") {
    // Three 10 s tasks, s = 1, L = 100: they arrive at 101, 102, 103 and run 101–111, 111–121,
    // 121–131. Had the 100 s held the core, the makespan would be 3 × 110 = 330 s.
    const auto trace = independent(3, R"([{"nodeName": "m", "cpu": {"coreCount": 1}}])", "m");
    CHECK(sim::TraceTimings(trace).makespan_s({.release_interval_s = 1, .latency_s = 100}) == doctest::Approx(131));
  }

  TEST_CASE("staging moves the input and output bytes at the bandwidth, holding the core") {
    // 300 bytes in, 200 out, at 50 B/s: 10 s of staging before the 10 s runtime.
    const auto trace = sim::parse_wfcommons(R"({"name": "io", "workflow": {
      "specification": {"tasks": [{"id": "a", "inputFiles": ["x", "y"], "outputFiles": ["z"]}],
                        "files": [{"id": "x", "sizeInBytes": 100}, {"id": "y", "sizeInBytes": 200},
                                  {"id": "z", "sizeInBytes": 200}]},
      "execution": {"makespanInSeconds": 30, "machines": [{"nodeName": "m", "cpu": {"coreCount": 1}}],
                    "tasks": [{"id": "a", "runtimeInSeconds": 10, "machines": ["m"]}]}}})",
                                            "io.json");
    CHECK(sim::TraceTimings(trace).makespan_s({.bandwidth_bps = 50}) == doctest::Approx(20));
    CHECK(sim::TraceTimings(trace).makespan_s({}) == doctest::Approx(10));  // bandwidth 0: no staging time
  }

  TEST_CASE("tasks on no recorded machine share all the trace's cores, or one core each without machines") {
    // Two machines of 1 core: the pool has 2, so 4 tasks take two rounds of 10 s.
    const auto pooled = independent(4, R"([{"nodeName": "p", "cpu": {"coreCount": 1}},
                                            {"nodeName": "q", "cpu": {"coreCount": 1}}])", "");
    CHECK(sim::TraceTimings(pooled).makespan_s({}) == doctest::Approx(20));
    const auto bare = independent(4, "[]", "");
    CHECK(sim::TraceTimings(bare).makespan_s({}) == doctest::Approx(10));
  }

  TEST_CASE("the fitted release interval reproduces the target to the millisecond") {
    // A chain of two 10 s tasks with L = 0 takes 2s + 20: s = 5 for 30 s; 0 when 15 s is too fast.
    const auto trace = sim::parse_wfcommons(R"({"name": "two", "workflow": {
      "specification": {"tasks": [{"id": "a"}, {"id": "b", "parents": ["a"]}]},
      "execution": {"makespanInSeconds": 30, "machines": [{"nodeName": "m", "cpu": {"coreCount": 1}}],
                    "tasks": [{"id": "a", "runtimeInSeconds": 10, "machines": ["m"]},
                              {"id": "b", "runtimeInSeconds": 10, "machines": ["m"]}]}}})",
                                            "two.json");
    const sim::TraceTimings timings(trace);
    CHECK(std::fabs(timings.fit_release_interval_s({}, 30) - 5) <= 1e-3);
    CHECK(timings.fit_release_interval_s({}, 15) == 0);
  }
}
