// RunOrdinals: which run of a workload task a run is, for the SimTaskRunner's draw keys: 0 for
// the first run seen executing the task, 1 for the next, and so on (0 in a single pipeline run,
// whatever the layout's run ids). Most tasks are run by one run only, and there can be a task per
// job (multi_job, issue #15): the first run of each task is kept flat, 4 bytes a task; only tasks
// run again (a repair, a scheduled month of runs) get a list of their later runs. One per
// replication, on its loop thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "engine/ids.h"

namespace orchsim::sim {

class RunOrdinals {
 public:
  explicit RunOrdinals(std::size_t tasks) : first_(tasks) {}

  // Which run of `task` `run` is, counting it in if it is new.
  std::uint32_t of(TaskId task, RunId run);

 private:
  std::vector<RunId> first_;                                      // per task: its first run (invalid: none yet)
  std::unordered_map<std::uint32_t, std::vector<RunId>> later_;  // per task run again: its later runs, in order
};

}  // namespace orchsim::sim
