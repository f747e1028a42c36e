// Decisions under constraints and summary.json, on hand-made replication results (no simulation), so
// every expected number is worked out here from the few values put in. P95 is the type-1 empirical
// quantile (sim/experiment/summary.h): of 4 makespans, the ceil(0.95 × 4) = 4th smallest, the largest.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "reports/constrained_choice.h"
#include "reports/recommendation.h"
#include "reports/summary_json.h"
#include "sim/experiment/metric_catalog.h"
#include "sim/experiment/metric_summary.h"
#include "sim/input/json_reader.h"

using namespace orchsim;

namespace {

struct Rep {
  double cost_usd;
  double makespan_min;
  JobResult outcome = JobResult::kSuccess;
};

sim::StrategyResult strategy(const std::string& name, std::uint32_t jobs, const std::vector<Rep>& reps) {
  sim::StrategyResult s;
  s.strategy.name = name;
  for (const Rep& r : reps) {
    sim::ReplicationResult rr;
    rr.metrics.vm_usd = r.cost_usd;
    rr.metrics.makespan_s = r.makespan_min * 60;
    rr.metrics.outcome = r.outcome;
    rr.metrics.jobs = jobs;
    rr.metrics.clusters = 1;
    rr.metrics.workload_tasks = 2;
    rr.metrics.tasks_on_preferred_node = 2;
    s.replications.push_back(rr);
  }
  for (const auto& m : sim::metric_catalog()) s.summaries.push_back(sim::summarise(m, s.replications, 7));
  return s;
}

// A: $1 per run, makespans 40, 40, 40, 60 (P95 60, mean 45). B: $2, always 30 min. C: $5, always 20 min.
// Every run succeeds, so cost per successful run = cost per run.
sim::ExperimentResult three() {
  sim::ExperimentResult r;
  r.scenario = "three";
  r.seed = 11;
  r.replications = 4;
  r.strategies.push_back(strategy("A", 1, {{1, 40}, {1, 40}, {1, 40}, {1, 60}}));
  r.strategies.push_back(strategy("B", 2, {{2, 30}, {2, 30}, {2, 30}, {2, 30}}));
  r.strategies.push_back(strategy("C", 1, {{5, 20}, {5, 20}, {5, 20}, {5, 20}}));
  return r;
}

const sim::ConfigNode& at(const sim::ConfigNode& n, std::string_view key) {
  const sim::ConfigNode* v = n.find(key);
  REQUIRE_MESSAGE(v != nullptr, "no key " << key);
  return *v;
}

}  // namespace

TEST_SUITE("reports.constrained_choice") {
  TEST_CASE("A is cheapest but misses the deadline; B meets it and the budget; C is over budget: B") {
    const auto c = reports::choose_under_constraints(three(), {.deadline_min = 45, .budget_usd = 3.5});
    REQUIRE(c.choice);
    CHECK(*c.choice == 1);
    CHECK(*c.checks[0].p95_min == doctest::Approx(60.0));
    CHECK_FALSE(c.checks[0].meets_deadline);
    CHECK_FALSE(c.checks[2].meets_budget);
    CHECK(c.text == "Under your constraints (P95 ≤ 45 min, cost/success ≤ $3.50): **B** (P95 30.0 min, $2.00 per "
                    "successful run) — A misses the deadline (P95 60.0 min), C is over budget ($5.00).");
    // Without the deadline, A (the cheapest) is the choice.
    CHECK(*reports::choose_under_constraints(three(), {.budget_usd = 3.5}).choice == 0);
  }

  TEST_CASE("a budget that excludes every strategy: none meets it, and the closest is named") {
    // Overshoots of $0.50: A (1 − 0.5) / 0.5 = 1, B 3, C 9: A is closest.
    const auto c = reports::choose_under_constraints(three(), {.budget_usd = 0.5});
    CHECK_FALSE(c.choice);
    CHECK(c.closest == 0);
    CHECK(c.checks[0].overshoot == doctest::Approx(1.0));
    CHECK(c.checks[1].overshoot == doctest::Approx(3.0));
    CHECK(c.text == "Under your constraints (cost/success ≤ $0.50): no strategy meets them; the closest is **A**, "
                    "which is over budget ($1.00) — B is over budget ($2.00), C is over budget ($5.00).");
  }

  TEST_CASE("value of time: cost per successful run + value × mean makespan") {
    // At $0.10/min: A 1 + 0.1 × 45 = 5.5, B 2 + 0.1 × 30 = 5.0, C 5 + 0.1 × 20 = 7.0: B.
    const auto c = reports::choose_under_constraints(three(), {.value_of_time = 0.1});
    CHECK(*c.checks[0].objective == doctest::Approx(5.5));
    CHECK(*c.checks[1].objective == doctest::Approx(5.0));
    CHECK(*c.checks[2].objective == doctest::Approx(7.0));
    REQUIRE(c.choice);
    CHECK(*c.choice == 1);
    CHECK(c.text.find("**B** (P95 30.0 min, $2.00 per successful run + $0.10/min × 30.0 min = $5.00)") !=
          std::string::npos);
    // At $0.50/min time dominates: A 23.5, B 17, C 15: C.
    CHECK(*reports::choose_under_constraints(three(), {.value_of_time = 0.5}).choice == 2);
  }

  TEST_CASE("failed runs are paid for: cost per successful run, not per run, is what the budget caps") {
    // D: $1 per run, half the runs fail: $4 / 2 successes = $2 per successful run, over a $1.50 budget.
    sim::ExperimentResult r;
    r.strategies.push_back(strategy("D", 1, {{1, 10}, {1, 10, JobResult::kFailed}, {1, 10}, {1, 10, JobResult::kFailed}}));
    r.strategies.push_back(strategy("E", 1, {{1.6, 10}, {1.6, 10}, {1.6, 10}, {1.6, 10}}));
    const auto c = reports::choose_under_constraints(r, {.budget_usd = 1.5, .value_of_time = std::nullopt});
    CHECK(*c.checks[0].cost_per_success == doctest::Approx(2.0));
    CHECK_FALSE(c.choice);  // E costs $1.60: also over
    CHECK(c.closest == 1);  // overshoots: D 0.5 / 1.5 = 0.33, E 0.1 / 1.5 = 0.067
  }

  TEST_CASE("summary.json parses back with the recommendation, the constrained choice, verdicts and assumptions") {
    const auto r = three();
    const auto rec = reports::recommend(r, {.cost = 1, .time = 2, .risk = 0}, 0.03, {.deadline_min = 45, .budget_usd = 3.5});
    Diagnostics diagnostics;
    const sim::ConfigNode root = sim::config_from_json(reports::summary_json(r, rec), "summary.json", diagnostics);
    REQUIRE(diagnostics.empty());
    CHECK(at(root, "schema_version").scalar == "1");
    CHECK(at(root, "scenario").scalar == "three");
    CHECK(at(root, "strategies").items.size() == 3);  // the experiment JSON, unchanged, comes first
    const auto& assumptions = at(root, "assumptions");
    CHECK(at(assumptions, "seed").scalar == "11");
    CHECK(at(assumptions, "replications").scalar == "4");
    CHECK(at(assumptions, "negligible").scalar == "0.03");
    CHECK(at(at(assumptions, "weights"), "time").scalar == "2");
    CHECK(at(at(assumptions, "constraints"), "deadline_p95_min").scalar == "45");
    CHECK(at(at(assumptions, "constraints"), "budget_cost_per_success_usd").scalar == "3.5");
    CHECK(at(at(assumptions, "constraints"), "value_of_time_usd_per_min").is_null());
    // Weighted (cost 1, time 2): A 0 + 2 × (45 − 20) / 25 = 2, B 0.25 + 2 × 0.4 = 1.05, C 1 + 0 = 1: C.
    const auto& recommendation = at(root, "recommendation");
    CHECK(at(recommendation, "choice").scalar == "C");
    const auto& rows = at(recommendation, "strategies").items;
    REQUIRE(rows.size() == 3);
    CHECK(at(rows[1], "score").scalar == "1.05");
    // A, B, C trade cost against time: none dominates another.
    for (const auto& row : rows) CHECK(at(row, "pareto").scalar == "true");
    const auto& constrained = at(root, "constrained_choice");
    CHECK(at(constrained, "choice").scalar == "B");
    CHECK(at(at(constrained, "strategies").items[0], "meets_deadline").scalar == "false");
    CHECK(at(at(constrained, "strategies").items[2], "meets_budget").scalar == "false");
    const auto& verdicts = at(root, "verdicts");
    REQUIRE(verdicts.is_sequence());
    REQUIRE_FALSE(verdicts.items.empty());
    for (const auto& v : verdicts.items) {
      CHECK_FALSE(at(v, "factor").scalar.empty());
      CHECK(at(v, "compares").is_scalar());
      CHECK((at(v, "holds").is_null() || at(v, "holds").scalar == "true" || at(v, "holds").scalar == "false"));
    }
  }

  TEST_CASE("without constraints summary.json says so: constrained_choice and every constraint are null") {
    const auto r = three();
    Diagnostics diagnostics;
    const sim::ConfigNode root =
        sim::config_from_json(reports::summary_json(r, reports::recommend(r, {})), "summary.json", diagnostics);
    REQUIRE(diagnostics.empty());
    CHECK(at(root, "constrained_choice").is_null());
    CHECK(at(at(at(root, "assumptions"), "constraints"), "deadline_p95_min").is_null());
  }
}
