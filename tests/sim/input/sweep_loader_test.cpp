// Sweep files: values substituted by path (map keys, list elements by task_key / kind), the grid's
// order, and errors at the sweep's own line:col.
#include <doctest/doctest.h>

#include "sim/input/sweep_loader.h"

using namespace orchsim;

namespace {

std::string first_error(const std::string& yaml) {
  try {
    sim::parse_sweep(yaml, "s.yaml");
  } catch (const InputError& e) {
    return e.diagnostics().front().to_string();
  }
  return "";
}

}  // namespace

TEST_SUITE("sim.sweep") {
  TEST_CASE("a two-parameter grid, row-major, with list elements named by key and strategy kind") {
    const auto plan = sim::parse_sweep(R"(
workload:
  tasks:
    - {task_key: a, duration: 5m}
    - {task_key: b, duration: 5m, depends_on: [a]}
strategies: [multi_job, single_job_shared_cluster]
sweep:
  - {parameter: workload.tasks.b.duration, values: [1m, 2m]}
  - {parameter: strategies.multi_job.trigger_latency, values: [0s, 10s, 20s]}
)", "s.yaml");
    REQUIRE(plan.axes.size() == 2);
    REQUIRE(plan.points.size() == 6);
    CHECK(plan.axes[0].labels == std::vector<std::string>{"1m", "2m"});
    for (std::size_t i = 0; i < 2; ++i) {
      for (std::size_t j = 0; j < 3; ++j) {
        const auto& p = plan.points[i * 3 + j];
        CHECK(p.workload.tasks[1].duration == Duration::minutes(long(i) + 1));
        CHECK(p.workload.tasks[0].duration == Duration::minutes(5));  // untouched
        CHECK(p.strategies[0].trigger_latency == Duration::seconds(10 * long(j)));
        CHECK(p.strategies[1].name == "single_job_shared_cluster");
      }
    }
  }

  TEST_CASE("errors point at the sweep") {
    // An unknown list element: reported at the parameter's value (line 7, column 17).
    CHECK(first_error(R"(
workload:
  tasks:
    - {task_key: a, duration: 5m}
strategies: [multi_job]
sweep:
  - {parameter: workload.tasks.zzz.duration, values: [1m]}
)") == "s.yaml:7:17: sweep parameter 'workload.tasks.zzz.duration': no list element named 'zzz'");
    // A bad value is reported where the value is written.
    CHECK(first_error(R"(workload:
  tasks:
    - {task_key: a, duration: 5m}
strategies: [multi_job]
sweep: {parameter: workload.tasks.a.duration, values: [1m, soon]}
)").rfind("s.yaml:5:60:", 0) == 0);
    CHECK(first_error("workload: {tasks: [{task_key: a, duration: 1m}]}\nstrategies: [multi_job]\n").find("missing 'sweep'") !=
          std::string::npos);
  }
}
