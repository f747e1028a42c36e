// The simulated quality gate (issue #16): after work that would succeed, the gate runs for its
// `duration` on the attempt's cores and rejects the attempt with its `failure_probability`, a
// permanent failure (kGateFailed) that is never retried and takes the rollback path. Expected values
// by hand from the scenario text.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sim/experiment/summary.h"
#include "tests/sim/world/world_fixture.h"

using namespace orchsim;
using testing::simulate_world;

namespace {

// Task a (10 min on all 4 cores of a cluster that is up after a fixed 1 min, max_retries 3) with
// `task_extra`; with `ingest`, after a 1 min task that writes table raw, under `rollback: job`.
std::string one_task(const std::string& task_extra, bool ingest = false) {
  return std::string("cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 1m}\n"
                     "workload:\n  rollback: job\n  tasks:\n") +
         (ingest ? "    - {task_key: ingest, duration: 1m, cores: 4, tables: [raw]}\n" : "") +
         "    - {task_key: a, duration: 10m, cores: 4, max_retries: 3, tables: [t]" +
         (ingest ? ", depends_on: [ingest]" : "") + task_extra + "}\n"
         "strategies: [single_job_shared_cluster]\n";
}

}  // namespace

TEST_SUITE("sim.world.gate") {
  TEST_CASE("a gate that fails with p = 0.3 fails the job with p = 0.3, each time on the first attempt") {
    // The task never fails on its own, so each replication's job fails iff its one gate draw does:
    // P(FAILED) = 0.3 exactly. 4,000 replications; the 95% Wilson interval must cover 0.3.
    const std::string yaml = one_task(", gate: {failure_probability: 0.3}", true);
    constexpr std::size_t kN = 4000;
    std::size_t failed = 0;
    for (std::size_t r = 0; r < kN; ++r) {
      const auto o = simulate_world(yaml, 0, r, 42);
      const auto ends = o.finishes("a");
      REQUIRE(ends.size() == 1);  // max_retries 3, yet a gate failure is never retried
      if (o.result.outcome == JobResult::kFailed) {
        ++failed;
        CHECK(ends[0].second.failure == FailureKind::kGateFailed);
        CHECK(o.faults(models::FaultKind::kGateFailed).size() == 1);
        // rollback: job, as for any final failure: raw, which ingest committed, is restored.
        CHECK(o.result.metrics.rollbacks == 1);
        CHECK(o.result.metrics.tables_restored == 1);
      } else {
        CHECK(o.result.outcome == JobResult::kSuccess);
        CHECK(ends[0].second.succeeded);
      }
    }
    const auto p = sim::wilson_interval(failed, kN);
    CHECK(p.lo <= 0.3);
    CHECK(p.hi >= 0.3);
  }

  TEST_CASE("a gate's duration adds exactly its duration to the makespan, and is billed") {
    // 1 min startup + 10 min of work (+ 2 min of gate): 11 min and 13 min.
    const auto plain = simulate_world(one_task(""));
    const auto gated = simulate_world(one_task(", gate: {duration: 2m}"));
    CHECK(plain.result.outcome == JobResult::kSuccess);
    CHECK(gated.result.outcome == JobResult::kSuccess);
    CHECK(std::abs(plain.result.makespan.to_seconds() - 660) < testing::kMicro);
    CHECK(std::abs(gated.result.makespan.to_seconds() - 780) < testing::kMicro);
    CHECK(gated.result.cost.total() > plain.result.cost.total());
  }

  TEST_CASE("a gate runs only after work that succeeded") {
    // The task always fails permanently on its own: the gate (which would always fail) never runs.
    const auto o = simulate_world(one_task(", permanent_failure_probability: 1, gate: {failure_probability: 1}"));
    const auto ends = o.finishes("a");
    REQUIRE(ends.size() == 1);
    CHECK(ends[0].second.failure == FailureKind::kPermanent);
    CHECK(o.faults(models::FaultKind::kGateFailed).empty());
  }

  TEST_CASE("a gate draws from its own stream: the task's own failures are the same with or without it") {
    // failure_probability 0.5 with 3 retries: the attempts' outcomes and end times at seed 11 must not
    // move when a gate that never fails and takes no time is added.
    for (std::uint64_t r = 0; r < 20; ++r) {
      const auto plain = simulate_world(one_task(", failure_probability: 0.5"), 0, r, 11);
      const auto gated = simulate_world(one_task(", failure_probability: 0.5, gate: {failure_probability: 0}"), 0, r, 11);
      const auto a = plain.finishes("a"), b = gated.finishes("a");
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].first == b[i].first);
        CHECK(a[i].second.succeeded == b[i].second.succeeded);
      }
    }
  }
}
