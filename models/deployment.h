// Deployment: what a strategy makes of a workload: the engine's jobs, the computes (clusters) they
// run on, the instance pools those draw from, and which workload task each job task executes.
// Produced by plan(), a pure function; consumed by sim::run_replication. Immutable and shareable
// across replications and threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/ids.h"
#include "engine/job.h"
#include "models/cluster.h"
#include "models/node_type.h"
#include "models/pricing.h"
#include "models/strategy.h"
#include "models/workload.h"

namespace orchsim::models {

struct ComputeSpec {
  std::string name;
  ClusterTemplate cluster;            // kind, startup, autoscaling, SKU, spot, …
  ClusterShape shape;                 // node type and starting worker count
  std::optional<std::uint32_t> pool;  // index into Deployment::pools
};

struct Deployment {
  std::string strategy;
  std::vector<JobSpec> jobs;  // indexed by JobId
  JobId entry;                // the job whose run is the pipeline run
  std::vector<ComputeSpec> computes;  // indexed by ComputeId
  std::vector<PoolSpec> pools;
  // work[job][task]: the workload task a job task executes; invalid for orchestration tasks.
  std::vector<std::vector<TaskId>> work;
  // Per workload task: 1 when it runs on its preferred node type (or has no preference).
  std::vector<std::uint8_t> on_preferred_node;

  std::size_t cross_job_edges() const;  // run_job dependencies between jobs, for complexity
};

// Lays `workload` (with its validated `dag`) out per `strategy`. Node types are looked up in
// `catalog`. Problems are reported to `diagnostics` at the strategy's location and give nullopt:
// an unknown node type, a task whose required node type the strategy cannot give it, a grouping
// that makes jobs depend on each other in a cycle.
std::optional<Deployment> plan(const Workload& workload, const Dag& dag, const StrategySpec& strategy,
                               const Catalog& catalog, Diagnostics& diagnostics);

}  // namespace orchsim::models
