// Deployment: what a strategy makes of a workload: the engine's jobs, the computes (clusters) they
// run on, the instance pools those draw from, and which workload task each job task executes.
// Produced by plan(), a pure function; consumed by sim::run_replication. Immutable and shareable
// across replications and threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/ids.h"
#include "engine/job.h"
#include "models/cluster.h"
#include "models/cluster_kind_traits.h"
#include "models/compute_sizing.h"
#include "models/distributions.h"
#include "models/job_work.h"
#include "models/name_list.h"
#include "models/node_type.h"
#include "models/pricing.h"
#include "models/strategy.h"
#include "models/workload.h"

namespace orchsim::models {

// A compute's name is the Deployment's (compute_names): multi_job makes one per task.
struct ComputeSpec {
  // kind, startup, autoscaling, SKU, spot, …: one immutable copy for all the computes plan() makes
  // alike (multi_job makes a compute per task), so read it through cluster().
  std::shared_ptr<const ClusterTemplate> shared_cluster;
  ClusterShape shape;                 // node type and starting worker count
  std::optional<std::uint32_t> pool;  // index into Deployment::pools
  ComputeSizing sizing;               // how the shape was chosen (the report's Compute table)

  const ClusterTemplate& cluster() const { return *shared_cluster; }
  const ClusterKindTraits& traits() const { return traits_of(shared_cluster->kind); }
  // The distribution a cold start of this compute draws from (classic or serverless).
  const Distribution& startup() const {
    return traits().startup == StartupDistribution::kServerless ? cluster().serverless_startup : cluster().startup;
  }
};

struct Deployment {
  std::string strategy;
  std::vector<JobSpec> jobs;  // indexed by JobId
  JobId entry;                // the job whose run is the pipeline run
  std::vector<ComputeSpec> computes;  // indexed by ComputeId
  // computes[i]'s name is compute_names[i]: packed, since a per-task layout names 1e5 and more
  // ("t0000000_cluster" would be a std::string of 32 B and a heap block of its own each).
  NameList compute_names;
  std::vector<PoolSpec> pools;
  // work[job][task]: the workload task a job task executes; invalid for orchestration tasks.
  JobWork work;
  // Per workload task: 1 when it runs on its preferred node type (or has no preference).
  std::vector<std::uint8_t> on_preferred_node;
  // The tables the pipeline writes (TableId i is tables[i]); the world creates them at version 0.
  std::vector<std::string> tables;
  // The entry job exists only to start independent jobs together (StrategySpec::
  // as_defined_synthetic_entry): a Databricks export writes the jobs it runs, not it.
  bool synthetic_entry = false;

  // run_job dependencies between jobs, for complexity (a synthetic entry's are none of the user's)
  std::size_t cross_job_edges() const;
  // The name of `c`, one of computes (by address: readers often hold a ComputeSpec*).
  std::string_view name_of(const ComputeSpec& c) const { return compute_names[static_cast<std::size_t>(&c - computes.data())]; }
  ComputeSize compute_size(std::size_t compute) const;  // computes[compute]'s, for the report
};

// Job-level settings (Workload::job) go to every job, with three exceptions: the job timeout is
// the pipeline's, so only the entry job has it; `rollback: pipeline` is done once, by the entry
// job's run, over everything its run_job children wrote (child jobs get no rollback of their own);
// and under multi_job the orchestrating parent job keeps the evaluation mode but runs no tasks of
// its own, so a retry budget there is moot. Every job carrying the job-level alerts is a choice:
// teams that split a pipeline into jobs configure each job's on_failure, so one incident under
// multi_job alerts once per job it fails (the child and the parent), as it would for real.
// Condition tasks need no compute; under multi_job they sit in the orchestrating parent job (a
// Databricks condition task cannot gate another job's tasks), never in a job of their own.
//
// Lays `workload` (with its validated `dag`) out per `strategy`. Node types are looked up in
// `catalog`; every compute the strategy creates is sized from its demand (models/compute_sizing.h),
// node types chosen by their $/h under `pricing`. Problems are reported to `diagnostics` at the
// strategy's location and give nullopt: an unknown node type, a task whose required node type the
// strategy cannot give it, a grouping that makes jobs depend on each other in a cycle. Jobs that
// hold the workload's own graph (single_job's, multi_job's parent without groups) share `dag`'s
// storage, which lives as long as any of them.
std::optional<Deployment> plan(const Workload& workload, const Dag& dag, const StrategySpec& strategy,
                               const Catalog& catalog, const Pricing& pricing, Diagnostics& diagnostics);

}  // namespace orchsim::models
