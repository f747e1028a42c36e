// The input seam: formats detected by content (never by the file's name), each use served or
// refused with a located message, unknown content named, and the readers' own file:line:col kept.
// Positions: yaml-cpp marks a document's root at its first token (line 1, column 1 here unless a
// comment comes first); syntax-error positions are those the loaders' own tests check.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "engine/error.h"
#include "sim/input/load_input.h"

using namespace orchsim;
using sim::InputUse;

namespace {

constexpr const char* kScenario = R"(name: tiny
workload: {tasks: [{task_key: a, duration: 1m}, {task_key: b, duration: 2m, depends_on: [a]}]}
strategies: [multi_job, single_job_shared_cluster]
)";

constexpr const char* kSweep = R"(name: tiny
workload: {tasks: [{task_key: a, duration: 1m}]}
strategies: [multi_job]
sweep: {parameter: workload.tasks.a.duration, values: [1m, 2m, 3m]}
)";

// a → b, WfCommons 1.5.
constexpr const char* kTrace = R"({"name": "chain", "schemaVersion": "1.5", "workflow": {
  "specification": {"tasks": [{"id": "a", "parents": []}, {"id": "b", "parents": ["a"]}]},
  "execution": {"makespanInSeconds": 40,
                "tasks": [{"id": "a", "runtimeInSeconds": 10}, {"id": "b", "runtimeInSeconds": 20}]}}})";

std::string first_error(std::string_view text, const std::string& file, InputUse use) {
  try {
    sim::parse_input(text, file, {.use = use});
  } catch (const InputError& e) {
    return e.diagnostics().front().to_string();
  }
  return "";
}

}  // namespace

TEST_SUITE("sim.input.load_input") {
  TEST_CASE("the format comes from the content, whatever the file is called") {
    const auto scenario = sim::parse_input(kScenario, "looks-like.json", {.use = InputUse::kScenario});
    CHECK(scenario.format == sim::InputFormat::kScenarioYaml);
    REQUIRE(scenario.scenario);
    CHECK(scenario.scenario->name == "tiny");
    CHECK(scenario.scenario->strategies.size() == 2);
    CHECK(scenario.scenario->file == "looks-like.json");
    CHECK(!scenario.sweep);
    CHECK(!scenario.trace);

    const auto trace = sim::parse_input(kTrace, "looks-like.yaml", {.use = InputUse::kTrace});
    CHECK(trace.format == sim::InputFormat::kWfCommonsJson);
    REQUIRE(trace.trace);
    CHECK(trace.trace->name == "chain");
    CHECK(trace.trace->workload.tasks.size() == 2);
    CHECK(trace.trace->makespan_s == 40.0);
    CHECK(!trace.scenario);

    // YAML reads JSON: a scenario written as JSON is still a scenario.
    const auto json_scenario = sim::parse_input(
        R"({"workload": {"tasks": [{"task_key": "a", "duration": "1m"}]}, "strategies": ["multi_job"]})", "s.json",
        {.use = InputUse::kScenario});
    CHECK(json_scenario.format == sim::InputFormat::kScenarioYaml);
    REQUIRE(json_scenario.scenario);
    CHECK(json_scenario.scenario->workload.tasks.at(0).key == "a");
  }

  TEST_CASE("a scenario serves compare and, with a sweep grid, sweep") {
    const auto plan = sim::parse_input(kSweep, "s.yaml", {.use = InputUse::kSweep});
    REQUIRE(plan.sweep);
    CHECK(plan.sweep->points.size() == 3);
    CHECK(plan.sweep->axes.at(0).labels == std::vector<std::string>{"1m", "2m", "3m"});
    // compare runs a sweep file's scenario as written (the grid's key is ignored).
    const auto base = sim::parse_input(kSweep, "s.yaml", {.use = InputUse::kScenario});
    REQUIRE(base.scenario);
    CHECK(base.scenario->workload.tasks.at(0).duration == Duration::minutes(1));
    // A caller may lower the grid limit (the fuzz target does): 3 points over a limit of 2 is an
    // error at the `sweep` value, line 4 column 8.
    try {
      sim::parse_input(kSweep, "s.yaml", {.use = InputUse::kSweep, .max_sweep_points = 2});
      FAIL("a 3-point grid passed a limit of 2");
    } catch (const InputError& e) {
      CHECK(e.diagnostics().front().to_string() == "s.yaml:4:8: the sweep grid has 3 points, more than the limit of 2");
    }
    // sweep on a scenario without a grid: the sweep loader's own message.
    CHECK(first_error(kScenario, "s.yaml", InputUse::kSweep).rfind("s.yaml:1:1: missing 'sweep'", 0) == 0);
  }

  TEST_CASE("check reads each format as what it is, a sweep with every point, and describes it") {
    const auto scenario = sim::parse_input(kScenario, "s.yaml", {.use = InputUse::kCheck});
    REQUIRE(scenario.scenario);
    CHECK(sim::describe(scenario) == "scenario, 2 tasks, 2 strategies");
    const auto sweep = sim::parse_input(kSweep, "w.yaml", {.use = InputUse::kCheck});
    REQUIRE(sweep.sweep);
    CHECK_FALSE(sweep.scenario);
    CHECK(sim::describe(sweep) == "sweep, 3 points, 1 task, 1 strategy");
    const auto trace = sim::parse_input(kTrace, "t.json", {.use = InputUse::kCheck});
    REQUIRE(trace.trace);
    CHECK(sim::describe(trace) == "WfCommons trace 1.5, 2 tasks, 0 machines");
    // A bad value at one grid point is found without running it: the third value, at 4:64.
    CHECK(first_error(std::string(kSweep).replace(std::string(kSweep).find("3m"), 2, "-3m"), "w.yaml", InputUse::kCheck)
              .rfind("w.yaml:4:64:", 0) == 0);
  }

  TEST_CASE("a WfCommons trace given to compare or sweep is refused, pointing at validate") {
    const std::string expected =
        "t.json:1:1: this is a WfCommons trace (JSON with a 'workflow' object), not a scenario: "
        "'orchsim validate t.json' replays a trace against its recorded makespan";
    CHECK(first_error(kTrace, "t.json", InputUse::kScenario) == expected);
    CHECK(first_error(kTrace, "t.json", InputUse::kSweep) ==
          "t.json:1:1: this is a WfCommons trace (JSON with a 'workflow' object), not a sweep (a scenario with a "
          "'sweep' grid): 'orchsim validate t.json' replays a trace against its recorded makespan");
  }

  TEST_CASE("a scenario given as a trace is refused, pointing at compare, at the document's start") {
    CHECK(first_error(std::string("# a comment first\n") + kScenario, "s.yaml", InputUse::kTrace) ==
          "s.yaml:2:1: this is a scenario (YAML with 'workload' and 'strategies', see scenarios/README.md), not a "
          "WfCommons trace: 'orchsim compare s.yaml' simulates a scenario, 'orchsim check s.yaml' only checks it");
  }

  TEST_CASE("content no reader claims names the file and what was expected") {
    const std::string expected =
        "expected a WfCommons trace (JSON with a 'workflow' object), or a Databricks job (bundle YAML with "
        "resources.jobs, or Jobs API JSON, see docs/databricks.md), or a scenario (YAML with 'workload' and "
        "'strategies', see scenarios/README.md)";
    CHECK(first_error(R"({"name": "x", "steps": []})", "x.json", InputUse::kScenario) ==
          "x.json:1:1: not a file orchsim reads: " + expected);
    CHECK(first_error("\n- just\n- a list\n", "l.yaml", InputUse::kScenario) ==
          "l.yaml:2:1: not a file orchsim reads: " + expected);
    CHECK(first_error("", "empty.yaml", InputUse::kTrace) == "empty.yaml:1:1: the file is empty: " + expected);
    CHECK(first_error("42", "n.yaml", InputUse::kScenario) == "n.yaml:1:1: not a file orchsim reads: " + expected);
  }

  TEST_CASE("a syntax error is located and named after the format the caller expects") {
    CHECK(first_error("workload: [unclosed\n", "s.yaml", InputUse::kScenario).rfind("s.yaml:2:1: invalid YAML: ", 0) ==
          0);
    CHECK(first_error("workload: [unclosed\n", "t.json", InputUse::kTrace).rfind("t.json:2:1: malformed JSON: ", 0) ==
          0);
  }

  TEST_CASE("the readers' own errors keep their file:line:col") {
    CHECK(first_error("workload: {tasks: [{task_key: a, duration: soon}]}\nstrategies: [multi_job]\n", "s.yaml",
                      InputUse::kScenario)
              .rfind("s.yaml:1:44: 'duration' must be a duration", 0) == 0);
    CHECK(first_error("{\"workflow\": {\n  \"tasks\": [{\"name\": \"a\"}]}}", "t.json", InputUse::kTrace) ==
          "t.json:2:13: task has no 'runtimeInSeconds'");
  }

  TEST_CASE("an unreadable file names its role for the use") {
    const auto error_of = [](InputUse use) {
      try {
        sim::load_input("/nonexistent/input", {.use = use});
      } catch (const InputError& e) {
        return e.diagnostics().front().to_string();
      }
      return std::string();
    };
    CHECK(error_of(InputUse::kScenario) == "/nonexistent/input: cannot open the scenario file: No such file or directory");
    CHECK(error_of(InputUse::kSweep) == "/nonexistent/input: cannot open the sweep file: No such file or directory");
    CHECK(error_of(InputUse::kTrace) == "/nonexistent/input: cannot open the WfCommons trace: No such file or directory");
  }
}
