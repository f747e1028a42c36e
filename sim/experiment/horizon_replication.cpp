#include "sim/experiment/horizon_replication.h"

#include <fmt/format.h>

#include <algorithm>
#include <variant>
#include <vector>

#include "engine/check.h"
#include "engine/engine.h"
#include "engine/error.h"
#include "engine/rng.h"
#include "sim/experiment/parallel_for.h"
#include "sim/experiment/replication.h"
#include "sim/world/simulated_world.h"

namespace orchsim::sim {
namespace {

// Counts the top-level runs that entered the queue.
class QueueCounter final : public EventSink {
 public:
  void on_event(const EngineEvent& event) override {
    if (const auto* q = std::get_if<RunQueued>(&event.body); q != nullptr && !q->parent.valid()) ++queued;
  }
  std::uint32_t queued = 0;
};

// Starts a run of the entry job at every fire time before `end`, and records each run's trigger.
class Trigger final : public TimerTarget {
 public:
  struct Fired {
    RunId run;
    SimTime at;
  };

  Trigger(SimulatedWorld& sim, JobId entry, const models::RunSchedule& schedule, SimTime end, Rng rng)
      : sim_(sim), entry_(entry), schedule_(schedule), end_(end), rng_(rng) {
    arm(next_after(SimTime::zero(), true));
  }

  void on_timer(std::uint64_t) override {
    const SimTime now = sim_.runtime.now();
    fired.push_back({sim_.engine.start_run(entry_), now});
    arm(next_after(now, false));
  }

  std::vector<Fired> fired;

 private:
  // The first fire time at (when `first`) or after `t`, if before the end.
  std::optional<SimTime> next_after(SimTime t, bool first) {
    if (const auto* c = std::get_if<models::CronExpression>(&schedule_.trigger)) {
      return models::next_fire(*c, first ? t : t + Duration::seconds(1), end_);
    }
    SimTime next = t;
    if (const auto* p = std::get_if<models::PeriodicSchedule>(&schedule_.trigger)) {
      if (!first) next = t + p->every;
    } else {
      const double per_second = std::get<models::PoissonArrivals>(schedule_.trigger).per_day / 86'400;
      next = t + Duration::from_seconds(rng_.exponential(per_second));
    }
    return next < end_ ? std::optional<SimTime>(next) : std::nullopt;
  }
  void arm(std::optional<SimTime> at) {
    if (at) sim_.runtime.schedule_at(*at, *this, 0);
  }

  SimulatedWorld& sim_;
  JobId entry_;
  const models::RunSchedule& schedule_;
  SimTime end_;
  Rng rng_;
};

[[noreturn]] void throw_unfinished(const models::Workload& workload, std::uint64_t replication, SimTime now,
                                   const char* why) {
  throw InputError({Diagnostic{SourceLocation{workload.tasks.empty() ? std::string() : workload.tasks.front().where.file},
                               fmt::format("horizon replication {} {} at simulated {}: bound the runs' retries "
                                           "(max_retries) or give them a timeout", replication, why, now)}});
}

HorizonReplicationResult tally(const SimulatedWorld& sim, const Trigger& trigger, std::uint32_t queued,
                               SimTime horizon_end) {
  HorizonReplicationResult r;
  r.triggered = static_cast<std::uint32_t>(trigger.fired.size());
  r.queued = queued;
  for (const auto& f : trigger.fired) {
    const RunState& run = sim.engine.run(f.run);
    if (run.result() == JobResult::kSkipped) {
      ++r.skipped;
      continue;
    }
    ++r.started;
    if (run.result() == JobResult::kSuccess || run.result() == JobResult::kSuccessWithFailures) ++r.succeeded;
    r.latency_s.push_back((run.finished() - f.at).to_seconds());
  }
  r.cost_usd = sim.world.bill(std::max(sim.runtime.now(), horizon_end)).total();
  return r;
}

}  // namespace

HorizonReplicationResult run_horizon_replication(const models::Deployment& deployment,
                                                 const models::Workload& workload, const models::WorldModel& world,
                                                 const models::RunSchedule& schedule, std::uint64_t seed,
                                                 std::uint64_t replication) {
  QueueCounter counter;
  // One horizon is one bill: a pool's min_idle instances stand for the whole horizon, not for one
  // run's share of a day (pool_standing_usd bills 24 h / runs_per_day).
  models::WorldModel over_horizon = world;
  over_horizon.runs_per_day = 24.0 / (world.horizon.to_seconds() / 3600.0);
  SimulatedWorld sim(deployment, workload, over_horizon, seed, replication, counter);
  const SimTime horizon_end = SimTime::zero() + world.horizon;
  Trigger trigger(sim, deployment.entry, schedule, horizon_end, Rng(seed, replication, "schedule.arrivals"));
  // Runs triggered near the end may finish after it: allow them one more horizon.
  const SimTime limit = horizon_end + world.horizon;
  const std::uint64_t per_run = event_budget(workload);
  SimulatedRuntime& runtime = sim.runtime;
  for (auto next = runtime.next_time(); next && *next <= limit; next = runtime.next_time()) {
    runtime.step();
    if (runtime.events_processed() >= per_run * (trigger.fired.size() + 1)) {
      throw_unfinished(workload, replication, runtime.now(), "reached its work limit");
    }
  }
  if (!sim.engine.idle()) throw_unfinished(workload, replication, runtime.now(), "still had runs open a horizon after its end");
  // Idle all-purpose clusters terminate per their auto-termination; only cluster timers are left.
  while (!sim.all_terminated() && runtime.step()) {
  }
  sim.check_all_terminated();
  return tally(sim, trigger, counter.queued, horizon_end);
}

MonthlyResult run_monthly(const PlannedExperiment& plan, std::uint32_t replications, unsigned threads) {
  const ScenarioSpec& scenario = *plan.scenario;
  ORCHSIM_CHECK(scenario.schedule.has_value(), "run_monthly on a scenario without a schedule");
  const std::size_t n = replications > 0 ? replications : scenario.experiment.horizon_replications;
  const std::size_t strategies = plan.deployments.size();
  const auto results = parallel_map<HorizonReplicationResult>(strategies * n, threads, [&](std::size_t i) {
    return run_horizon_replication(plan.deployments[i / n], scenario.workload, scenario.world, *scenario.schedule,
                                   plan.seed, i % n);
  });
  MonthlyResult out;
  out.schedule = scenario.schedule->describe();
  out.horizon = scenario.world.horizon;
  out.deadline = scenario.schedule->deadline;
  out.strategies.resize(strategies);
  for (std::size_t i = 0; i < results.size(); ++i) out.strategies[i / n].replications.push_back(results[i]);
  return out;
}

}  // namespace orchsim::sim
