#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/input/scenario_loader.h"
#include "tests/sim/input/scenario_errors.h"

using namespace orchsim;
using orchsim::testing::errors_of;

namespace {

const std::string kValid = R"(name: ok
seed: 7
replications: 10
workload:
  tasks:
    - task_key: a
      duration: 90s
    - task_key: b
      duration: 2m
      depends_on: [a]
strategies: [multi_job]
)";

}  // namespace

TEST_SUITE("sim.scenario") {
  TEST_CASE("durations parse in every documented form") {
    CHECK(sim::parse_duration("90") == Duration::seconds(90));
    CHECK(sim::parse_duration("1.5") == Duration::millis(1500));
    CHECK(sim::parse_duration("4m30s") == Duration::seconds(270));
    CHECK(sim::parse_duration("1h") == Duration::hours(1));
    CHECK(sim::parse_duration("250ms") == Duration::millis(250));
    CHECK(sim::parse_duration("1.5h") == Duration::minutes(90));
    CHECK(sim::parse_duration("2d") == Duration::hours(48));
    CHECK(!sim::parse_duration(""));
    CHECK(!sim::parse_duration("3600,"));
    CHECK(!sim::parse_duration("5 minutes"));
    CHECK(!sim::parse_duration("-5s"));
    CHECK(!sim::parse_duration("5x"));
  }

  TEST_CASE("durations longer than 100 years are rejected where they are written") {
    // 100 years of 365 days: 36,500 d = 876,000 h (README: Limits).
    CHECK(sim::kMaxDuration == Duration::hours(876'000));
    CHECK(sim::parse_duration("36500d") == Duration::hours(876'000));
    const auto errors = testing::errors_of(
        "horizon: 36501d\nworkload: {tasks: [{task_key: a, duration: 100000000d}]}\n"
        "strategies: [single_job_shared_cluster]\n");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == "s.yaml:1:10: 'horizon' must be at most 36500d (100 years), got '36501d'");
    CHECK(errors[1] == "s.yaml:2:44: 'duration' must be at most 36500d (100 years), got '100000000d'");
  }

  TEST_CASE("a valid scenario loads with its values and defaults") {
    const auto s = sim::parse_scenario(kValid, "s.yaml");
    CHECK(s.name == "ok");
    CHECK(s.experiment.seed == 7);
    CHECK(s.experiment.replications == 10);
    REQUIRE(s.workload.tasks.size() == 2);
    CHECK(s.workload.tasks[1].duration == Duration::minutes(2));
    CHECK(s.workload.tasks[1].depends_on.names() == std::vector<std::string>{"a"});
    REQUIRE(s.strategies.size() == 1);
    CHECK(s.strategies[0].name == "multi_job");
    CHECK(s.strategies[0].cluster.node_type == "Standard_DS3_v2");
  }

  TEST_CASE("wrong types are reported at their line and column") {
    const auto errors = errors_of(R"(name: bad
replications: many
workload:
  tasks:
    - task_key: a
      duration: soon
      cores: 3600,
      run_if: SOMETIMES
strategies: [multi_job]
)");
    CHECK(errors == std::vector<std::string>{
                        "s.yaml:2:15: 'replications' must be an integer, got 'many'",
                        "s.yaml:6:17: 'duration' must be a duration like 90s, 4m30s, 1.5h or a number of seconds, got 'soon'",
                        "s.yaml:7:14: 'cores' must be an integer, got '3600,'",
                        "s.yaml:8:15: unknown run_if 'SOMETIMES' (expected a Databricks rule in upper case or an "
                        "Airflow trigger rule in lower case: ALL_SUCCESS, AT_LEAST_ONE_SUCCESS, NONE_FAILED, ALL_DONE, "
                        "AT_LEAST_ONE_FAILED, ALL_FAILED, all_success, all_failed, all_done, all_skipped, one_success, "
                        "one_failed, one_done, none_failed, none_failed_min_one_success, none_skipped, always)",
                    });
  }

  TEST_CASE("unknown keys are errors with a suggestion") {
    const auto errors = errors_of(R"(name: typo
workload:
  tasks:
    - task_key: a
      duraton: 5m
strategies: [multi_job]
)");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == "s.yaml:5:7: unknown key 'duraton' (did you mean 'duration'?)");
    CHECK(errors[1] == "s.yaml:4:7: missing 'duration'");
  }

  TEST_CASE("DAG errors carry the dependency's position") {
    const auto errors = errors_of(R"(workload:
  tasks:
    - task_key: a
      duration: 1m
      depends_on: [ghost]
strategies: [multi_job]
)");
    CHECK(errors == std::vector<std::string>{"s.yaml:5:20: workload: task 'a' depends on unknown task 'ghost'"});
  }

  TEST_CASE("one problem read many times through an alias is reported once") {
    // *bad is the same node three times: one wrong dependency, at its one place: the node starts
    // at its anchor, column 20 (6 spaces, "depends_on: [" is 13 characters).
    const auto errors = errors_of(R"(workload:
  tasks:
    - {task_key: a, duration: 1m}
    - task_key: b
      duration: 1m
      depends_on: [&bad [x], *bad, *bad]
strategies: [multi_job]
)");
    CHECK(errors == std::vector<std::string>{"s.yaml:6:20: a dependency must be a task key or {task_key: ...}"});
  }

  TEST_CASE("unknown strategy kinds and node types are reported") {
    const auto errors = errors_of(R"(workload:
  tasks: [{task_key: a, duration: 1m}]
strategies:
  - everything_everywhere
  - {kind: multi_job, name: big, cluster: {node_type: Cray_XT5}}
)");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == "s.yaml:4:5: unknown strategy kind 'everything_everywhere' (expected multi_job, "
                       "single_job_shared_cluster, single_job_cluster_per_task, all_purpose_shared, hybrid, "
                       "serverless or as_defined)");
    CHECK(errors[1] == "s.yaml:5:5: strategy 'big': unknown node type 'Cray_XT5'");
  }

  TEST_CASE("malformed YAML is reported with its position") {
    const auto errors = errors_of("workload: [unclosed\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].rfind("s.yaml:2:1: invalid YAML", 0) == 0);
  }

  TEST_CASE("a missing file is an input error") {
    CHECK_THROWS_AS(sim::load_scenario("/nonexistent/scenario.yaml"), InputError);
  }
}

TEST_SUITE("sim.scenario") {
  TEST_CASE("an unknown dependency is reported together with every other problem") {
    // Columns by hand: 4 spaces, "- {" puts task_key at 8; "task_key: b, " (13) puts duration at 21
    // and its value at 31; "soon, " (6) puts depends_on at 37, its '[' at 49 and 'zzz' at 50.
    const auto errors = testing::errors_of(
        "workload:\n  tasks:\n    - {task_key: b, duration: soon, depends_on: [zzz]}\n"
        "strategies: [single_job_shared_cluster]\n");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == "s.yaml:3:31: 'duration' must be a duration like 90s, 4m30s, 1.5h or a number of seconds, "
                       "got 'soon'");
    CHECK(errors[1] == "s.yaml:3:50: workload: task 'b' depends on unknown task 'zzz'");
  }
}
