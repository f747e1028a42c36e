// scenarios/rollback-alerts.yaml end to end: load it, simulate both layouts, and check from the
// simulated events that (1) every rollback restores each table to its version at the failed run's
// start (recomputed here from the commit/restore events), covering exactly the tables the scope
// says — all three under one job, only gold under multi_job; (2) restores take what the scenario's
// table_restore says; (3) alerts follow alert_on_last_attempt and the 30 min dedup window.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <variant>

#include "models/deployment.h"
#include "sim/experiment/replication.h"
#include "sim/input/scenario_loader.h"

using namespace orchsim;

namespace {

constexpr std::uint32_t kReplications = 200;

struct Outcome {
  std::set<std::string> restored;  // table names
  bool publish_failed = false, check_failed = false;
  std::uint32_t publish_failed_attempts = 0;
};

}  // namespace

TEST_SUITE("sim.rollback_alerts") {
  TEST_CASE("rollback-alerts.yaml: rollbacks restore the last good version; alerts deduplicated as configured") {
    const sim::ScenarioSpec s = sim::load_scenario(ORCHSIM_SOURCE_DIR "/scenarios/rollback-alerts.yaml");
    REQUIRE(s.strategies.size() == 2);
    const Duration window = s.workload.job.alert_policy.dedup_window;
    REQUIRE(window == Duration::minutes(30));
    Diagnostics d;
    const auto dag = s.workload.dag(d);
    REQUIRE(dag);
    std::uint32_t suppressed_total = 0, rollbacks_total = 0;
    for (const auto& strategy : s.strategies) {
      CAPTURE(strategy.name);
      const bool one_job = strategy.kind == models::StrategyKind::kSingleJobSharedCluster;
      const auto deployment = models::plan(s.workload, *dag, strategy, s.catalog, s.world.pricing, d);
      REQUIRE(deployment);
      for (std::uint32_t rep = 0; rep < kReplications; ++rep) {
        Trace trace;
        const auto result = sim::run_replication(*deployment, s.workload, s.world, s.experiment.seed, rep, &trace);
        Outcome o;
        std::vector<JobId> job_of;                            // by RunId
        std::vector<std::uint64_t> version(deployment->tables.size(), 0);
        std::map<std::uint32_t, std::vector<std::uint64_t>> start;  // run → table versions at its start
        std::map<std::uint32_t, SimTime> rollback_at;
        std::map<std::tuple<std::uint32_t, std::uint32_t, int>, SimTime> admitted;  // dedup key → last
        std::uint32_t suppressed = 0, retries_scheduled = 0, retry_alerts = 0, publish_failure_alerts = 0;
        auto key = [&](RunId run, TaskId task) { return deployment->jobs[job_of[run.index()].index()].dag.key(task); };
        for (const EngineEvent& e : trace.events()) {
          std::visit(
              [&](const auto& ev) {
                using E = std::decay_t<decltype(ev)>;
                if constexpr (std::is_same_v<E, RunStarted> || std::is_same_v<E, RunQueued>) {
                  if (job_of.size() <= ev.run.index()) job_of.resize(ev.run.index() + 1);
                  job_of[ev.run.index()] = ev.job;
                  start[ev.run.value()] = version;
                } else if constexpr (std::is_same_v<E, TableCommitted>) {
                  CHECK(ev.version == version[ev.table.index()] + 1);
                  version[ev.table.index()] = ev.version;
                } else if constexpr (std::is_same_v<E, RollbackStarted>) {
                  CHECK(ev.scope == RollbackScope::kJob);
                  rollback_at[ev.run.value()] = e.time;
                } else if constexpr (std::is_same_v<E, TableRestored>) {
                  // The last known good version of a job-scope rollback is the table's at the run's start.
                  CHECK(ev.restored_from == start[ev.run.value()][ev.table.index()]);
                  CHECK(ev.version == version[ev.table.index()] + 1);
                  version[ev.table.index()] = ev.version;
                  o.restored.insert(deployment->tables[ev.table.index()]);
                } else if constexpr (std::is_same_v<E, RunFinished>) {
                  if (auto it = rollback_at.find(ev.run.value()); it != rollback_at.end()) {
                    // Restores run in parallel, each uniform in [20 s, 90 s].
                    CHECK(e.time - it->second >= Duration::seconds(20));
                    CHECK(e.time - it->second <= Duration::seconds(90));
                  }
                } else if constexpr (std::is_same_v<E, AttemptFinished>) {
                  if (key(ev.run, ev.task) == "publish" && !ev.result.succeeded) ++o.publish_failed_attempts;
                } else if constexpr (std::is_same_v<E, TaskFinished>) {
                  if (key(ev.run, ev.task) == "publish" && ev.result == TaskResult::kFailed) o.publish_failed = true;
                  if (key(ev.run, ev.task) == "check_gold" && ev.result == TaskResult::kFailed) o.check_failed = true;
                } else if constexpr (std::is_same_v<E, RetryScheduled>) {
                  ++retries_scheduled;
                } else if constexpr (std::is_same_v<E, AlertRaised> || std::is_same_v<E, AlertSuppressed>) {
                  const Alert& a = ev.alert;
                  // Dedup recomputed: admitted iff no alert with the same (job, task, kind) was
                  // admitted less than the window ago.
                  const auto k = std::make_tuple(a.job.value(), a.task.value(), static_cast<int>(a.kind));
                  const auto last = admitted.find(k);
                  const bool expect_admit = last == admitted.end() || a.time - last->second >= window;
                  CHECK(expect_admit == std::is_same_v<E, AlertRaised>);
                  if (std::is_same_v<E, AlertRaised>) admitted[k] = a.time;
                  else ++suppressed;
                  if (a.kind == AlertKind::kRetry) ++retry_alerts;
                  if (a.kind == AlertKind::kFailure && a.task.valid() && key(a.run, a.task) == "publish") {
                    ++publish_failure_alerts;
                  }
                }
              },
              e.body);
        }
        // What the scope restores: everything the failed run wrote (one job), or only the failing
        // job's own tables (multi_job: gold, and only when check_gold rejected a committed gold).
        std::set<std::string> expected;
        if (o.check_failed) expected = one_job ? std::set<std::string>{"bronze", "silver", "gold"} : std::set<std::string>{"gold"};
        if (o.publish_failed && one_job) expected = {"bronze", "silver"};
        CHECK(o.restored == expected);
        CHECK(result.metrics.tables_restored == expected.size());
        CHECK(result.outcome == (o.check_failed || o.publish_failed ? JobResult::kFailed : JobResult::kSuccess));
        // alert_on_last_attempt: one on_failure for publish, only when it finally failed; one
        // on_retry due per retry scheduled.
        CHECK(publish_failure_alerts == (o.publish_failed ? 1u : 0u));
        CHECK(retry_alerts == retries_scheduled);
        // A second retry of publish comes minutes after the first, inside the window: suppressed.
        CHECK(suppressed == (o.publish_failed_attempts >= 2 ? 1u : 0u));
        CHECK(result.metrics.alerts_suppressed == suppressed);
        suppressed_total += suppressed;
        rollbacks_total += result.metrics.rollbacks;
      }
    }
    // Both effects occur at all in 400 runs (P(no suppression) = 0.91^400, negligible).
    CHECK(suppressed_total > 0);
    CHECK(rollbacks_total > 0);
  }
}
