#include "sim/world/sim_task_runner.h"

#include "engine/check.h"

namespace orchsim::sim {

void SimTaskRunner::start(const AttemptRequest& request, AttemptObserver& observer) {
  const TaskId work = deployment_.work[request.job.index()][request.task.index()];
  ORCHSIM_CHECK(work.valid(), "job {} task {} has no work to run", request.job, request.task);
  world_.submit(request.attempt, request.run, request.compute, workload_.tasks[work.index()], observer);
}

}  // namespace orchsim::sim
