// run_replication's horizon: a run that cannot end is an input error at the task that keeps it
// open, the same whatever the thread count, never a hang.
#include <doctest/doctest.h>

#include <string>

#include "engine/error.h"
#include "sim/experiment/experiment.h"
#include "sim/input/scenario_loader.h"
#include "tests/sim/input/scenario_errors.h"

using namespace orchsim;

namespace {

// Task `b` always fails and retries forever; `a` succeeds. Its attempts start 10 min apart (the
// interval runs from attempt start and each fails within its 1 min), from the cluster's start: by
// 6 h that is at most 6 h / 10 min + 1 = 37 attempts, and at least 31 unless the start took > 1 h.
const std::string kForever = R"(name: forever
horizon: 6h
replications: 4
cluster: {node_type: Standard_DS3_v2, workers: 2}
workload:
  tasks:
    - task_key: a
      duration: 1m
    - task_key: b
      duration: 1m
      failure_probability: 1
      max_retries: -1
      min_retry_interval: 10m
strategies: [single_job_shared_cluster]
)";

std::string horizon_error(unsigned threads) {
  try {
    sim::run_experiment(sim::parse_scenario(kForever, "s.yaml"), {.threads = threads});
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics().front().to_string();
  }
  return {};
}

}  // namespace

TEST_SUITE("sim.replication") {
  TEST_CASE("a run still open at the horizon is reported at the task that keeps it open") {
    const std::string one = horizon_error(1);
    CHECK(one.rfind("s.yaml:9:7: task 'b' had not finished after ", 0) == 0);
    CHECK(one.find("replication 0 was still running at the simulated horizon of 6 h") != std::string::npos);
    const auto attempts = std::stoul(one.substr(one.find("after ") + 6));
    CHECK(attempts >= 30);
    CHECK(attempts <= 37);
    // The lowest failing replication is reported whatever the thread count.
    CHECK(horizon_error(2) == one);
    CHECK(horizon_error(3) == one);
  }

  TEST_CASE("a task failing in no time forever is stopped by the work limit, not the horizon") {
    // Each attempt of `spin` ends at the instant it starts: simulated time stays near the cluster's
    // start, so only the event budget (100,000 per task, 2 tasks) can end the replication.
    const std::string yaml = R"(name: spin
replications: 1
cluster: {node_type: Standard_DS3_v2, workers: 2}
workload:
  tasks:
    - {task_key: a, duration: 1m}
    - {task_key: spin, duration: 0s, failure_probability: 1, max_retries: -1}
strategies: [single_job_shared_cluster]
)";
    std::string message;
    try {
      sim::run_experiment(sim::parse_scenario(yaml, "s.yaml"), {.threads = 1});
    } catch (const InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      message = e.diagnostics().front().to_string();
    }
    CHECK(message.rfind("s.yaml:7:7: task 'spin' had not finished after ", 0) == 0);
    CHECK(message.find("replication 0 reached the work limit of 200000 events (100000 per task)") !=
          std::string::npos);
    CHECK(message.find("nonzero duration") != std::string::npos);
  }

  TEST_CASE("an all-purpose cluster auto-terminating past the horizon ends the run normally") {
    // The cluster is idle after the 1 min task and terminates 800 h later, past the 720 h default
    // horizon; dedicated to the run, it is billed until then, so it costs more than with the 2 h default.
    auto cost = [](const std::string& auto_terminate) {
      const std::string yaml = "name: ap\nreplications: 1\ncluster: {node_type: Standard_DS3_v2, workers: 2, "
                               "attribution: dedicated" +
                               auto_terminate + "}\nworkload: {tasks: [{task_key: a, duration: 1m}]}\n"
                               "strategies: [all_purpose_shared]\n";
      const auto result = sim::run_experiment(sim::parse_scenario(yaml, "s.yaml"), {.threads = 1});
      REQUIRE(result.strategies.size() == 1);
      return result.strategies.front().replications.front().cost.total();
    };
    CHECK(cost(", auto_terminate_after: 800h") > 100 * cost(""));
  }

  TEST_CASE("the horizon must be a positive duration") {
    const auto errors = testing::errors_of(
        "horizon: 0s\nworkload: {tasks: [{task_key: a, duration: 1m}]}\nstrategies: [single_job_shared_cluster]\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors.front() == "s.yaml:1:10: horizon must be positive");
  }
}
