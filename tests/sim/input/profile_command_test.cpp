// A Databricks profile's `command` and `gate` per task (issue #16), so that `orchsim exec` can run
// an imported job: the rules' keys are read as in a scenario and reach the mapped tasks.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/input/databricks_job_mapper.h"
#include "sim/input/profile_loader.h"
#include "tests/sim/input/databricks_test_source.h"

namespace orchsim::sim {
namespace {

constexpr const char* kBundle = R"(resources:
  jobs:
    etl:
      tasks:
        - {task_key: ingest_orders, notebook_task: {notebook_path: ./ingest}}
        - {task_key: ingest_users, notebook_task: {notebook_path: ./ingest}}
        - {task_key: publish, depends_on: [{task_key: ingest_orders}], notebook_task: {notebook_path: ./pub}}
)";

std::vector<std::string> problems(const char* text) {
  std::vector<std::string> out;
  try {
    (void)parse_profile(text, "p.yml");
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) out.push_back(d.to_string());
  }
  return out;
}

TEST_CASE("profile rules give tasks their command and gate; a later rule overrides an earlier one") {
  const Profile p = parse_profile(
      "alerts: {destinations: [stdout, {webhook: {url: 'https://h/x'}}]}\n"
      "tasks:\n"
      "  - {match: 'ingest_*', command: [python, ingest.py], permanent_exit_codes: [3]}\n"
      "  - {match: ingest_users, command: 'python ingest.py --users', shell: true,\n"
      "     gate: {min_rows: 1, failure_probability: 0.1, duration: 20s}}\n",
      "p.yml");
  const DatabricksImport in = map_databricks_job(testing::bundle_source(kBundle, "b.yml"), p, "");
  const auto& tasks = in.scenario.workload.tasks;
  REQUIRE(tasks.size() == 3);
  REQUIRE(tasks[0].command);
  CHECK(tasks[0].command->argv == std::vector<std::string>{"python", "ingest.py"});
  CHECK(tasks[0].command->permanent_exit_codes == std::vector<int>{3});
  CHECK(!tasks[0].writes->gate);
  REQUIRE(tasks[1].command);  // the second rule's command replaces the first's whole
  CHECK(tasks[1].command->shell);
  CHECK(tasks[1].command->argv == std::vector<std::string>{"python ingest.py --users"});
  CHECK(tasks[1].command->permanent_exit_codes.empty());
  REQUIRE(tasks[1].writes->gate);
  CHECK(tasks[1].writes->gate->min_rows == 1u);
  CHECK(tasks[1].writes->gate->failure_probability == 0.1);
  CHECK(tasks[1].writes->gate->duration == Duration::seconds(20));
  CHECK(!tasks[2].command);  // no rule matches publish: the simulator's task, no command
  CHECK(!tasks[2].writes->gate);
  const auto& d = in.scenario.workload.job.alert_destinations;  // the profile's, for the job
  REQUIRE(d.size() == 2);
  CHECK(d[0].kind == AlertDestination::Kind::kStdout);
  CHECK(d[1].kind == AlertDestination::Kind::kWebhook);
  CHECK(d[1].url == "https://h/x");
}

TEST_CASE("a profile's command and gate mistakes are reported at their line:col") {
  const auto errors = problems(
      "tasks:\n"
      "  - {match: a, command: [], gate: {max_rows: 1, min_rows: 2}}\n"
      "  - {match: b, shell: true}\n"
      "defaults: {notebook: {command: [x]}}\n");
  REQUIRE(errors.size() == 4);
  // `defaults` is read first.
  CHECK(errors[0] == "p.yml:4:23: unknown key 'command'");
  CHECK(errors[1] == "p.yml:2:25: command must not be empty");
  CHECK(errors[2] == "p.yml:2:59: gate: min_rows (2) must not exceed max_rows (1)");
  CHECK(errors[3] == "p.yml:3:23: 'shell' applies only with 'command'");
}

}  // namespace
}  // namespace orchsim::sim
