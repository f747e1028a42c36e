// Every SVG (and the HTML page's structure) parses as XML, on a scenario with failures and retries
// so that every kind of Gantt bar is drawn, and on a two-parameter sweep.
#include <doctest/doctest.h>

#include <sstream>

#include <fmt/format.h>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include "reports/bundle.h"
#include "reports/sweep_report.h"
#include "sim/experiment/experiment.h"
#include "sim/input/scenario_loader.h"
#include "sim/input/sweep_loader.h"
#include "sim/experiment/sweep.h"

using namespace orchsim;

namespace {

bool parses_as_xml(const std::string& text, std::string& error) {
  std::istringstream in(text);
  boost::property_tree::ptree tree;
  try {
    boost::property_tree::read_xml(in, tree);
  } catch (const boost::property_tree::xml_parser_error& e) {
    error = e.what();
    return false;
  }
  return tree.count("svg") == 1;
}

constexpr const char* kFlaky = R"(
name: flaky & <odd> "name"
seed: 3
replications: 30
cluster: {startup: 3m}
faults: {driver_crashes_per_hour: 2}
workload:
  tasks:
    - {task_key: a, duration: 20m, cores: 8, failure_probability: 0.4, max_retries: 3, min_retry_interval: 5m}
    - {task_key: b, duration: 10m, cores: 8, failure_probability: 0.4, max_retries: 3, depends_on: [a]}
strategies: [multi_job, single_job_shared_cluster]
)";

}  // namespace

TEST_SUITE("reports.svg") {
  TEST_CASE("report SVGs are well-formed XML") {
    const auto scenario = sim::parse_scenario(kFlaky, "flaky.yaml");
    const auto result = sim::run_experiment(scenario, {.replications = 0, .seed = {}, .threads = 2});
    const auto files = reports::experiment_files(result, reports::recommend(result, {}));
    int svgs = 0;
    for (const auto& f : files) {
      if (f.name.size() < 4 || f.name.substr(f.name.size() - 4) != ".svg") continue;
      ++svgs;
      std::string error;
      CHECK_MESSAGE(parses_as_xml(f.content, error), f.name << ": " << error);
    }
    CHECK(svgs == 2 + 2 * 2);  // cost vs makespan, cost breakdown, and a median and a p95 Gantt per strategy
  }

  TEST_CASE("sweep SVGs are well-formed XML") {
    const auto plan = sim::parse_sweep(R"(
cluster: {startup: 3m}
workload:
  tasks:
    - {task_key: a, duration: 5m, cores: 4}
strategies: [multi_job, single_job_shared_cluster]
sweep:
  - {parameter: cluster.startup, values: [1m, 5m]}
  - {parameter: workload.tasks.a.duration, values: [1m, 10m, 20m]}
)", "sweep.yaml");
    const auto result = sim::run_sweep(plan, {.replications = 5, .seed = 1, .threads = 1});
    for (const auto& f : reports::sweep_files(result, {})) {
      if (f.name.substr(f.name.size() - 4) != ".svg") continue;
      std::string error;
      CHECK_MESSAGE(parses_as_xml(f.content, error), f.name << ": " << error);
    }
  }

  TEST_CASE("sweep line charts place x by value: linear in minutes, or log over two decades") {
    const auto minutes = sim::numeric_axis({.parameter = "cluster.startup", .labels = {"30s", "1m", "4m30s"}});
    REQUIRE(minutes.has_value());
    CHECK(minutes->unit == "min");
    CHECK(minutes->values == std::vector<double>{0.5, 1, 4.5});
    const auto numbers = sim::numeric_axis({.parameter = "x", .labels = {"1", "10", "100"}});
    REQUIRE(numbers.has_value());
    CHECK(numbers->unit.empty());
    CHECK_FALSE(sim::numeric_axis({.parameter = "x", .labels = {"1", "fast"}}).has_value());

    const auto sweep = [](const char* values) {
      const auto plan = sim::parse_sweep(fmt::format(R"(
cluster: {{startup: 1m}}
faults: {{driver_crashes_per_hour: 0}}
workload: {{tasks: [{{task_key: a, duration: 5m}}]}}
strategies: [single_job_shared_cluster]
sweep: {{parameter: faults.driver_crashes_per_hour, values: {}}}
)", values), "sweep.yaml");
      return reports::sweep_line_svg(sim::run_sweep(plan, {.replications = 2, .seed = 1, .threads = 1}), sim::MetricId::kCostUsd);
    };
    // 0.01 … 1: positive over two decades, log ticks at 0.01, 0.1 and 1 (with 2 and 5 between).
    const std::string log = sweep("[0.01, 0.1, 1]");
    CHECK(log.find("faults.driver_crashes_per_hour, log scale") != std::string::npos);
    CHECK(log.find(">0.02<") != std::string::npos);
    // 0, 0.5, 2: linear; the points sit at 0, 25% and 100% of the data range, not evenly spaced.
    const std::string linear = sweep("[0, 0.5, 2]");
    CHECK(linear.find("log scale") == std::string::npos);
    CHECK(linear.find(">1.5<") != std::string::npos);  // a tick between the values, by value
  }
}
