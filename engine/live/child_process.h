// ChildProcess: the OS side of one command of `orchsim exec`: spawn it as the leader of its own
// process group (so a kill reaches everything it started), with extra environment variables and
// stdout/stderr sent to files, then wait for it and signal its group. Used by the process task
// runner (engine/live/process_task_runner.h). Free functions; spawn and signal from any thread,
// wait_for blocks the calling thread (the runner calls it from a waiter thread).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "engine/task_command.h"

namespace orchsim::live {

struct Spawned {
  pid_t pid = -1;     // also the process group id
  std::string error;  // set when nothing was started (program not found, …)
};

// Starts `command` (argv through PATH, or `/bin/sh -c` with `shell`) in a new process group with
// stdin from /dev/null, stdout and stderr truncated into the given files, the caller's environment
// plus `env` (which overrides), and default dispositions and an empty mask for every signal the
// caller may block or catch.
Spawned spawn_in_group(const TaskCommand& command, const std::vector<std::pair<std::string, std::string>>& env,
                       const std::filesystem::path& stdout_file, const std::filesystem::path& stderr_file);

// How a process ended.
struct ExitStatus {
  bool signaled = false;
  int code = 0;  // the exit code, or the signal number when `signaled`

  // One integer for logs and the run history: the exit code, or -signal.
  int as_int() const { return signaled ? -code : code; }
};

// Blocks until `pid` (a child of this process) ends and reaps it.
ExitStatus wait_for(pid_t pid);

// Sends `signal` to every process of group `pgid`; a group that no longer exists is fine.
void signal_group(pid_t pgid, int signal);

}  // namespace orchsim::live
