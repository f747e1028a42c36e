#include "sim/experiment/experiment.h"

#include <algorithm>
#include <cmath>

#include "engine/rng.h"
#include "sim/experiment/metric_catalog.h"
#include "sim/experiment/metric_summary.h"
#include "sim/experiment/model_check.h"
#include "sim/experiment/parallel_for.h"
#include "sim/experiment/replication.h"

namespace orchsim::sim {

namespace {

// Runs replications [from, to) of every strategy into slots[s][rep] on the one thread pool; work
// item i is strategy i / per, replication from + i % per, and writes only its own slot.
void run_range(const ScenarioSpec& scenario, const std::vector<models::Deployment>& deployments,
               std::uint64_t seed, std::size_t from, std::size_t to, unsigned threads,
               std::vector<std::vector<ReplicationResult>>& slots, const ExperimentOptions& options) {
  const std::size_t per = to - from;
  for (auto& s : slots) s.resize(to);
  parallel_for(
      deployments.size() * per, threads,
      [&](std::size_t i) {
        const std::size_t s = i / per;
        const std::size_t rep = from + i % per;
        slots[s][rep] = run_replication(deployments[s], scenario.workload, scenario.world, seed, rep);
      },
      options.progress);
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

// The replication whose makespan is nearest the median (the first such): a typical run to draw.
std::size_t representative(const std::vector<ReplicationResult>& reps) {
  std::vector<double> makespans;
  for (const auto& r : reps) makespans.push_back(r.makespan.to_seconds());
  std::vector<double> sorted = makespans;
  std::sort(sorted.begin(), sorted.end());
  const double median = empirical_quantile(sorted, 0.5);
  std::size_t best = 0;
  for (std::size_t i = 1; i < makespans.size(); ++i) {
    if (std::fabs(makespans[i] - median) < std::fabs(makespans[best] - median)) best = i;
  }
  return best;
}

}  // namespace

ExperimentResult run_experiment(const ScenarioSpec& scenario, const ExperimentOptions& options) {
  ExperimentResult result;
  result.scenario = scenario.name;
  result.file = scenario.file;
  result.seed = options.seed.value_or(scenario.experiment.seed);
  result.target_relative_ci = options.target_relative_ci;
  for (const auto& t : scenario.workload.tasks) result.task_names.push_back(t.key);

  Diagnostics diagnostics;
  const auto dag = scenario.workload.dag(diagnostics);
  diagnostics.throw_if_any();
  std::vector<models::Deployment> deployments;
  for (const auto& strategy : scenario.strategies) {
    auto d = models::plan(scenario.workload, *dag, strategy, scenario.catalog, diagnostics);
    if (d) deployments.push_back(std::move(*d));
  }
  diagnostics.throw_if_any();

  const unsigned threads = options.threads;  // 0: all hardware threads (parallel_for)
  std::vector<std::vector<ReplicationResult>> slots(deployments.size());
  if (!options.target_relative_ci) {
    result.replications = options.replications > 0 ? options.replications : scenario.experiment.replications;
    run_range(scenario, deployments, result.seed, 0, result.replications, threads, slots, options);
  } else {
    // Rounds: run to n, and while some interval is still too wide, to the n it asks for.
    const double target = *options.target_relative_ci;
    std::size_t n = std::min<std::size_t>(options.replications > 0 ? options.replications : 100,
                                          options.max_replications);
    std::size_t have = 0;
    for (;;) {
      run_range(scenario, deployments, result.seed, have, n, threads, slots, options);
      have = n;
      if (target_met(slots, target)) break;
      if (n >= options.max_replications) {
        result.target_met = false;
        break;
      }
      n = next_count(slots, target, n, options.max_replications);
    }
    result.replications = static_cast<std::uint32_t>(have);
  }

  for (std::size_t s = 0; s < deployments.size(); ++s) {
    StrategyResult sr;
    sr.strategy = scenario.strategies[s];
    sr.replications = std::move(slots[s]);
    const std::uint64_t key = Rng(result.seed, s, "bootstrap").next_u64();
    for (const MetricDef& m : metric_catalog()) sr.summaries.push_back(summarise(m, sr.replications, key));
    for (const auto& c : deployments[s].computes) sr.compute_names.push_back(c.name);
    for (std::size_t t = 0; t < result.task_names.size(); ++t) {
      std::vector<double> v;
      for (const auto& r : sr.replications) v.push_back(r.metrics.task_cost_usd[t]);
      sr.task_cost_usd.push_back(Summary::of(v));
    }
    for (std::size_t c = 0; c < sr.compute_names.size(); ++c) {
      std::vector<double> v;
      for (const auto& r : sr.replications) v.push_back(r.metrics.compute_cost_usd[c]);
      sr.compute_cost_usd.push_back(Summary::of(v));
    }
    sr.model_checks = model_checks(scenario, *dag, deployments[s], sr.replications);
    if (!sr.replications.empty()) {
      const std::size_t rep = representative(sr.replications);
      run_replication(deployments[s], scenario.workload, scenario.world, result.seed, rep, nullptr, &sr.timeline);
    }
    result.strategies.push_back(std::move(sr));
  }
  return result;
}

}  // namespace orchsim::sim
