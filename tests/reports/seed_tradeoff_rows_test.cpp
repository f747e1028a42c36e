// The default comparison (scenarios/seed-tradeoff.yaml, the README's main command) measures every
// row of both trade-off tables (issue #13 item 8): none is "not exercised", none "no clear
// difference". Beside that, the facts the scenario is built on, each derived by hand from the model
// (docs/model.md §4–5) in a way that holds however the per-task clusters are sized (each gets at least
// its task's cores and memory) and whatever the prices: the shared cluster is written at 4 × DS3_v2
// on its strategy, so it stays overfilled. Fixed seed, the scenario's own replication count.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "models/deployment.h"
#include "reports/tradeoff.h"
#include "sim/experiment/experiment.h"
#include "sim/experiment/replication.h"
#include "sim/experiment/summary.h"
#include "sim/input/scenario_loader.h"

using namespace orchsim;
using reports::Verdict;

namespace {

const char* const kSeedFile = ORCHSIM_SOURCE_DIR "/scenarios/seed-tradeoff.yaml";

// The strategies in the file's order.
constexpr std::size_t kMultiJob = 0, kShared = 1, kPerTask = 2;

const sim::ScenarioSpec& scenario() {
  static const sim::ScenarioSpec s = sim::load_scenario(kSeedFile);
  return s;
}

const sim::ExperimentResult& experiment() {
  static const sim::ExperimentResult r = sim::run_experiment(scenario(), {.threads = 2});
  return r;
}

models::Deployment deployment(std::size_t strategy) {
  Diagnostics d;
  const auto dag = scenario().workload.dag(d);
  REQUIRE(dag);
  auto planned = models::plan(scenario().workload, *dag, scenario().strategies[strategy], scenario().catalog,
                               scenario().world.pricing, d);
  REQUIRE(planned);
  return std::move(*planned);
}

const reports::TradeoffRow& row(const reports::TradeoffTable& t, const std::string& factor) {
  for (const auto& r : t.rows) {
    if (r.factor == factor) return r;
  }
  FAIL("no row " << factor);
  return t.rows.front();
}

// The first replication of `strategy` in which no attempt failed: its times are the physics alone.
sim::RunMetrics first_clean_run(std::size_t strategy) {
  for (const auto& rep : experiment().strategies[strategy].replications) {
    if (rep.metrics.failed_attempts == 0) return rep.metrics;
  }
  FAIL("every replication had a failure");
  return {};
}

}  // namespace

TEST_SUITE("reports.seed_tradeoff") {
  TEST_CASE("the default scenario is as the file says: three strategies, seed 42, 2000 replications") {
    REQUIRE(scenario().strategies.size() == 3);
    CHECK(scenario().strategies[kMultiJob].kind == models::StrategyKind::kMultiJob);
    CHECK(scenario().strategies[kShared].kind == models::StrategyKind::kSingleJobSharedCluster);
    CHECK(scenario().strategies[kPerTask].kind == models::StrategyKind::kSingleJobClusterPerTask);
    CHECK(experiment().replications == 2000);
  }

  TEST_CASE("every row of both trade-off tables is measured: none not exercised, none without a clear difference") {
    for (const auto& table : {reports::performance_tradeoff(experiment()), reports::cluster_tradeoff(experiment())}) {
      for (const auto& r : table.rows) {
        CHECK_MESSAGE(r.verdict != Verdict::kNotExercised, r.factor << ": " << r.evidence);
        CHECK_MESSAGE(r.verdict != Verdict::kNoDifference, r.factor << ": " << r.evidence);
        CHECK_MESSAGE(r.verdict != Verdict::kNotApplicable, r.factor << ": " << r.evidence);
      }
    }
  }

  TEST_CASE("the verdicts that follow from the layouts, whatever the sizes and prices") {
    const auto same = reports::cluster_tradeoff(experiment());
    // Only the shared cluster ever holds two attempts, so only it shares cores.
    CHECK(row(same, "resource contention").verdict == Verdict::kHolds);
    // It saves one startup (median 4.5 min) but loses ≈ 19 min to contention and mismatch (below).
    CHECK(row(same, "execution speed").verdict == Verdict::kFails);
    // Its attempts run longer, so crashes (0.5 per cluster-hour, plus OOM under memory pressure) catch
    // more of them, and more runs exhaust their 3 attempts.
    CHECK(row(same, "stability").verdict == Verdict::kHolds);
    // The best one-job layout, a cluster per task, gives every task a cluster of its own of its
    // preferred type, exactly as multi_job does: isolation and flexibility are the same (a difference
    // of 0), which the seed attributes to jobs but belongs to clusters.
    const auto perf = reports::performance_tradeoff(experiment());
    CHECK(row(perf, "failure isolation").pair == "multi_job vs single_job_cluster_per_task");
    CHECK(row(perf, "failure isolation").verdict == Verdict::kNegligible);
    CHECK(row(perf, "flexibility").pair == "multi_job vs single_job_cluster_per_task");
    CHECK(row(perf, "flexibility").verdict == Verdict::kNegligible);
  }

  TEST_CASE("the shared cluster is contended: in a run without failures A and B run slower than nominal") {
    // By hand (docs/model.md §4). Shared: 16 cores, 56 GiB. A (240 core-min, 12 cores, 48 GiB, off its
    // preferred E8s_v3: 1.5× slower) and B (120 core-min, 8 cores, 24 GiB) overlap: max-min gives each
    // 8 cores, and 72 GiB on 56 spills both by 1 + (72/56 − 1) = 72/56. B ends after 15 × 72/56 =
    // 19.29 min; A has then done 8 × 19.29 / (1.5 × 72/56) = 80 core-min and does the other 160 alone
    // at 12 / 1.5 = 8 cores' worth: 20 min more. C runs 10 min alone on its preferred node type.
    const double overlap_min = 15.0 * 72 / 56;
    const double a_min = overlap_min + 160.0 / 8;
    const auto shared = first_clean_run(kShared);
    CHECK(shared.execution_s / 60 == doctest::Approx(a_min + overlap_min + 10).epsilon(1e-6));
    // Lost to sharing: A got 8 of the 12 cores it would get alone, during the overlap.
    CHECK(shared.shared_s / 60 == doctest::Approx((1 - 8.0 / 12) * overlap_min).epsilon(1e-6));
    // Its own cluster has at least its cores and memory, on its preferred node type: nominal time.
    const auto per_task = first_clean_run(kPerTask);
    CHECK(per_task.execution_s / 60 == doctest::Approx(20 + 15 + 10).epsilon(1e-6));
    for (const std::size_t s : {kMultiJob, kPerTask}) {
      for (const auto& rep : experiment().strategies[s].replications) REQUIRE(rep.metrics.shared_s == 0);
    }
    // A is the one task off its preferred node type, on the shared cluster only.
    CHECK(shared.tasks_on_preferred_node == 2);
    CHECK(per_task.tasks_on_preferred_node == 3);
  }

  TEST_CASE("a driver crash on the shared cluster fails more tasks than one on a cluster of its own") {
    const int n = 1000;
    std::vector<double> shared_hits;  // attempts failed by each driver crash on the shared cluster
    for (const std::size_t s : {kMultiJob, kShared, kPerTask}) {
      const models::Deployment d = deployment(s);
      int crashes = 0;
      for (int rep = 0; rep < n; ++rep) {
        sim::WorldTrace trace;
        sim::run_replication(d, scenario().workload, scenario().world, scenario().experiment.seed,
                             static_cast<std::uint64_t>(rep), nullptr, nullptr, &trace);
        for (const auto& f : trace.faults) {
          if (f.kind != models::FaultKind::kDriverCrash) continue;
          ++crashes;
          if (s == kShared) shared_hits.push_back(f.attempts_hit);
          // A cluster of one's own carries one attempt at a time: a crash fails at most that one.
          else CHECK(f.attempts_hit <= 1);
        }
      }
      REQUIRE(crashes > 100);
    }
    // Shared: A and B overlap for about 19 of its about 50 minutes up, so some crashes fail both;
    // on average more than one task per crash, by more than 5 standard errors.
    const auto radius = sim::Summary::of(shared_hits);
    CHECK(radius.mean - 1 > 5 * radius.stddev / std::sqrt(double(radius.n)));
  }
}
