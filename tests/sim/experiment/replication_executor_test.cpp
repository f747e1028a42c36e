// The executor seam (sim/experiment/replication_executor.h) and the codec that carries results
// between MPI ranks (sim/experiment/replication_codec.h): where and in what order replications run
// never changes an output byte (docs/architecture.md rule 2).
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "reports/csv.h"
#include "reports/json.h"
#include "sim/experiment/experiment.h"
#include "sim/experiment/planned_experiment.h"
#include "sim/experiment/replication_codec.h"
#include "sim/input/scenario_loader.h"

using namespace orchsim;

namespace {

std::string all_outputs(const sim::ExperimentResult& r) {
  return reports::replication_csv(r) + reports::summary_csv(r) + reports::task_cost_csv(r) +
         reports::cluster_cost_csv(r) + reports::experiment_json(r);
}

// Runs the blocks last first and each block's replications last first, one at a time, and passes
// every block's results through the codec as a remote rank's would travel.
class ReversedRemoteExecutor final : public sim::ReplicationExecutor {
 public:
  std::size_t calls = 0;
  std::size_t replications = 0;  // run here, over every call
  void run(std::span<const sim::PlannedExperiment> plans, std::span<const sim::ReplicationBlock> blocks,
           std::vector<std::vector<sim::ReplicationResult>>& results, const Progress&) override {
    ++calls;
    for (const auto& b : blocks) replications += b.to - b.from;
    results.assign(blocks.size(), {});
    for (std::size_t k = blocks.size(); k-- > 0;) {
      const sim::ReplicationBlock& b = blocks[k];
      std::vector<sim::ReplicationResult> rows(b.to - b.from);
      for (std::uint64_t rep = b.to; rep-- > b.from;) rows[rep - b.from] = sim::run_planned(plans[b.point], b.strategy, rep);
      std::string bytes;
      sim::ReplicationCodec::encode(rows, bytes);
      results[k] = sim::ReplicationCodec::decode(bytes);
    }
  }
};

}  // namespace

TEST_SUITE("sim.experiment.replication_executor") {
  TEST_CASE("another executor, order and a trip through the codec give the thread pool's bytes") {
    // rollback-alerts: rollbacks, alerts and failures, so the rarely non-zero fields are exercised.
    const auto scenario = sim::load_scenario(ORCHSIM_SOURCE_DIR "/scenarios/rollback-alerts.yaml");
    ReversedRemoteExecutor reversed;
    const std::string pool = all_outputs(sim::run_experiment(scenario, {.replications = 30, .seed = 5, .threads = 2}));
    const std::string other =
        all_outputs(sim::run_experiment(scenario, {.replications = 30, .seed = 5, .threads = 2, .executor = &reversed}));
    CHECK(reversed.calls == 1);
    CHECK(pool == other);
  }

  TEST_CASE("run_experiments batches every point once and equals run_experiment point by point") {
    const auto a = sim::load_scenario(ORCHSIM_SOURCE_DIR "/scenarios/heavy-contention.yaml");
    const auto b = sim::load_scenario(ORCHSIM_SOURCE_DIR "/scenarios/flaky-driver.yaml");
    const std::vector<sim::ScenarioSpec> points{a, b};
    ReversedRemoteExecutor reversed;
    const auto both = sim::run_experiments(points, {.replications = 12, .seed = 3, .threads = 1, .executor = &reversed});
    CHECK(reversed.calls == 1);  // one batch: no rank waits at the end of a point
    REQUIRE(both.size() == 2);
    CHECK(all_outputs(both[0]) == all_outputs(sim::run_experiment(a, {.replications = 12, .seed = 3, .threads = 1})));
    CHECK(all_outputs(both[1]) == all_outputs(sim::run_experiment(b, {.replications = 12, .seed = 3, .threads = 1})));
  }

  TEST_CASE("a point of one replication runs each strategy once, with its timeline, and the executor's numbers") {
    // The representative run of n = 1 is replication 0 itself: run_experiments simulates it once
    // (with the timeline) instead of on the executor and again for the chart. Its numbers are the
    // executor's: run_planned is pure in (plan, strategy, replication).
    auto one = sim::load_scenario(ORCHSIM_SOURCE_DIR "/scenarios/flaky-driver.yaml");
    auto three = sim::load_scenario(ORCHSIM_SOURCE_DIR "/scenarios/heavy-contention.yaml");
    one.experiment.replications = 1;
    three.experiment.replications = 3;
    const std::vector<sim::ScenarioSpec> points{one, three};
    ReversedRemoteExecutor reversed;
    std::vector<std::pair<std::size_t, std::size_t>> progress;
    const sim::ExperimentOptions options{.seed = 4, .threads = 2,
        .progress = [&](std::size_t done, std::size_t total) { progress.emplace_back(done, total); },
        .executor = &reversed};
    const auto both = sim::run_experiments(points, options);
    REQUIRE(both.size() == 2);
    const std::size_t lone_runs = one.strategies.size();
    const std::size_t executor_runs = 3 * three.strategies.size();
    CHECK(reversed.calls == 1);                      // still called: MPI ranks report in
    CHECK(reversed.replications == executor_runs);  // only the point of 3
    REQUIRE_FALSE(progress.empty());
    CHECK(progress.back() == std::pair{lone_runs + executor_runs, lone_runs + executor_runs});
    CHECK(all_outputs(both[0]) == all_outputs(sim::run_experiment(one, {.replications = 1, .seed = 4, .threads = 1,
                                                                        .executor = &reversed})));
    CHECK(all_outputs(both[1]) == all_outputs(sim::run_experiment(three, {.seed = 4, .threads = 1})));
    const sim::PlannedExperiment plan = sim::plan_experiment(one, 4);
    for (std::size_t s = 0; s < one.strategies.size(); ++s) {
      std::string here, there;
      sim::ReplicationCodec::encode(both[0].strategies[s].replications, here);
      sim::ReplicationCodec::encode(std::vector{sim::run_planned(plan, s, 0)}, there);
      CHECK(here == there);
      CHECK_FALSE(both[0].strategies[s].timeline.bars.empty());
      CHECK_FALSE(both[0].strategies[s].p95_timeline.has_value());  // the median's: one replication
    }
  }

  TEST_CASE("a target interval runs rounds on the executor, with the thread pool's result") {
    const auto scenario = sim::load_scenario(ORCHSIM_SOURCE_DIR "/scenarios/flaky-driver.yaml");
    ReversedRemoteExecutor reversed;
    const sim::ExperimentOptions grow{.replications = 10, .seed = 2, .threads = 2, .target_relative_ci = 0.05,
                                      .max_replications = 200};
    sim::ExperimentOptions remote = grow;
    remote.executor = &reversed;
    const auto pooled = sim::run_experiment(scenario, grow);
    CHECK(all_outputs(sim::run_experiment(scenario, remote)) == all_outputs(pooled));
    CHECK(reversed.calls >= 2);  // 10 replications cannot meet ±5% on a flaky scenario
  }
}

TEST_SUITE("sim.experiment.replication_codec") {
  TEST_CASE("exact bits both ways, vectors included; nothing encodes to nothing") {
    sim::ReplicationResult r;
    r.makespan = Duration::micros(123456789);
    r.cost = {.vm_usd = 0.1, .dbu_usd = 1.0 / 3.0, .pool_idle_usd = 2.5e-300};
    r.cluster_starts = 7;
    r.outcome = JobResult::kSuccessWithFailures;
    r.metrics.makespan_s = -0.0;
    r.metrics.rollback_s = 42.125;
    r.metrics.cross_job_edges = 4'000'000'000u;
    r.metrics.task_cost_usd = {1.5, 0.1 + 0.2};
    r.metrics.compute_cost_usd = {};
    std::string bytes;
    sim::ReplicationCodec::encode(std::vector{r, r}, bytes);
    const auto back = sim::ReplicationCodec::decode(bytes);
    REQUIRE(back.size() == 2);
    CHECK(back[1].makespan == r.makespan);
    CHECK(back[1].cost.dbu_usd == r.cost.dbu_usd);
    CHECK(back[1].cost.pool_idle_usd == 2.5e-300);
    CHECK(back[1].outcome == JobResult::kSuccessWithFailures);
    CHECK(std::signbit(back[1].metrics.makespan_s));
    CHECK(back[1].metrics.rollback_s == 42.125);
    CHECK(back[1].metrics.cross_job_edges == 4'000'000'000u);
    CHECK(back[1].metrics.task_cost_usd == std::vector{1.5, 0.1 + 0.2});
    CHECK(back[1].metrics.compute_cost_usd.empty());
    std::string again;
    sim::ReplicationCodec::encode(back, again);
    CHECK(again == bytes);
    std::string none;
    sim::ReplicationCodec::encode({}, none);
    CHECK(none.empty());
    CHECK(sim::ReplicationCodec::decode(none).empty());
  }

  TEST_CASE("bytes cut short are an error, not a result") {
    std::string bytes;
    sim::ReplicationCodec::encode(std::vector<sim::ReplicationResult>(1), bytes);
    CHECK_THROWS_AS(sim::ReplicationCodec::decode(std::string_view(bytes).substr(0, bytes.size() - 1)),
                    std::runtime_error);
    CHECK_THROWS_AS(sim::ReplicationCodec::decode(std::string_view(bytes).substr(0, 5)), std::runtime_error);
  }
}
