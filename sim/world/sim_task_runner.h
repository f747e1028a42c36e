// SimTaskRunner: the TaskRunner of the simulated world. Maps each attempt to the workload task its
// job task executes and hands it to the ClusterWorld, which decides startup, contention and faults.
// It also keys the attempt's own random draws by (workload task, which run of that task in this
// replication, for_each iteration, attempt number): the workload task, not the job task, so every
// strategy's replication i draws the same failures for the same attempt (paired replications).
// One per replication; single-threaded.
#pragma once

#include <cstdint>

#include "engine/task_runner.h"
#include "models/deployment.h"
#include "models/workload.h"
#include "sim/world/cluster_world.h"
#include "sim/world/run_ordinals.h"

namespace orchsim::sim {

class SimTaskRunner final : public TaskRunner {
 public:
  SimTaskRunner(const models::Deployment& deployment, const models::Workload& workload, ClusterWorld& world)
      : deployment_(deployment), workload_(workload), world_(world), runs_of_task_(workload.tasks.size()) {}

  void start(const AttemptRequest& request, AttemptObserver& observer) override;
  void kill(AttemptId attempt) override { world_.kill(attempt); }
  void release(RunId run, ComputeId compute) override { world_.release(run, compute); }

 private:
  std::uint64_t draw_key(const AttemptRequest& request, TaskId work);

  const models::Deployment& deployment_;
  const models::Workload& workload_;
  ClusterWorld& world_;
  // Per workload task: which run of it each run is, in order of their first attempt.
  RunOrdinals runs_of_task_;
};

}  // namespace orchsim::sim
