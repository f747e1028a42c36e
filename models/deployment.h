// Deployment: what a strategy makes of a workload: the engine's jobs, the computes (clusters) they
// run on, and which workload task each job task executes. Produced by plan(), a pure function;
// consumed by sim::run_replication. Immutable and shareable across replications and threads.
#pragma once

#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/ids.h"
#include "engine/job.h"
#include "models/node_type.h"
#include "models/pricing.h"
#include "models/strategy.h"
#include "models/workload.h"

namespace orchsim::models {

struct ComputeSpec {
  std::string name;
  ClusterShape shape;
  Duration startup;
};

struct Deployment {
  std::string strategy;
  std::vector<JobSpec> jobs;  // indexed by JobId
  JobId entry;                // the job whose run is the pipeline run
  std::vector<ComputeSpec> computes;  // indexed by ComputeId
  // work[job][task]: the workload task a job task executes; invalid for orchestration tasks.
  std::vector<std::vector<TaskId>> work;

  std::size_t cross_job_edges() const;  // run_job dependencies between jobs, for complexity
};

// Lays `workload` (with its validated `dag`) out per `strategy`. Node types are looked up in
// `catalog`; an unknown one is reported to `diagnostics` at the strategy's location.
std::optional<Deployment> plan(const Workload& workload, const Dag& dag, const StrategySpec& strategy,
                               const Catalog& catalog, Diagnostics& diagnostics);

}  // namespace orchsim::models
