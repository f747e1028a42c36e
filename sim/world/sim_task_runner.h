// SimTaskRunner: the TaskRunner of the simulated world. Maps each attempt to the workload task its
// job task executes and hands it to the ClusterWorld, which decides startup, contention and faults.
// One per replication; single-threaded.
#pragma once

#include "engine/task_runner.h"
#include "models/deployment.h"
#include "models/workload.h"
#include "sim/world/cluster_world.h"

namespace orchsim::sim {

class SimTaskRunner final : public TaskRunner {
 public:
  SimTaskRunner(const models::Deployment& deployment, const models::Workload& workload, ClusterWorld& world)
      : deployment_(deployment), workload_(workload), world_(world) {}

  void start(const AttemptRequest& request, AttemptObserver& observer) override;
  void kill(AttemptId attempt) override { world_.kill(attempt); }
  void release(RunId run, ComputeId compute) override { world_.release(run, compute); }

 private:
  const models::Deployment& deployment_;
  const models::Workload& workload_;
  ClusterWorld& world_;
};

}  // namespace orchsim::sim
