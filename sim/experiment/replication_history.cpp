#include "sim/experiment/replication_history.h"

#include <algorithm>
#include <optional>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "engine/error.h"
#include "models/deployment.h"
#include "sim/experiment/parallel_for.h"
#include "sim/experiment/replication.h"

namespace orchsim::sim {

namespace {

constexpr std::size_t kBatch = 256;  // replications simulated before they are handed over

struct OpenAttempt {
  models::TaskAttemptRecord record;
  ComputeId compute;
  std::optional<SimTime> running;
  bool finished = false;
};

std::int64_t ms(SimTime t) { return t.micros() / 1000; }

// Collects one replication's attempts (of every run: under multi_job the children's too) and the
// entry run's times and result.
class AttemptCollector : public EventSink {
 public:
  explicit AttemptCollector(const models::Deployment& deployment) : deployment_(deployment) {}

  void on_event(const EngineEvent& e) override {
    if (const auto* s = std::get_if<RunStarted>(&e.body)) {
      learn(s->run, s->job);
      if (s->job == deployment_.entry && !start_) start_ = e.time;
    } else if (const auto* f = std::get_if<RunFinished>(&e.body)) {
      if (f->job == deployment_.entry) {
        end_ = e.time;
        result_ = f->result;
      }
    } else if (const auto* q = std::get_if<RunQueued>(&e.body)) {
      learn(q->run, q->job);
    } else if (const auto* a = std::get_if<AttemptStarted>(&e.body)) {
      started(*a, e.time);
    } else if (const auto* r = std::get_if<AttemptRunning>(&e.body)) {
      if (OpenAttempt* open = find(r->attempt)) open->running = e.time;
    } else if (const auto* d = std::get_if<AttemptFinished>(&e.body)) {
      finished(d->attempt, d->result, e.time);
    }
  }

  std::optional<SimTime> start_, end_;
  JobResult result_ = JobResult::kNone;
  std::vector<std::pair<AttemptId, OpenAttempt>> attempts_;

 private:
  void learn(RunId run, JobId job) {
    if (job_of_run_.size() <= run.index()) job_of_run_.resize(run.index() + 1);
    job_of_run_[run.index()] = job;
  }
  OpenAttempt* find(AttemptId id) {
    for (auto& [attempt, open] : attempts_) {
      if (attempt == id) return &open;
    }
    return nullptr;
  }
  void started(const AttemptStarted& a, SimTime at) {
    const JobSpec& job = deployment_.jobs[job_of_run_[a.run.index()].index()];
    if (job.tasks[a.task.index()].kind != TaskKind::kWork) return;
    OpenAttempt open;
    open.record.task_key = std::string(job.dag.key(a.task));
    open.record.attempt_number = a.number - 1;  // the engine counts from 1, the Jobs API from 0
    open.record.start_ms = ms(at);
    open.compute = a.compute;
    attempts_.emplace_back(a.attempt, std::move(open));
  }
  void finished(AttemptId id, AttemptResult result, SimTime at) {
    OpenAttempt* open = find(id);
    if (open == nullptr) return;
    open->finished = true;
    open->record.end_ms = ms(at);
    open->record.result_state = result.succeeded                          ? "SUCCESS"
                                : result.failure == FailureKind::kTimeout  ? "TIMEDOUT"
                                : result.failure == FailureKind::kCanceled ? "CANCELED"
                                                                           : "FAILED";
    if (!result.succeeded) open->record.termination_code = to_string(result.failure);
  }

  const models::Deployment& deployment_;
  std::vector<JobId> job_of_run_;
};

// The instance of `compute` an attempt that started running at `at` ran on: the last one up by then.
std::optional<std::uint32_t> instance_at(const WorldTrace& world, ComputeId compute, SimTime at) {
  std::optional<std::uint32_t> found;
  for (const ClusterEvent& e : world.clusters) {
    if (e.compute == compute && e.kind == ClusterEvent::Kind::kUp && e.time <= at) found = e.instance;
  }
  return found;
}

std::string compute_name(const models::Deployment& d, const models::ComputeSpec& c) {
  return c.traits().billed_as == models::Sku::kServerless ? "serverless" : std::string(d.name_of(c));
}

// The billing table's names of the SKUs (its Premium tier).
const char* sku_name(models::Sku sku) {
  switch (sku) {
    case models::Sku::kJobs: return "PREMIUM_JOBS_COMPUTE";
    case models::Sku::kAllPurpose: return "PREMIUM_ALL_PURPOSE_COMPUTE";
    case models::Sku::kJobsLight: return "PREMIUM_JOBS_LIGHT_COMPUTE";
    case models::Sku::kServerless: return "PREMIUM_JOBS_SERVERLESS_COMPUTE";
  }
  return "?";
}

HistoryRun history_run(const models::Deployment& deployment, const ScenarioSpec& scenario, std::uint64_t seed,
                       std::size_t strategy, std::uint64_t replication) {
  AttemptCollector collector(deployment);
  WorldTrace world;
  const ReplicationResult r =
      run_replication(deployment, scenario.workload, scenario.world, seed, replication, &collector, nullptr, &world);
  const std::int64_t base = kHistoryEpochMs + static_cast<std::int64_t>(replication) * kHistoryPeriodMs;
  HistoryRun out;
  models::JobRunRecord& run = out.run;
  run.job_id = static_cast<std::int64_t>(strategy) + 1;
  run.run_id = run.job_id * 1'000'000'000 + static_cast<std::int64_t>(replication) + 1;
  run.job_name = scenario.workload.name;
  run.trigger = "PERIODIC";
  run.start_ms = base + (collector.start_ ? ms(*collector.start_) : 0);
  run.end_ms = base + (collector.end_ ? ms(*collector.end_) : r.makespan.micros() / 1000);
  run.result_state = to_string(r.outcome);
  std::int64_t next_task_run = run.run_id * 1000;
  for (auto& [id, open] : collector.attempts_) {
    models::TaskAttemptRecord a = std::move(open.record);
    const models::ComputeSpec& c = deployment.computes[open.compute.index()];
    if (!open.finished) {  // stopped with its run: no finish event follows a stop
      a.end_ms = collector.end_ ? ms(*collector.end_) : a.start_ms;
      a.result_state = "CANCELED";
    }
    const std::int64_t running = open.running ? std::min(ms(*open.running), a.end_ms) : a.end_ms;
    a.setup_ms = running - a.start_ms;
    a.execution_ms = a.end_ms - running;
    a.cleanup_ms = 0;
    a.start_ms += base;
    a.end_ms += base;
    a.compute = compute_name(deployment, c);
    if (const auto instance = instance_at(world, open.compute, open.running.value_or(SimTime::zero()))) {
      a.cluster_id = fmt::format("sim-{}-{}-{}", deployment.name_of(c), replication, *instance);  // unique, as real ids are
    }
    a.task_run_id = ++next_task_run;
    run.attempts.push_back(std::move(a));
  }
  const models::Sku sku = deployment.computes.empty() ? models::Sku::kJobs : deployment.computes.front().cluster().billing_sku();
  run.dbus = r.cost.dbu_usd / scenario.world.pricing.usd_per_dbu(sku);
  out.sku_name = sku_name(sku);
  return out;
}

}  // namespace

void simulate_history(const ScenarioSpec& scenario, std::uint64_t seed, std::uint32_t replications, unsigned threads,
                      const std::function<void(std::size_t strategy, const HistoryRun& run)>& sink) {
  Diagnostics diagnostics;
  const auto dag = scenario.workload.dag(diagnostics);
  diagnostics.throw_if_any();
  for (std::size_t s = 0; s < scenario.strategies.size(); ++s) {
    const auto deployment = models::plan(scenario.workload, *dag, scenario.strategies[s], scenario.catalog, scenario.world.pricing, diagnostics);
    diagnostics.throw_if_any();
    for (std::size_t from = 0; from < replications; from += kBatch) {
      const std::size_t n = std::min<std::size_t>(kBatch, replications - from);
      const auto batch = parallel_map<HistoryRun>(
          n, threads, [&](std::size_t i) { return history_run(*deployment, scenario, seed, s, from + i); });
      for (const HistoryRun& run : batch) sink(s, run);
    }
  }
}

}  // namespace orchsim::sim
