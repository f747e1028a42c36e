// `orchsim exec`: runs one job of a scenario (or of a Databricks job with a profile) for real: each
// task's command as a process (engine/live/process_task_runner.h) under the same Engine the
// simulator uses, on the wall clock, with file-backed tables, alert sinks and the SQLite run
// history; `--repair RUN_ID` reruns the failed tasks of a recorded run in place. docs/exec.md is
// the user's guide (protocol, exit codes, run directory). Called on the CLI's thread, which
// becomes the engine's loop thread for the run.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace orchsim::cli {

int exec_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
