// ProcessTaskRunner: the TaskRunner of `orchsim exec` (docs/exec.md). Each attempt runs its task's
// TaskCommand as a real process in its own process group, with ORCHSIM_TASK_KEY, ORCHSIM_ATTEMPT,
// ORCHSIM_RUN_ID and ORCHSIM_TABLES_DIR (engine/live/table_staging.h) in its environment and its
// stdout/stderr in <invocation dir>/logs/<task>.<attempt>.out|err. Exit 0 is success, an exit code
// the command lists as permanent is FailureKind::kPermanent, anything else (another code, a
// signal) kTaskError. A task with a quality gate then runs the output check and the gate command;
// a failure there is kGateFailed (permanent). kill() sends SIGTERM to the group and SIGKILL after the grace
// period; when a command's leader ends, whatever it left in its group is killed (no orphans).
// At most `parallel` processes run at once; the rest wait in FIFO order.
//
// Threads: every TaskRunner call and observer callback is on the WallClockRuntime's loop thread.
// One waiter thread per running process blocks in waitpid and posts the exit to the loop
// (post_from_any_thread), so callbacks never come from inside start() or kill().
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/live/child_process.h"
#include "engine/live/wall_clock_runtime.h"
#include "engine/task_command.h"
#include "engine/task_runner.h"

namespace orchsim::live {

// What one job task runs.
struct ProcessTask {
  std::string key;  // names its log files and ORCHSIM_TASK_KEY
  std::optional<TaskCommand> command;  // none: the attempt fails permanently (exec refuses it earlier)
  std::optional<QualityGate> gate;
};

// The process side of one ended attempt, for the run history.
struct AttemptProcess {
  AttemptId attempt;
  int exit_code = 0;  // of the command (or of the gate command when that failed); -signal; -1 not started
  std::string stdout_log;
  std::string stderr_log;
};

struct ProcessRunnerOptions {
  std::filesystem::path invocation_dir;  // logs/ and staging/ go here
  std::uint32_t parallel = 0;            // processes at once; 0: no bound
  Duration grace = Duration::seconds(5);  // SIGTERM → SIGKILL
  // ORCHSIM_RUN_ID of an attempt of engine run `run` (default: the engine's run id).
  std::function<std::string(RunId)> run_label;
  // After the command succeeded, before the gate command: why the attempt's output is not
  // acceptable (manifest expectations, unreadable staging), or nullopt.
  std::function<std::optional<std::string>(const AttemptRequest&, const ProcessTask&)> check_output;
  // Called on the loop thread just before the engine hears an attempt ended by itself.
  std::function<void(const AttemptProcess&)> on_process_end;
  // The failure a failed gate or output check reports (exec: kGateFailed; both are never retried).
  FailureKind gate_failure = FailureKind::kGateFailed;
};

class ProcessTaskRunner final : public TaskRunner, public TimerTarget {
 public:
  // tasks[job][task] says what each job task runs. The runtime must outlive the runner, and its
  // loop must not run again once the runner is gone (a late exit may still be queued there).
  ProcessTaskRunner(WallClockRuntime& runtime, std::vector<std::vector<ProcessTask>> tasks,
                    ProcessRunnerOptions options);
  // Kills whatever still runs (SIGKILL to each group) and joins the waiter threads.
  ~ProcessTaskRunner() override;
  ProcessTaskRunner(const ProcessTaskRunner&) = delete;
  ProcessTaskRunner& operator=(const ProcessTaskRunner&) = delete;

  void start(const AttemptRequest& request, AttemptObserver& observer) override;
  void kill(AttemptId attempt) override;
  void release(RunId, ComputeId) override {}

  // True while a process runs or waits for a slot, or an exit is still to be handled: the loop
  // must keep running (WallClockRuntime::run's keep_alive).
  bool busy() const { return !attempts_.empty() || !queue_.empty(); }
  // Processes running now (for tests and the --parallel check).
  std::size_t running() const { return running_; }
  // SIGKILL to every running group now, without the grace period (a second Ctrl-C).
  void kill_all_now();

  void on_timer(std::uint64_t payload) override;

 private:
  enum class Phase : std::uint8_t { kQueued, kCommand, kGate };
  enum class Event : std::uint8_t { kRunning, kExited, kEscalate, kSpawnFailed };
  struct Attempt {
    AttemptRequest request;
    AttemptObserver* observer = nullptr;
    const ProcessTask* task = nullptr;
    Phase phase = Phase::kQueued;
    pid_t pid = -1;
    std::thread waiter;
    bool killed = false;  // kill() was called: no callback, only the reap is left
    TimerId escalation;
    std::string spawn_error;
    AttemptProcess process;
  };

  static std::uint64_t encode(Event event, AttemptId attempt);
  std::filesystem::path log_path(const Attempt& a, const char* suffix) const;
  void launch(Attempt& a);
  void spawn(Attempt& a, const TaskCommand& command, bool gate);  // the gate's command when `gate`
  void exited(AttemptId id);
  void gate_or_finish(Attempt& a);
  // Ends an attempt that ended by itself: history hook, observer, slot.
  void finish(AttemptId id, AttemptResult result);
  void fill_slots();
  void post(Event event, AttemptId attempt);

  WallClockRuntime& runtime_;
  std::vector<std::vector<ProcessTask>> tasks_;
  ProcessRunnerOptions options_;
  std::map<std::uint64_t, Attempt> attempts_;  // by AttemptId value; few at a time
  std::deque<AttemptId> queue_;                // waiting for a slot, FIFO
  std::size_t running_ = 0;
  std::mutex mutex_;                           // guards exits_ (written by waiter threads)
  std::map<std::uint64_t, ExitStatus> exits_;  // by AttemptId value
};

}  // namespace orchsim::live
