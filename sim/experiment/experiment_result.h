// ExperimentResult: what an experiment (sim::run_experiment, sim/experiment/experiment.h)
// measured, per strategy: every replication's numbers, the summaries of every metric, cost per
// task and per cluster, the timelines of its median and p95 replications and the model checks. The
// reports read this header, never the simulator's. Plain data, no thread affinity.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/cluster.h"
#include "models/compute_sizing.h"
#include "models/strategy.h"
#include "models/world_model.h"
#include "sim/experiment/interned_list.h"
#include "sim/experiment/metric_id.h"
#include "sim/experiment/metric_summary.h"
#include "sim/experiment/model_check_result.h"
#include "sim/experiment/monthly_result.h"
#include "models/name_list.h"
#include "sim/experiment/replication_result.h"
#include "sim/experiment/summary.h"
#include "sim/experiment/timeline.h"

namespace orchsim::sim {

// How one compute of a strategy's deployment bills, for the reports' Assumptions section and the
// same-vs-separate table (serverless is a side of its own). Its name is StrategyResult::compute_names'.
struct ComputeBilling {
  models::ClusterKind kind = models::ClusterKind::kJobCluster;
  models::Sku sku = models::Sku::kJobs;
  bool photon = false;
  bool spot_workers = false;
  models::PerformanceTarget performance_target = models::PerformanceTarget::kPerformanceOptimized;
  models::Attribution attribution = models::Attribution::kShared;
  std::string startup;                // the distribution a cold start draws from, described
  std::optional<std::uint32_t> pool;  // index into StrategyResult::pools

  auto operator<=>(const ComputeBilling&) const = default;  // for InternedList
};

// A per-task or per-compute cost over the replications: the mean and 95% half-width of its Summary,
// all the reports show (its n is the strategy's replication count). 16 B where a Summary is 48.
struct CostEstimate {
  double mean = 0;
  double ci95 = 0;  // the mean is in [mean - ci95, mean + ci95] with 95% confidence
};

struct StrategyResult {
  models::StrategySpec strategy;
  std::vector<ReplicationResult> replications;   // in replication order
  std::vector<MetricSummary> summaries;          // in metric_catalog() order: indexed by MetricId
  // Per compute (a per-task layout has one per task), so held compactly: the name once, the
  // billing and size interned (computes alike share one).
  models::NameList compute_names;                        // by ComputeId
  InternedList<ComputeBilling> compute_billing;  // by ComputeId
  std::vector<models::PoolSpec> pools;           // the deployment's instance pools
  InternedList<models::ComputeSize> compute_sizes;  // by ComputeId: node type, workers, how chosen
  std::vector<CostEstimate> task_cost_usd;       // by workload task
  std::vector<CostEstimate> compute_cost_usd;    // by ComputeId
  Timeline timeline;                             // the median-makespan replication (quantile_replication)
  // The p95-makespan replication's, when it is another one than the median's (not one
  // replication, nor a tie): a copy would double the largest thing a result holds.
  std::optional<Timeline> p95_timeline;
  std::vector<ModelCheck> model_checks;          // analytic expectations next to the measured values

  // A programming error (ORCHSIM_CHECK) when the summaries are not the whole catalog.
  const MetricSummary& summary(MetricId metric) const;
  const Timeline& p95() const { return p95_timeline ? *p95_timeline : timeline; }
  // Every compute is serverless (and there is one): neither side of "same vs separate cluster".
  bool all_serverless() const;
};

struct ExperimentResult {
  std::string scenario;
  std::string file;
  std::uint64_t seed = 0;
  std::uint32_t replications = 0;
  std::optional<double> target_relative_ci;  // set when the count was grown to a target
  bool target_met = true;
  models::NameList task_names;                       // the workload's tasks
  models::WorldModel world;                  // the prices, billing switches and runs_per_day it used
  std::vector<StrategyResult> strategies;    // in scenario order
  std::optional<MonthlyResult> monthly;      // scheduled scenarios only (sim/experiment/horizon_replication.h)
};

}  // namespace orchsim::sim
