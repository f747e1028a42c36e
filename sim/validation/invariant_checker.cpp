#include "sim/validation/invariant_checker.h"

#include <cmath>
#include <type_traits>

#include <fmt/format.h>

#include "sim/experiment/metric_catalog.h"

namespace orchsim::sim {

namespace {

// docs/model.md §8, written from the text, not from the engine's code: SUCCESS if every task
// counts as a success; FAILED if a leaf failed; CANCELED if the only unsuccessful leaves were
// canceled; SUCCESS_WITH_FAILURES otherwise.
JobResult leaf_rule(const Dag& dag, const std::vector<TaskResult>& results) {
  bool any_failed = false, leaf_failed = false, leaf_canceled = false;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (counts_as_success(results[i])) continue;
    any_failed = true;
    if (!dag.is_leaf(TaskId(static_cast<std::uint32_t>(i)))) continue;
    const bool canceled = results[i] == TaskResult::kCanceled || results[i] == TaskResult::kUpstreamCanceled;
    (canceled ? leaf_canceled : leaf_failed) = true;
  }
  if (leaf_failed) return JobResult::kFailed;
  if (leaf_canceled) return JobResult::kCanceled;
  return any_failed ? JobResult::kSuccessWithFailures : JobResult::kSuccess;
}

bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

}  // namespace

InvariantChecker::InvariantChecker(const models::Deployment& deployment)
    : deployment_(deployment),
      table_version_(deployment.tables.size(), 0),
      good_versions_(deployment.tables.size(), std::set<std::uint64_t>{0}) {}

void InvariantChecker::fail(const std::string& what) {
  if (!violation_) violation_ = fmt::format("at {}: {}", now_, what);
}

InvariantChecker::RunRecord* InvariantChecker::run(RunId id) {
  if (!id.valid() || id.index() >= runs_.size() || runs_[id.index()].started.empty()) {
    fail(fmt::format("an event of run {} before it started", id.index()));
    return nullptr;
  }
  return &runs_[id.index()];
}

void InvariantChecker::on_event(const EngineEvent& event) {
  if (event.time < now_) fail(fmt::format("time went back to {}", event.time));
  now_ = event.time;
  std::visit(
      [this](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, RunStarted>) run_started(e);
        else if constexpr (std::is_same_v<E, TaskStarted>) task_started(e);
        else if constexpr (std::is_same_v<E, AttemptStarted>) attempt_started(e);
        else if constexpr (std::is_same_v<E, AttemptFinished>) attempt_finished(e);
        else if constexpr (std::is_same_v<E, TaskFinished>) task_finished(e);
        else if constexpr (std::is_same_v<E, RunFinished>) run_finished(e);
        else if constexpr (std::is_same_v<E, TableCommitted>) table_committed(e);
        else if constexpr (std::is_same_v<E, TableRestored>) table_restored(e);
        else if constexpr (std::is_same_v<E, RetryScheduled>) {
          retry_at_[{e.run.index(), e.task.index(), e.iteration ? *e.iteration + 1 : 0}] = e.at;
          if (e.at < now_) fail("a retry scheduled in the past");
        } else if constexpr (std::is_same_v<E, AttemptRunning>) {
          const auto it = attempts_.find(e.attempt.index());
          if (it == attempts_.end() || it->second.finished) fail("an attempt running that is not in flight");
        }
      },
      event.body);
}

void InvariantChecker::run_started(const RunStarted& e) {
  if (e.run.index() >= runs_.size()) runs_.resize(e.run.index() + 1);
  RunRecord& r = runs_[e.run.index()];
  if (!r.started.empty()) return fail(fmt::format("run {} started twice", e.run.index()));
  if (e.job.index() >= deployment_.jobs.size()) return fail("a run of an unknown job");
  const std::size_t tasks = deployment_.jobs[e.job.index()].dag.size();
  r.job = e.job;
  r.started.assign(std::max<std::size_t>(tasks, 1), 0);
  r.results.assign(tasks, TaskResult::kNone);
}

void InvariantChecker::task_started(const TaskStarted& e) {
  RunRecord* r = run(e.run);
  if (r == nullptr) return;
  const JobSpec& job = deployment_.jobs[r->job.index()];
  const std::size_t t = e.task.index();
  if (r->started[t]) return fail(fmt::format("task {} started twice", job.dag.key(e.task)));
  if (r->results[t] != TaskResult::kNone) return fail(fmt::format("task {} started after it finished", job.dag.key(e.task)));
  if (job.tasks[t].disabled) return fail(fmt::format("disabled task {} started", job.dag.key(e.task)));
  r->started[t] = 1;
  if (job.evaluation != EvaluationMode::kAllDone) return;
  for (const TaskId up : job.dag.upstream(e.task)) {
    if (r->results[up.index()] == TaskResult::kNone) {
      return fail(fmt::format("task {} started before its upstream task {} finished", job.dag.key(e.task), job.dag.key(up)));
    }
  }
}

void InvariantChecker::attempt_started(const AttemptStarted& e) {
  RunRecord* r = run(e.run);
  if (r == nullptr) return;
  const JobSpec& job = deployment_.jobs[r->job.index()];
  const std::size_t t = e.task.index();
  if (!r->started[t] || r->results[t] != TaskResult::kNone) {
    return fail(fmt::format("an attempt of task {}, which is not running", job.dag.key(e.task)));
  }
  if (!attempts_.emplace(e.attempt.index(), AttemptRecord{.run = e.run, .task = e.task}).second) {
    return fail("an attempt id used twice");
  }
  const UnitKey unit{e.run.index(), t, e.iteration ? *e.iteration + 1 : 0};
  const std::uint32_t count = ++attempt_counts_[unit];
  const auto& max_retries = job.tasks[t].retry.max_retries;
  if (max_retries && count > *max_retries + 1) {
    fail(fmt::format("task {} has {} attempts with max_retries {}", job.dag.key(e.task), count, *max_retries));
  }
  const auto retry = retry_at_.find(unit);
  if (retry != retry_at_.end() && now_ < retry->second) {
    fail(fmt::format("task {} retried at {}, before its scheduled retry at {}", job.dag.key(e.task), now_, retry->second));
  }
}

void InvariantChecker::attempt_finished(const AttemptFinished& e) {
  const auto it = attempts_.find(e.attempt.index());
  if (it == attempts_.end() || it->second.finished) return fail("an attempt finished that was not in flight");
  it->second.finished = true;
  it->second.succeeded = e.result.succeeded;
  if (it->second.committed && !e.result.succeeded) fail("a failed attempt committed a table version");
}

void InvariantChecker::task_finished(const TaskFinished& e) {
  RunRecord* r = run(e.run);
  if (r == nullptr) return;
  const std::size_t t = e.task.index();
  const std::string_view key = deployment_.jobs[r->job.index()].dag.key(e.task);
  if (e.result == TaskResult::kNone) return fail(fmt::format("task {} finished without a result", key));
  if (r->results[t] != TaskResult::kNone) return fail(fmt::format("task {} finished twice", key));
  r->results[t] = e.result;
  for (const auto& [id, a] : attempts_) {
    if (a.run == e.run && a.task == e.task && !a.finished) {
      return fail(fmt::format("task {} finished with attempt {} still in flight", key, id));
    }
  }
}

void InvariantChecker::run_finished(const RunFinished& e) {
  RunRecord* r = run(e.run);
  if (r == nullptr) return;
  if (r->finished) return fail(fmt::format("run {} finished twice", e.run.index()));
  r->finished = true;
  r->result = e.result;
  const JobSpec& job = deployment_.jobs[r->job.index()];
  for (std::size_t t = 0; t < r->results.size(); ++t) {
    if (r->results[t] == TaskResult::kNone) {
      return fail(fmt::format("run {} finished before its task {}", e.run.index(), job.dag.key(TaskId(static_cast<std::uint32_t>(t)))));
    }
  }
  const RunTiming& tm = e.timing;
  if (tm.queue < Duration::zero() || tm.setup < Duration::zero() || tm.execution < Duration::zero() ||
      tm.cleanup < Duration::zero() || tm.run_duration != tm.setup + tm.execution + tm.cleanup) {
    fail(fmt::format("run {}'s timing does not add up", e.run.index()));
  }
  const JobResult expected = leaf_rule(job.dag, r->results);
  if (e.result == JobResult::kTimedOut) {
    if (!job.timeout()) fail(fmt::format("run {} TIMEDOUT without a job timeout", e.run.index()));
    timed_out_ = true;
  } else if (e.result == JobResult::kCanceled && expected != JobResult::kCanceled) {
    // A run is canceled from outside only when the pipeline's timeout stops its parent.
    if (!deployment_.jobs[deployment_.entry.index()].timeout()) fail(fmt::format("run {} CANCELED for no reason", e.run.index()));
  } else if (e.result != expected) {
    fail(fmt::format("run {} ended {} but its tasks give {} by the leaf rule", e.run.index(), to_string(e.result),
                     to_string(expected)));
  }
  if (r->job == deployment_.entry && !entry_result_) entry_result_ = e.result;
}

void InvariantChecker::table_committed(const TableCommitted& e) {
  const auto it = attempts_.find(e.attempt.index());
  if (it == attempts_.end()) return fail("a commit by an unknown attempt");
  if (it->second.finished && !it->second.succeeded) return fail("a failed attempt committed a table version");
  it->second.committed = true;
  if (e.table.index() >= table_version_.size()) return fail("a commit to an unknown table");
  if (e.version != table_version_[e.table.index()] + 1) {
    return fail(fmt::format("table {} went from version {} to {}", deployment_.tables[e.table.index()],
                            table_version_[e.table.index()], e.version));
  }
  table_version_[e.table.index()] = e.version;
  good_versions_[e.table.index()].insert(e.version);
}

void InvariantChecker::table_restored(const TableRestored& e) {
  if (e.table.index() >= table_version_.size()) return fail("a restore of an unknown table");
  const std::string& name = deployment_.tables[e.table.index()];
  if (e.version != table_version_[e.table.index()] + 1) {
    return fail(fmt::format("table {} went from version {} to {} by a restore", name, table_version_[e.table.index()], e.version));
  }
  if (good_versions_[e.table.index()].count(e.restored_from) == 0) {
    fail(fmt::format("table {} restored to version {}, which it never had", name, e.restored_from));
  }
  table_version_[e.table.index()] = e.version;
  good_versions_[e.table.index()].insert(e.version);
}

void InvariantChecker::check_bill(const ReplicationResult& result) {
  const models::Bill& bill = result.cost;
  if (!(bill.vm_usd >= 0 && bill.dbu_usd >= 0 && bill.pool_idle_usd >= 0 && bill.pool_idle_usd <= bill.vm_usd * (1 + 1e-9) + 1e-12)) {
    fail(fmt::format("a negative bill: VM ${} DBU ${} pool idle ${}", bill.vm_usd, bill.dbu_usd, bill.pool_idle_usd));
  }
  double per_cluster = 0;
  for (const double c : result.metrics.compute_cost_usd) {
    if (!(c >= 0)) fail(fmt::format("a cluster billed ${}", c));
    per_cluster += c;
  }
  // A pool's idle and standing cost is billed to the clusters drawing from it (docs/model.md §2.3).
  if (!close(per_cluster, bill.total())) {
    fail(fmt::format("the clusters' bills sum to ${}, the run's to ${}", per_cluster, bill.total()));
  }
  double per_task = 0;
  for (const double c : result.metrics.task_cost_usd) {
    if (!(c >= 0)) fail(fmt::format("a task attributed ${}", c));
    per_task += c;
  }
  if (!result.metrics.task_cost_usd.empty() && !close(per_task, bill.total())) {
    fail(fmt::format("the tasks' costs sum to ${}, the run's to ${}", per_task, bill.total()));
  }
  for (const MetricDef& m : metric_catalog()) {
    const auto v = m.of(result.metrics);
    if (v && !(std::isfinite(*v) && *v >= 0)) fail(fmt::format("metric {} is {}", m.name, *v));
  }
}

void InvariantChecker::finish(const ReplicationResult& result) {
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (!runs_[i].started.empty() && !runs_[i].finished) fail(fmt::format("run {} never finished", i));
  }
  for (const auto& [id, a] : attempts_) {
    if (!a.finished) fail(fmt::format("attempt {} never finished", id));
    if (a.committed && !a.succeeded) fail(fmt::format("attempt {} failed but committed", id));
  }
  if (!entry_result_) fail("the pipeline run never finished");
  else if (*entry_result_ != result.outcome) fail("the replication's outcome is not its run's result");
  if (result.makespan < Duration::zero()) fail("a negative makespan");
  check_bill(result);
}

}  // namespace orchsim::sim
