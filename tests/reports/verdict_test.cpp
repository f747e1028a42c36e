// Success-aware metrics and readable verdicts, on hand-made replication results (no simulation), so
// every expected number is worked out here from the few values put in.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "reports/json.h"
#include "reports/recommendation.h"
#include "reports/report_tables.h"
#include "reports/tradeoff.h"
#include "sim/experiment/metric_catalog.h"
#include "sim/experiment/metric_summary.h"

using namespace orchsim;
using sim::MetricId;

namespace {

// A strategy whose replications have these costs (all VM), makespans (min) and outcomes; `jobs` and
// `clusters` put it on a side of the trade-off tables.
struct Rep {
  double cost_usd;
  double makespan_min;
  JobResult outcome = JobResult::kSuccess;
  std::uint32_t faults = 0;
  std::uint32_t tasks_hit = 0;
};

sim::StrategyResult strategy(const std::string& name, std::uint32_t jobs, std::uint32_t clusters,
                             const std::vector<Rep>& reps) {
  sim::StrategyResult s;
  s.strategy.name = name;
  for (const Rep& r : reps) {
    sim::ReplicationResult rr;
    rr.metrics.vm_usd = r.cost_usd;
    rr.metrics.makespan_s = r.makespan_min * 60;
    rr.metrics.outcome = r.outcome;
    rr.metrics.faults = r.faults;
    rr.metrics.tasks_hit = r.tasks_hit;
    rr.metrics.jobs = jobs;
    rr.metrics.clusters = clusters;
    rr.metrics.workload_tasks = 2;
    rr.metrics.tasks_on_preferred_node = 2;
    s.replications.push_back(rr);
  }
  for (const auto& m : sim::metric_catalog()) s.summaries.push_back(sim::summarise(m, s.replications, 7));
  return s;
}

const reports::TradeoffRow& row(const reports::TradeoffTable& t, const std::string& factor) {
  for (const auto& r : t.rows) {
    if (r.factor == factor) return r;
  }
  FAIL("no row " << factor);
  return t.rows.front();
}

}  // namespace

TEST_SUITE("reports.success_metrics") {
  TEST_CASE("cost per successful run = Σ cost / successes; makespan of successful runs averages those only") {
    // Costs $1, $2, $3, $4; runs 1 and 3 succeed (makespans 10 and 30 min), 2 and 4 fail.
    const auto s = strategy("x", 1, 1,
                            {{1, 10}, {2, 20, JobResult::kFailed}, {3, 30}, {4, 40, JobResult::kFailed}});
    // (1 + 2 + 3 + 4) / 2 successes = $5: mean cost $2.50 / P(success) 0.5.
    CHECK(s.summary(MetricId::kCostPerSuccessUsd).mean == doctest::Approx(5.0));
    CHECK(s.summary(MetricId::kCostUsd).mean == doctest::Approx(2.5));
    CHECK(s.summary(MetricId::kPSuccess).mean == doctest::Approx(0.5));
    CHECK(s.summary(MetricId::kSuccessMakespanMin).mean == doctest::Approx(20.0));  // (10 + 30) / 2
    CHECK(s.summary(MetricId::kSuccessMakespanMin).n == 2);
  }

  TEST_CASE("no run succeeded: the success-aware metrics are undefined and say so, never 0 or NaN") {
    sim::ExperimentResult r;
    r.strategies.push_back(strategy("doomed", 1, 1, {{1, 10, JobResult::kFailed}, {2, 20, JobResult::kFailed}}));
    const auto& cps = r.strategies[0].summary(MetricId::kCostPerSuccessUsd);
    CHECK_FALSE(cps.defined());
    CHECK(reports::format_figure(cps) == "undefined: no run succeeded");
    const std::string json = reports::strategies_json(r, 0);
    CHECK(json.find("\"cost_per_success_usd\": {\"unit\": \"USD\", \"n\": 0, \"undefined\": \"no run succeeded\"}") !=
          std::string::npos);
    CHECK(json.find("nan") == std::string::npos);
    const auto table = reports::recommendation_table(r, reports::recommend(r, {}));
    CHECK(table.rows[0][5] == "undefined: no run succeeded");  // cost per successful run
    CHECK(table.rows[0][6] == "undefined: no run succeeded");  // makespan of successful runs
  }
}

TEST_SUITE("reports.verdicts") {
  // multi (3 jobs, 3 clusters) against single (1 job, 1 cluster): single costs exactly 1% less in
  // every replication ($2.00 vs $1.98, $3.00 vs $2.97): paired differences 0.02 and 0.03, an
  // interval clear of zero, but 1% of the larger mean, under the default 2% threshold.
  sim::ExperimentResult two_sides(bool multi_has_faults) {
    sim::ExperimentResult r;
    const std::uint32_t f = multi_has_faults ? 1 : 0;
    r.strategies.push_back(strategy("multi", 3, 3, {{2.00, 30, JobResult::kSuccess, f, f}, {3.00, 40, JobResult::kSuccess, f, f},
                                                    {2.00, 31}, {3.00, 41}}));
    r.strategies.push_back(strategy("single", 1, 1, {{1.98, 20}, {2.97, 25}, {1.98, 22}, {2.97, 27}}));
    return r;
  }

  TEST_CASE("every judged row names the pair it compares") {
    const auto t = reports::performance_tradeoff(two_sides(false));
    CHECK(row(t, "execution speed").pair == "multi vs single");
    CHECK(row(t, "execution speed").verdict == reports::Verdict::kHolds);  // multi 35.5 vs 23.5 min: slower
    const auto table = reports::tradeoff_table(t);
    CHECK(table.header[4] == "compares");
  }

  TEST_CASE("a 1% difference is negligible at the default 2% threshold, and judged at 0.5%") {
    const auto r = two_sides(false);
    const auto by_default = reports::performance_tradeoff(r);
    CHECK(row(by_default, "cost").verdict == reports::Verdict::kNegligible);
    CHECK(row(by_default, "cost").winner == "tie");
    // At 0.5% the 1% difference matters: multi costs more, as the seed claims.
    const auto strict = reports::performance_tradeoff(r, 0.005);
    CHECK(row(strict, "cost").verdict == reports::Verdict::kHolds);
    CHECK(row(strict, "cost").winner == "single");
  }

  TEST_CASE("rows the scenario does not exercise say so, and why") {
    const auto r = two_sides(false);
    // No run failed under either: P(failed) is 0 in every replication of both.
    const auto cluster = reports::cluster_tradeoff(r);
    const auto& stability = row(cluster, "stability");
    CHECK(stability.verdict == reports::Verdict::kNotExercised);
    CHECK(stability.evidence == "p_failed = 0 probability in every replication of every strategy: no run failed, or "
                                "every run did");
    // No fault anywhere: blast radius is undefined for every strategy.
    const auto performance = reports::performance_tradeoff(r);
    const auto& isolation = row(performance, "failure isolation");
    CHECK(isolation.verdict == reports::Verdict::kNotExercised);
    CHECK(isolation.evidence == "blast_radius is undefined for every strategy: no fault hit a task");
    CHECK(isolation.winner == "–");
    CHECK(std::string(reports::to_string(isolation.verdict)) == "not exercised");
  }

  TEST_CASE("a serverless strategy is neither the same cluster nor separate clusters") {
    // One shared cluster at $10 against serverless at $1 (three computes): with serverless on neither
    // side, there is no separate-cluster strategy to compare, whatever serverless costs.
    sim::ExperimentResult r;
    r.strategies.push_back(strategy("shared", 1, 1, {{.cost_usd = 10, .makespan_min = 5}, {.cost_usd = 10, .makespan_min = 5}}));
    r.strategies.push_back(strategy("serverless", 1, 3, {{.cost_usd = 1, .makespan_min = 5}, {.cost_usd = 1, .makespan_min = 5}}));
    r.strategies[1].compute_billing = sim::InternedList<sim::ComputeBilling>::of(
        3, [](std::size_t) { return sim::ComputeBilling{.sku = models::Sku::kServerless}; });
    const auto table = reports::cluster_tradeoff(r);
    const auto& cost = row(table, "cost");
    CHECK(cost.verdict == reports::Verdict::kNotApplicable);
    CHECK(cost.evidence == "no separate-cluster strategy in the scenario");
    CHECK(cost.winner == "serverless");  // the figures and the winner still show it
  }

  TEST_CASE("no winner is named on a metric undefined for some strategy") {
    // Faults (one task each) only under multi: single's blast radius is undefined.
    const auto performance = reports::performance_tradeoff(two_sides(true));
    const auto& isolation = row(performance, "failure isolation");
    CHECK(isolation.winner == "none: undefined for single");
    CHECK(isolation.verdict == reports::Verdict::kNotExercised);
    CHECK(isolation.evidence == "blast_radius is undefined for every one-job strategy: no fault hit a task");
  }

  TEST_CASE("a row the scenario exercises, on which the compared pair is equal, is negligible, not unexercised") {
    // One fault per replication everywhere; under "shared" each hits 2 tasks, under "multi" and
    // "per_task" 1. The best one-job strategy is per_task (1.0): the pair multi vs per_task differs
    // by exactly 0, inside any threshold.
    sim::ExperimentResult r;
    r.strategies.push_back(strategy("multi", 3, 3, {{2, 30, JobResult::kSuccess, 1, 1}, {3, 31, JobResult::kSuccess, 1, 1}}));
    r.strategies.push_back(strategy("shared", 1, 1, {{1, 20, JobResult::kSuccess, 1, 2}, {2, 21, JobResult::kSuccess, 1, 2}}));
    r.strategies.push_back(strategy("per_task", 1, 3, {{3, 25, JobResult::kSuccess, 1, 1}, {4, 26, JobResult::kSuccess, 1, 1}}));
    const auto t = reports::performance_tradeoff(r);
    const auto& isolation = row(t, "failure isolation");
    CHECK(isolation.pair == "multi vs per_task");
    CHECK(isolation.verdict == reports::Verdict::kNegligible);
    CHECK(isolation.winner == "tie: multi, per_task");
  }
}
