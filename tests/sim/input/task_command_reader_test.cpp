#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/input/scenario_loader.h"
#include "tests/sim/input/scenario_errors.h"

using namespace orchsim;
using orchsim::testing::errors_of;

namespace {

// A one-task scenario whose task carries `task_extra` (lines indented for the task map) and whose
// workload carries `workload_extra`.
std::string scenario(const std::string& task_extra, const std::string& workload_extra = "") {
  return "workload:\n" + workload_extra + "  tasks:\n    - task_key: a\n      duration: 1m\n" + task_extra +
         "strategies: [single_job_shared_cluster]\n";
}

}  // namespace

TEST_SUITE("sim.scenario.live_keys") {
  TEST_CASE("a command is argv, or one string for /bin/sh with shell: true") {
    auto s = sim::parse_scenario(scenario("      command: [python, etl.py, --day, '2026-01-01']\n"
                                          "      permanent_exit_codes: [2, 64]\n"), "s.yaml");
    const auto& a = s.workload.tasks[0];
    REQUIRE(a.command);
    CHECK(a.command->argv == std::vector<std::string>{"python", "etl.py", "--day", "2026-01-01"});
    CHECK(!a.command->shell);
    CHECK(a.command->permanent_exit_codes == std::vector<int>{2, 64});
    CHECK(!a.writes->gate);

    s = sim::parse_scenario(scenario("      command: echo hi > out.txt\n      shell: true\n"), "s.yaml");
    REQUIRE(s.workload.tasks[0].command);
    CHECK(s.workload.tasks[0].command->argv == std::vector<std::string>{"echo hi > out.txt"});
    CHECK(s.workload.tasks[0].command->shell);
  }

  TEST_CASE("no live keys: no command, no gate, no destinations (the simulator's defaults)") {
    const auto s = sim::parse_scenario(scenario(""), "s.yaml");
    CHECK(!s.workload.tasks[0].command);
    CHECK(!s.workload.tasks[0].writes->gate);
    CHECK(s.workload.job.alert_destinations.empty());
  }

  TEST_CASE("a gate reads every check and its simulated price") {
    const auto s = sim::parse_scenario(scenario("      tables: [orders]\n"
                                                "      gate:\n"
                                                "        command: [python, check.py]\n"
                                                "        min_rows: 1\n"
                                                "        max_rows: 1000000\n"
                                                "        columns: [id, amount]\n"
                                                "        failure_probability: 0.05\n"
                                                "        duration: 30s\n"), "s.yaml");
    const auto& g = s.workload.tasks[0].writes->gate;
    REQUIRE(g);
    REQUIRE(g->command);
    CHECK(g->command->argv == std::vector<std::string>{"python", "check.py"});
    CHECK(g->min_rows == 1u);
    CHECK(g->max_rows == 1'000'000u);
    CHECK(g->columns == std::vector<std::string>{"id", "amount"});
    CHECK(g->failure_probability == 0.05);
    CHECK(g->duration == Duration::seconds(30));
    // A gate with only a simulated price is a gate too.
    const auto t = sim::parse_scenario(scenario("      gate: {failure_probability: 0.3}\n"), "s.yaml");
    REQUIRE(t.workload.tasks[0].writes->gate);
    CHECK(!t.workload.tasks[0].writes->gate->command);
    CHECK(t.workload.tasks[0].writes->gate->duration == Duration::zero());
  }

  TEST_CASE("alert destinations: stdout, a JSONL file and a webhook with its defaults") {
    const auto s = sim::parse_scenario(scenario("", "  alerts:\n"
                                                    "    events: [on_failure]\n"
                                                    "    destinations:\n"
                                                    "      - stdout\n"
                                                    "      - {stdout: {}}\n"
                                                    "      - {jsonl: out/alerts.jsonl}\n"
                                                    "      - webhook: {url: 'http://127.0.0.1:8080/hook'}\n"
                                                    "      - webhook: {url: 'https://hooks.slack.com/x', slack: true,"
                                                    " timeout: 2s, retries: 0}\n"), "s.yaml");
    const auto& d = s.workload.job.alert_destinations;
    REQUIRE(d.size() == 5);
    CHECK(d[0].kind == AlertDestination::Kind::kStdout);
    CHECK(d[1].kind == AlertDestination::Kind::kStdout);
    CHECK(d[2].kind == AlertDestination::Kind::kJsonl);
    CHECK(d[2].path == "out/alerts.jsonl");
    CHECK(d[3].kind == AlertDestination::Kind::kWebhook);
    CHECK(d[3].url == "http://127.0.0.1:8080/hook");
    CHECK(!d[3].slack);
    CHECK(d[3].timeout == Duration::seconds(5));  // engine/alert_destination.h defaults
    CHECK(d[3].retries == 2);
    CHECK(d[4].slack);
    CHECK(d[4].timeout == Duration::seconds(2));
    CHECK(d[4].retries == 0);
  }

  TEST_CASE("every bad command value is reported where it is written") {
    // Line 5 holds the first task_extra line: "workload:", "  tasks:", "- task_key", "duration".
    CHECK(errors_of(scenario("      command: []\n")) ==
          std::vector<std::string>{"s.yaml:5:16: command must not be empty"});
    CHECK(errors_of(scenario("      command: python etl.py\n")) ==
          std::vector<std::string>{"s.yaml:5:16: a command written as one string runs only through /bin/sh: add "
                                   "'shell: true', or give argv as a list like [python, etl.py]"});
    CHECK(errors_of(scenario("      command: [echo, hi]\n      shell: true\n")) ==
          std::vector<std::string>{"s.yaml:5:16: with 'shell: true' the command is one string for /bin/sh -c, got "
                                   "2 strings (join them, or drop 'shell' to run argv directly)"});
    CHECK(errors_of(scenario("      command: [run]\n      permanent_exit_codes: [0, 256, -1, x, 3, 3]\n")) ==
          std::vector<std::string>{
              "s.yaml:6:30: permanent_exit_codes: exit code 0 means success, it cannot mark a failure",
              "s.yaml:6:33: permanent_exit_codes: an exit code is between 1 and 255, got 256",
              "s.yaml:6:38: permanent_exit_codes: an exit code is between 1 and 255, got -1",
              "s.yaml:6:42: permanent_exit_codes: expected an integer, got 'x'",
              "s.yaml:6:48: permanent_exit_codes: 3 is listed twice"});
    CHECK(errors_of(scenario("      shell: true\n      permanent_exit_codes: [2]\n")) ==
          std::vector<std::string>{"s.yaml:5:14: 'shell' applies only with 'command'",
                                   "s.yaml:6:29: 'permanent_exit_codes' applies only with 'command'"});
    CHECK(errors_of(scenario("      commnd: [run]\n")) ==
          std::vector<std::string>{"s.yaml:5:7: unknown key 'commnd' (did you mean 'command'?)"});
  }

  TEST_CASE("every bad gate value is reported where it is written") {
    CHECK(errors_of(scenario("      gate: {failure_probability: 1.5}\n")) ==
          std::vector<std::string>{"s.yaml:5:35: 'failure_probability' must be between 0 and 1, got 1.5"});
    CHECK(errors_of(scenario("      gate: {min_rows: 10, max_rows: 5}\n")) ==
          std::vector<std::string>{"s.yaml:5:24: gate: min_rows (10) must not exceed max_rows (5)"});
    CHECK(errors_of(scenario("      gate: {min_row: 10}\n")) ==
          std::vector<std::string>{"s.yaml:5:14: unknown key 'min_row' (did you mean 'min_rows'?)"});
    CHECK(errors_of(scenario("      gate: {command: [], columns: ['']}\n")) ==
          std::vector<std::string>{"s.yaml:5:23: command must not be empty",
                                   "s.yaml:5:37: gate: a column name must be a non-empty string"});
    CHECK(errors_of(scenario("      gate: {command: [run], permanent_exit_codes: [2]}\n")) ==
          std::vector<std::string>{"s.yaml:5:30: unknown key 'permanent_exit_codes'"});
    CHECK(errors_of(scenario("      gate: strict\n")).size() == 1);
  }

  TEST_CASE("every bad destination is reported where it is written") {
    const auto bad = [](const std::string& item) {
      return errors_of(scenario("", "  alerts:\n    destinations:\n      - " + item + "\n"));
    };
    CHECK(bad("{webhook: {url: 'ftp://x'}}") ==
          std::vector<std::string>{"s.yaml:4:25: webhook url must start with http:// or https://, got 'ftp://x'"});
    CHECK(bad("{webhook: {slack: true}}") == std::vector<std::string>{"s.yaml:4:19: missing 'url'"});
    CHECK(bad("{webhook: {url: 'http://h', timeout: 0s}}") ==
          std::vector<std::string>{"s.yaml:4:46: webhook timeout must be > 0"});
    CHECK(bad("{jsonl: ''}") == std::vector<std::string>{"s.yaml:4:17: jsonl: the file path must not be empty"});
    CHECK(bad("{slack: {}}") == std::vector<std::string>{"s.yaml:4:10: unknown key 'slack'"});
    CHECK(bad("{webhok: {url: 'http://h'}}") ==
          std::vector<std::string>{"s.yaml:4:10: unknown key 'webhok' (did you mean 'webhook'?)"});
    CHECK(bad("{stdout: {x: 1}}") ==
          std::vector<std::string>{"s.yaml:4:18: stdout takes no settings (write 'stdout: {}')"});
  }

  TEST_CASE("a condition task takes no command or gate") {
    const auto errors = errors_of("workload:\n  tasks:\n    - task_key: c\n      condition: {op: EQUAL_TO, left: a, "
                                  "right: a}\n      command: [run]\n      gate: {min_rows: 1}\n"
                                  "strategies: [single_job_shared_cluster]\n");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].starts_with("s.yaml:5:7: 'command' does not apply to a condition task"));
    CHECK(errors[1].starts_with("s.yaml:6:7: 'gate' does not apply to a condition task"));
  }
}
