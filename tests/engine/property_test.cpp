// Property test: hundreds of random DAGs (up to 300 tasks) with random rules, retries, timeouts,
// condition branches, for_each tasks, table writes and rollback scopes, under random attempt
// outcomes (fixed seeds). Every always-on invariant is re-derived from the trace and the
// table store, independently of the engine's own bookkeeping.
#include <doctest/doctest.h>

#include <map>

#include "engine/memory_table_store.h"
#include "tests/engine/harness.h"

using namespace orchsim;
using namespace orchsim::testing;

namespace {

// Draws each attempt's setup, run time and outcome from its own stream.
class RandomRunner final : public TaskRunner, public TimerTarget {
 public:
  RandomRunner(Runtime& runtime, std::uint64_t seed) : runtime_(runtime), rng_(seed) {}
  void start(const AttemptRequest& r, AttemptObserver& observer) override {
    observer_ = &observer;
    if (r.attempt.index() >= live_.size()) live_.resize(r.attempt.index() + 1);
    Live& a = live_[r.attempt.index()];
    const double u = rng_.uniform01();
    a.result = u < 0.25 ? AttemptResult::failed(FailureKind::kTaskError)
               : u < 0.30 ? AttemptResult::failed(FailureKind::kPermanent)
               : u < 0.33 ? AttemptResult::failed(FailureKind::kClusterLost)
                          : AttemptResult::success();
    a.run_time = Duration::seconds(1 + static_cast<std::int64_t>(rng_.below(20)));
    a.timer = runtime_.schedule_after(Duration::seconds(static_cast<std::int64_t>(rng_.below(3))), *this,
                                      r.attempt.value() * 2);
  }
  void kill(AttemptId attempt) override { runtime_.cancel(live_[attempt.index()].timer); }
  void release(RunId, ComputeId) override {}
  void on_timer(std::uint64_t payload) override {
    const AttemptId id(static_cast<std::uint32_t>(payload / 2));
    Live& a = live_[id.index()];
    if (payload % 2 == 0) {
      a.timer = runtime_.schedule_after(a.run_time, *this, payload + 1);
      observer_->attempt_running(id);
    } else {
      observer_->attempt_finished(id, a.result);
    }
  }

 private:
  struct Live {
    AttemptResult result;
    Duration run_time;
    TimerId timer;
  };
  Runtime& runtime_;
  Rng rng_;
  AttemptObserver* observer_ = nullptr;
  std::vector<Live> live_;
};

struct Scenario {
  JobSpec job;
  std::size_t tables = 0;
};

Scenario random_scenario(Rng& rng) {
  const std::size_t n = 1 + rng.below(300);
  const bool eager = rng.bernoulli(0.3);
  const std::size_t tables = 1 + rng.below(6);
  std::vector<TaskDef> defs(n);
  for (std::size_t i = 0; i < n; ++i) {
    TaskDef& d = defs[i];
    d.key = fmt::format("t{}", i);
    const std::size_t k = i == 0 ? 0 : rng.below(4);
    for (std::size_t j = 0; j < k; ++j) {
      const std::size_t up = i - 1 - rng.below(std::min<std::size_t>(i, 20));
      const std::string key = fmt::format("t{}", up);
      if (std::find(d.deps.begin(), d.deps.end(), key) != d.deps.end()) continue;
      d.deps.push_back(key);
      // An edge from a condition task may be gated.
      const bool from_condition = defs[up].spec.kind == TaskKind::kCondition;
      d.gates.push_back(from_condition && rng.bernoulli(0.7) ? (rng.bernoulli(0.5) ? EdgeGate::kTrue : EdgeGate::kFalse)
                                                             : EdgeGate::kNone);
    }
    TaskSpec& s = d.spec;
    const int rule_count = eager ? 17 : 6;
    s.run_if = rng.bernoulli(0.5) ? RunIf::kAllSuccess : static_cast<RunIf>(rng.below(rule_count));
    const double kind = rng.uniform01();
    if (kind < 0.08) {
      s.kind = TaskKind::kCondition;
      s.condition = {ConditionOp::kLessThan, std::to_string(rng.below(10)), std::to_string(rng.below(10))};
    } else if (kind < 0.14) {
      s.kind = TaskKind::kForEach;
      s.for_each = {.inputs = static_cast<std::uint32_t>(rng.below(4)), .concurrency = 1 + static_cast<std::uint32_t>(rng.below(2))};
    }
    if (s.kind != TaskKind::kCondition) {
      const auto retries = static_cast<std::uint32_t>(rng.below(3));
      // A few forever (and as many never).
      if (rng.bernoulli(0.05)) s.retry.max_retries = retries == 2 ? RetryPolicy::kForever : std::optional<std::uint32_t>(0);
      else s.retry.max_retries = retries;
      s.retry.min_retry_interval = Duration::seconds(static_cast<std::int64_t>(rng.below(30)));
      s.retry.backoff = static_cast<Backoff>(rng.below(3));
      s.retry.jitter = static_cast<Jitter>(rng.below(3));
      s.retry.retry_on_timeout = rng.bernoulli(0.5);
      if (rng.bernoulli(0.2)) s.timeout = Duration::seconds(5 + static_cast<std::int64_t>(rng.below(15)));
      const std::size_t w = rng.below(3);
      for (std::size_t j = 0; j < w; ++j) {
        const TableId t(static_cast<std::uint32_t>(rng.below(tables)));
        if (std::find(s.writes.begin(), s.writes.end(), t) == s.writes.end()) s.writes.push_back(t);
      }
    }
    s.disabled = rng.bernoulli(0.02);
  }
  Scenario sc{job_of(defs), tables};
  sc.job.evaluation = eager ? EvaluationMode::kEager : EvaluationMode::kAllDone;
  sc.job.rollback = static_cast<RollbackScope>(rng.below(4));
  sc.job.set_retry_budget(40);  // keeps the max_retries = -1 tasks finite
  return sc;
}

// The leaf rule of docs/model.md §6–8, from final results alone.
JobResult expected_outcome(const JobSpec& job, const std::vector<TaskResult>& results) {
  bool any_bad = false, leaf_failed = false, leaf_canceled = false;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const TaskResult r = results[i];
    const bool ok = r == TaskResult::kSuccess || r == TaskResult::kExcluded || r == TaskResult::kDisabled;
    if (ok) continue;
    any_bad = true;
    if (!job.dag.is_leaf(TaskId(static_cast<std::uint32_t>(i)))) continue;
    (r == TaskResult::kCanceled || r == TaskResult::kUpstreamCanceled ? leaf_canceled : leaf_failed) = true;
  }
  if (leaf_failed) return JobResult::kFailed;
  if (leaf_canceled) return JobResult::kCanceled;
  return any_bad ? JobResult::kSuccessWithFailures : JobResult::kSuccess;
}

}  // namespace

TEST_SUITE("engine.property") {
  TEST_CASE("random DAGs keep every rule-6 invariant") {
    int failed_runs = 0, rolled_back = 0, eager_runs = 0;
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
      CAPTURE(seed);
      Rng rng(seed, 0, "property");
      Scenario sc = random_scenario(rng);
      MemoryTableStore store;
      for (std::size_t t = 0; t < sc.tables; ++t) store.add_table(fmt::format("table{}", t), 1000 + t);
      std::vector<JobSpec> jobs;
      jobs.push_back(std::move(sc.job));
      const JobSpec& job = jobs[0];
      Diagnostics diagnostics;
      validate(job, 1, diagnostics);
      REQUIRE(diagnostics.empty());
      sim::SimulatedRuntime runtime;
      RandomRunner runner(runtime, seed);
      Trace trace;
      Engine engine(runtime, runner, trace, jobs, EngineOptions{.seed = seed, .tables = &store});
      const RunId run = engine.start_run(JobId(0));
      runtime.run();
      REQUIRE(engine.idle());
      CHECK(runtime.pending() == 0);  // no timer left behind

      const std::size_t n = job.dag.size();
      std::vector<TaskResult> results(n, TaskResult::kNone);
      std::vector<int> finished(n, 0);
      std::vector<bool> outcome_true(n, false);
      std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> attempts;  // (task, iteration+1) → count
      std::map<std::uint32_t, std::pair<TaskId, bool>> attempt_info;                 // attempt → (task, iteration?)
      std::map<std::uint32_t, bool> attempt_ok;
      for (const EngineEvent& e : trace.events()) {
        if (const auto* s = std::get_if<TaskStarted>(&e.body)) {
          // No start before its rule is satisfiable, from what had settled at that moment.
          const auto ups = job.dag.upstream(s->task);
          const auto gates = job.dag.upstream_gates(s->task);
          UpstreamTally tally;
          std::uint32_t pending = 0;
          for (std::size_t k = 0; k < ups.size(); ++k) {
            const TaskResult r = results[ups[k].index()];
            if (r == TaskResult::kNone) { ++pending; continue; }
            const bool matches = gates[k] == EdgeGate::kNone || outcome_true[ups[k].index()] == (gates[k] == EdgeGate::kTrue);
            tally.add(r, matches);
          }
          CHECK(results[s->task.index()] == TaskResult::kNone);
          if (!ups.empty()) {
            if (job.evaluation == EvaluationMode::kAllDone) CHECK(pending == 0);
            CHECK(evaluate(job.tasks[s->task.index()].run_if, tally, pending) == TriggerDecision::kRun);
          }
        } else if (const auto* f = std::get_if<TaskFinished>(&e.body)) {
          ++finished[f->task.index()];
          results[f->task.index()] = f->result;
        } else if (const auto* c = std::get_if<ConditionEvaluated>(&e.body)) {
          outcome_true[c->task.index()] = c->evaluable && c->outcome;
        } else if (const auto* a = std::get_if<AttemptStarted>(&e.body)) {
          ++attempts[{a->task.value(), a->iteration ? *a->iteration + 1 : 0}];
          attempt_info[a->attempt.value()] = {a->task, a->iteration.has_value()};
        } else if (const auto* d = std::get_if<AttemptFinished>(&e.body)) {
          attempt_ok[d->attempt.value()] = d->result.succeeded;
        }
      }
      // Each task terminal exactly once.
      for (std::size_t i = 0; i < n; ++i) {
        CHECK(finished[i] == 1);
        CHECK(engine.run(run).task(TaskId(static_cast<std::uint32_t>(i))).result == results[i]);
      }
      // Attempts within the policy's limit (per task, per for_each iteration).
      for (const auto& [key, count] : attempts) {
        if (const auto limit = job.tasks[key.first].retry.max_attempts()) CHECK(count <= *limit);
      }
      // Job outcome per the leaf rule.
      const JobResult result = engine.run(run).result();
      CHECK(result == expected_outcome(job, results));
      failed_runs += result == JobResult::kFailed;
      eager_runs += job.evaluation == EvaluationMode::kEager;

      // Tables: no commit from a failed attempt; after a rollback, last-known-good content.
      for (std::size_t t = 0; t < store.table_count(); ++t) {
        const auto hist = store.history(TableId(static_cast<std::uint32_t>(t)));
        for (const TableVersion& v : hist) {
          if (v.kind == VersionKind::kCommit) CHECK(attempt_ok.at(v.info.attempt.value()));
        }
        const bool restored = hist.back().kind == VersionKind::kRestore;
        rolled_back += restored;
        if (result != JobResult::kFailed || job.rollback == RollbackScope::kNone) {
          CHECK_FALSE(restored);
          continue;
        }
        // The last known good version: the start (v0) for job/pipeline scope; for task scope the
        // newest commit by a work task, or by a for_each task that succeeded as a whole.
        std::uint64_t good = 0;
        if (job.rollback == RollbackScope::kTask) {
          for (const TableVersion& v : hist) {
            if (v.kind != VersionKind::kCommit) continue;
            const auto [task, iteration] = attempt_info.at(v.info.attempt.value());
            if (!iteration || results[task.index()] == TaskResult::kSuccess) good = v.version;
          }
        }
        CHECK(hist.back().content == hist[good].content);
      }
    }
    // The sample exercises what it claims to.
    CHECK(failed_runs > 50);
    CHECK(rolled_back > 20);
    CHECK(eager_runs > 50);
  }
}
