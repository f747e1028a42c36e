#include "sim/world/sim_task_runner.h"

#include "engine/check.h"
#include "engine/rng.h"

namespace orchsim::sim {

void SimTaskRunner::start(const AttemptRequest& request, AttemptObserver& observer) {
  const TaskId work = deployment_.work[request.job.index()][request.task.index()];
  ORCHSIM_CHECK(work.valid(), "job {} task {} has no work to run", request.job, request.task);
  world_.submit(request.attempt, request.run, request.compute, workload_.tasks[work.index()],
                draw_key(request, work), observer);
}

std::uint64_t SimTaskRunner::draw_key(const AttemptRequest& request, TaskId work) {
  const std::uint64_t run_of_task = runs_of_task_.of(work, request.run);
  const std::uint64_t iteration = request.iteration ? std::uint64_t{*request.iteration} + 1 : 0;
  return stable_mix(stable_mix(stable_mix(work.index(), run_of_task), iteration), request.number);
}

}  // namespace orchsim::sim
