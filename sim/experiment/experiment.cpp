#include "sim/experiment/experiment.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "engine/rng.h"
#include "sim/experiment/horizon_replication.h"
#include "sim/experiment/metric_catalog.h"
#include "sim/experiment/metric_summary.h"
#include "sim/experiment/model_check.h"
#include "sim/experiment/parallel_for.h"
#include "sim/experiment/quantile_replication.h"
#include "sim/experiment/replication.h"
#include "sim/experiment/thread_pool_executor.h"

namespace orchsim::sim {

namespace {

// Replications by strategy, by replication: one point's slots.
using Slots = std::vector<std::vector<ReplicationResult>>;

// Runs `blocks` on the executor and moves each result into slots[point][strategy][replication]
// (the slots already sized).
void run_blocks(std::span<const PlannedExperiment> plans, const std::vector<ReplicationBlock>& blocks,
                ReplicationExecutor& executor, std::vector<Slots>& slots,
                const ReplicationExecutor::Progress& progress) {
  std::vector<std::vector<ReplicationResult>> results(blocks.size());
  executor.run(plans, blocks, results, progress);
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    const ReplicationBlock& b = blocks[k];
    auto& to = slots[b.point][b.strategy];
    std::move(results[k].begin(), results[k].end(), to.begin() + static_cast<std::ptrdiff_t>(b.from));
  }
}

// Replications [from, to) of every strategy of point p, after sizing its slots to `to`.
std::vector<ReplicationBlock> point_blocks(std::size_t p, Slots& slots, std::size_t from, std::size_t to) {
  std::vector<ReplicationBlock> blocks;
  for (std::size_t s = 0; s < slots.size(); ++s) {
    slots[s].resize(to);
    blocks.push_back({.point = static_cast<std::uint32_t>(p), .strategy = static_cast<std::uint32_t>(s),
                      .from = from, .to = to});
  }
  return blocks;
}

bool target_met(const std::vector<std::vector<ReplicationResult>>& slots, double target) {
  for (const auto& reps : slots) {
    for (const MetricId id : {MetricId::kMakespanMin, MetricId::kCostUsd}) {
      const MetricDef& m = metric(id);
      std::vector<double> v;
      for (const auto& r : reps) v.push_back(m.value(r.metrics));
      const Summary s = Summary::of(v);
      if (s.n < 2 || s.ci95 > target * std::fabs(s.mean)) return false;
    }
  }
  return true;
}

// The count the widest interval asks for (half-widths shrink as 1/√n), with 10% margin, at least
// 1.5 n, at most `cap`.
std::size_t next_count(const std::vector<std::vector<ReplicationResult>>& slots, double target, std::size_t n,
                       std::size_t cap) {
  double worst = 1;
  for (const auto& reps : slots) {
    for (const MetricId id : {MetricId::kMakespanMin, MetricId::kCostUsd}) {
      std::vector<double> v;
      for (const auto& r : reps) v.push_back(metric(id).value(r.metrics));
      const Summary s = Summary::of(v);
      if (s.mean != 0) worst = std::max(worst, s.ci95 / (target * std::fabs(s.mean)));
    }
  }
  const double wanted = static_cast<double>(n) * worst * worst * 1.1;
  return std::min<std::size_t>(cap, static_cast<std::size_t>(std::max(wanted, 1.5 * static_cast<double>(n))));
}

// The replication at the p-quantile of makespan.
std::size_t quantile_of(const std::vector<ReplicationResult>& reps, double p) {
  std::vector<double> makespans;
  for (const auto& r : reps) makespans.push_back(r.makespan.to_seconds());
  return quantile_replication(makespans, p);
}

// One run of replication `replication` of strategy s with its timeline: the same run as the
// executor's (run_planned is pure), so its result may stand in for that one.
struct TimelineRun {
  ReplicationResult result;
  Timeline timeline;
};

TimelineRun timeline_run(const PlannedExperiment& plan, std::size_t s, std::uint64_t replication) {
  TimelineRun run;
  run.result = run_replication(plan.deployments[s], plan.scenario->workload, plan.scenario->world, plan.seed,
                               replication, nullptr, &run.timeline);
  return run;
}

// By strategy, for a point of one replication: that replication's timeline, taken when it ran (it
// is its own median and 95th percentile, so one simulation gives the result and the chart).
using LoneRuns = std::vector<std::optional<Timeline>>;

// Every strategy of the points in `lone` (their count is 1) run once with its timeline, on
// `threads`; results go to slots[p][s][0]. `progress` counts these runs.
void run_lone(std::span<const PlannedExperiment> plans, const std::vector<std::size_t>& lone, std::vector<Slots>& slots,
              std::vector<LoneRuns>& timelines, unsigned threads, const ReplicationExecutor::Progress& progress) {
  std::vector<std::pair<std::size_t, std::size_t>> units;  // (point, strategy)
  for (const std::size_t p : lone) {
    for (std::size_t s = 0; s < slots[p].size(); ++s) units.emplace_back(p, s);
  }
  std::vector<TimelineRun> runs(units.size());
  parallel_for(
      units.size(), threads, [&](std::size_t i) { runs[i] = timeline_run(plans[units[i].first], units[i].second, 0); },
      progress);
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto [p, s] = units[i];
    slots[p][s].assign(1, std::move(runs[i].result));
    timelines[p][s] = std::move(runs[i].timeline);
  }
}

// The median and 95th-percentile timelines of every strategy: `lone`'s where given, the others
// re-run with their seeds, all strategies at once on `threads`.
void representative_timelines(const PlannedExperiment& plan, const Slots& slots, LoneRuns& lone, unsigned threads,
                              std::vector<StrategyResult>& into) {
  struct Unit {
    std::size_t strategy;
    std::size_t replication;
    bool p95;
  };
  std::vector<Unit> units;
  for (std::size_t s = 0; s < slots.size(); ++s) {
    if (slots[s].empty() || lone[s]) continue;
    const std::size_t median = quantile_of(slots[s], 0.5);
    const std::size_t p95 = quantile_of(slots[s], 0.95);
    units.push_back({s, median, false});
    // One replication (or a tie) is its own 95th percentile: the same run, not re-run.
    if (p95 != median) units.push_back({s, p95, true});
  }
  auto runs = parallel_map<TimelineRun>(units.size(), threads, [&](std::size_t i) {
    return timeline_run(plan, units[i].strategy, units[i].replication);
  });
  for (std::size_t i = 0; i < units.size(); ++i) {
    StrategyResult& sr = into[units[i].strategy];
    (units[i].p95 ? sr.p95_timeline.emplace() : sr.timeline) = std::move(runs[i].timeline);
  }
  for (std::size_t s = 0; s < slots.size(); ++s) {
    if (lone[s]) into[s].timeline = std::move(*lone[s]);
  }
}

// Point p with a target interval: run to n, and while some interval is still too wide, to the n it
// asks for. Returns the count run and whether the target was met.
std::pair<std::size_t, bool> run_rounds(std::span<const PlannedExperiment> plans, std::size_t p,
                                        ReplicationExecutor& executor, std::vector<Slots>& slots,
                                        const ExperimentOptions& options) {
  const double target = *options.target_relative_ci;
  std::size_t n = std::min<std::size_t>(options.replications > 0 ? options.replications : 100,
                                        options.max_replications);
  std::size_t have = 0;
  ReplicationExecutor::Progress progress;
  if (options.progress) {
    progress = [&options, p, points = plans.size()](std::size_t done, std::size_t total) {
      options.progress(p * total + done, points * total);
    };
  }
  for (;;) {
    run_blocks(plans, point_blocks(p, slots[p], have, n), executor, slots, progress);
    have = n;
    if (target_met(slots[p], target)) return {have, true};
    if (n >= options.max_replications) return {have, false};
    n = next_count(slots[p], target, n, options.max_replications);
  }
}

// The names of `items`, packed (NameList), read by `name_of`.
template <class Items, class NameOf>
models::NameList names_of(const Items& items, NameOf name_of) {
  std::size_t chars = 0;
  for (const auto& item : items) chars += name_of(item).size();
  models::NameList names;
  names.reserve(items.size(), chars);
  for (const auto& item : items) names.push_back(name_of(item));
  return names;
}

ComputeBilling billing_of(const models::ComputeSpec& c) {
  const models::ClusterTemplate& cluster = c.cluster();
  return {.kind = cluster.kind, .sku = cluster.billing_sku(), .photon = cluster.photon,
          .spot_workers = cluster.spot_workers, .performance_target = cluster.performance_target,
          .attribution = cluster.attribution, .startup = c.startup().describe(), .pool = c.pool};
}

// Each item's cost (task_cost_usd or compute_cost_usd of RunMetrics) over the replications.
std::vector<CostEstimate> cost_estimates(const std::vector<ReplicationResult>& replications, std::size_t items,
                                         std::vector<double> RunMetrics::*costs) {
  std::vector<CostEstimate> out;
  out.reserve(items);
  std::vector<double> v;  // one item's values over the replications, reused
  for (std::size_t i = 0; i < items; ++i) {
    v.clear();
    for (const auto& r : replications) v.push_back((r.metrics.*costs)[i]);
    const Summary s = Summary::of(v);
    out.push_back({.mean = s.mean, .ci95 = s.ci95});
  }
  return out;
}

// Everything computed from one point's replications, in a fixed order. Each strategy's compute
// names move from its plan into the result once its model checks have read them, unless the plan
// runs again (`keep_plan`: the monthly horizon): under a compute per task they are 1e5 names.
ExperimentResult summarise_point(PlannedExperiment& plan, Slots& slots, LoneRuns& lone, const ExperimentOptions& options,
                                 bool keep_plan) {
  const ScenarioSpec& scenario = *plan.scenario;
  ExperimentResult result;
  result.scenario = scenario.name;
  result.file = scenario.file;
  result.seed = plan.seed;
  result.target_relative_ci = options.target_relative_ci;
  result.task_names =
      names_of(scenario.workload.tasks, [](const models::WorkloadTask& t) -> const std::string& { return t.key; });
  result.world = scenario.world;
  result.strategies.resize(plan.deployments.size());
  representative_timelines(plan, slots, lone, options.threads, result.strategies);
  for (std::size_t s = 0; s < plan.deployments.size(); ++s) {
    StrategyResult& sr = result.strategies[s];
    const models::Deployment& d = plan.deployments[s];
    sr.strategy = scenario.strategies[s];
    sr.replications = std::move(slots[s]);
    const std::uint64_t key = Rng(result.seed, s, "bootstrap").next_u64();
    for (const MetricDef& m : metric_catalog()) sr.summaries.push_back(summarise(m, sr.replications, key));
    sr.compute_billing =
        InternedList<ComputeBilling>::of(d.computes.size(), [&](std::size_t c) { return billing_of(d.computes[c]); });
    sr.pools = d.pools;
    sr.compute_sizes =
        InternedList<models::ComputeSize>::of(d.computes.size(), [&](std::size_t c) { return d.compute_size(c); });
    sr.task_cost_usd = cost_estimates(sr.replications, result.task_names.size(), &RunMetrics::task_cost_usd);
    sr.compute_cost_usd = cost_estimates(sr.replications, d.computes.size(), &RunMetrics::compute_cost_usd);
    sr.model_checks = model_checks(scenario, *plan.dag, d, sr.replications);
    sr.compute_names = keep_plan ? d.compute_names : std::move(plan.deployments[s].compute_names);
  }
  return result;
}

}  // namespace

std::vector<ExperimentResult> run_experiments(std::span<const ScenarioSpec> points, const ExperimentOptions& options) {
  std::vector<PlannedExperiment> plans;
  for (const ScenarioSpec& scenario : points) plans.push_back(plan_experiment(scenario, options.seed));
  ThreadPoolExecutor pool(options.threads);
  ReplicationExecutor& executor = options.executor ? *options.executor : pool;
  std::vector<Slots> slots;
  for (const auto& plan : plans) slots.emplace_back(plan.deployments.size());
  std::vector<LoneRuns> lone;
  for (const auto& plan : plans) lone.emplace_back(plan.deployments.size());
  std::vector<std::size_t> counts;
  std::vector<bool> met(points.size(), true);
  if (!options.target_relative_ci) {
    // A point of one replication runs it once, with its timeline, here; the others go to the executor.
    std::vector<ReplicationBlock> blocks;
    std::vector<std::size_t> lone_points;
    std::size_t executor_runs = 0;
    std::size_t lone_runs = 0;
    for (std::size_t p = 0; p < points.size(); ++p) {
      counts.push_back(options.replications > 0 ? options.replications : points[p].experiment.replications);
      if (counts[p] == 1) {
        lone_points.push_back(p);
        lone_runs += slots[p].size();
        continue;
      }
      for (const auto& b : point_blocks(p, slots[p], 0, counts[p])) blocks.push_back(b);
      executor_runs += counts[p] * slots[p].size();
    }
    ReplicationExecutor::Progress executor_progress, lone_progress;
    if (options.progress) {
      const std::size_t total = executor_runs + lone_runs;
      executor_progress = [&options, total](std::size_t done, std::size_t) { options.progress(done, total); };
      lone_progress = [&options, total, executor_runs](std::size_t done, std::size_t) {
        options.progress(executor_runs + done, total);
      };
    }
    run_blocks(plans, blocks, executor, slots, executor_progress);  // even empty: MPI ranks report in
    run_lone(plans, lone_points, slots, lone, options.threads, lone_progress);
  } else {
    for (std::size_t p = 0; p < points.size(); ++p) {
      const auto [count, target_met] = run_rounds(plans, p, executor, slots, options);
      counts.push_back(count);
      met[p] = target_met;
    }
  }
  std::vector<ExperimentResult> results;
  for (std::size_t p = 0; p < points.size(); ++p) {
    results.push_back(summarise_point(plans[p], slots[p], lone[p], options, points[p].schedule.has_value()));
    results.back().replications = static_cast<std::uint32_t>(counts[p]);
    results.back().target_met = met[p];
    if (points[p].schedule) results.back().monthly = run_monthly(plans[p], options.horizon_replications, options.threads);
  }
  return results;
}

ExperimentResult run_experiment(const ScenarioSpec& scenario, const ExperimentOptions& options) {
  return std::move(run_experiments(std::span(&scenario, 1), options).front());
}

}  // namespace orchsim::sim
