#include "engine/live/process_task_runner.h"

#include <signal.h>

#include <algorithm>
#include <fstream>
#include <utility>

#include "engine/check.h"
#include "engine/live/table_staging.h"

namespace orchsim::live {

namespace {

// A task key as a file name: path separators would leave the logs folder.
std::string file_safe(const std::string& key) {
  std::string out = key;
  for (char& c : out) {
    if (c == '/' || c == '\\' || c == '\0') c = '_';
  }
  return out;
}

void append_line(const std::string& file, const std::string& line) {
  std::ofstream out(file, std::ios::app);
  out << line << "\n";
}

}  // namespace

ProcessTaskRunner::ProcessTaskRunner(WallClockRuntime& runtime, std::vector<std::vector<ProcessTask>> tasks,
                                     ProcessRunnerOptions options)
    : runtime_(runtime), tasks_(std::move(tasks)), options_(std::move(options)) {}

ProcessTaskRunner::~ProcessTaskRunner() {
  for (auto& [id, a] : attempts_) {
    if (a.pid > 0) signal_group(a.pid, SIGKILL);
  }
  for (auto& [id, a] : attempts_) {
    if (a.waiter.joinable()) a.waiter.join();
  }
}

std::uint64_t ProcessTaskRunner::encode(Event event, AttemptId attempt) {
  return (static_cast<std::uint64_t>(event) << 56) | attempt.value();
}

void ProcessTaskRunner::post(Event event, AttemptId attempt) { runtime_.post(*this, encode(event, attempt)); }

std::filesystem::path ProcessTaskRunner::log_path(const Attempt& a, const char* suffix) const {
  std::string name = file_safe(a.task->key);
  if (a.request.iteration) name.append(".i").append(std::to_string(*a.request.iteration));
  name.append(".").append(std::to_string(a.request.number)).append(suffix);
  return options_.invocation_dir / "logs" / name;
}

void ProcessTaskRunner::start(const AttemptRequest& request, AttemptObserver& observer) {
  ORCHSIM_CHECK(request.job.index() < tasks_.size() && request.task.index() < tasks_[request.job.index()].size(),
                "no process task for job {} task {}", request.job, request.task);
  Attempt& a = attempts_[request.attempt.value()];
  a.request = request;
  a.observer = &observer;
  a.task = &tasks_[request.job.index()][request.task.index()];
  a.process.attempt = request.attempt;
  a.process.exit_code = -1;
  queue_.push_back(request.attempt);
  fill_slots();
}

void ProcessTaskRunner::fill_slots() {
  while (!queue_.empty() && (options_.parallel == 0 || running_ < options_.parallel)) {
    const AttemptId id = queue_.front();
    queue_.pop_front();
    launch(attempts_.at(id.value()));
  }
}

void ProcessTaskRunner::launch(Attempt& a) {
  a.phase = Phase::kCommand;
  if (!a.task->command) {
    a.spawn_error = "task '" + a.task->key + "' has no command";
    post(Event::kSpawnFailed, a.request.attempt);
    return;
  }
  spawn(a, *a.task->command, false);
}

void ProcessTaskRunner::spawn(Attempt& a, const TaskCommand& command, bool gate) {
  const std::filesystem::path out = log_path(a, gate ? ".gate.out" : ".out");
  const std::filesystem::path err = log_path(a, gate ? ".gate.err" : ".err");
  const std::filesystem::path staging = staging_dir(options_.invocation_dir, a.request.attempt);
  std::error_code ec;
  std::filesystem::create_directories(out.parent_path(), ec);
  if (!ec) std::filesystem::create_directories(staging, ec);
  a.process.stdout_log = out.string();
  a.process.stderr_log = err.string();
  if (ec) {
    a.pid = -1;
    a.spawn_error = "cannot create " + staging.string() + ": " + ec.message();
    post(Event::kSpawnFailed, a.request.attempt);
    return;
  }
  const std::string run = options_.run_label ? options_.run_label(a.request.run) : std::to_string(a.request.run.value());
  std::vector<std::pair<std::string, std::string>> env{
      {"ORCHSIM_TASK_KEY", a.task->key},
      {"ORCHSIM_ATTEMPT", std::to_string(a.request.number)},
      {"ORCHSIM_RUN_ID", run},
      {kTablesDirVariable, staging.string()},
  };
  if (a.request.iteration) env.emplace_back("ORCHSIM_ITERATION", std::to_string(*a.request.iteration));
  const Spawned s = spawn_in_group(command, env, out, err);
  a.pid = s.pid;
  if (s.pid <= 0) {
    a.spawn_error = s.error;
    post(Event::kSpawnFailed, a.request.attempt);
    return;
  }
  ++running_;
  const AttemptId id = a.request.attempt;
  const pid_t pid = s.pid;
  // Before the waiter exists: a command that exits at once must still report running first.
  if (!gate) post(Event::kRunning, id);
  a.waiter = std::thread([this, id, pid] {
    const ExitStatus status = wait_for(pid);
    {
      std::lock_guard lock(mutex_);
      exits_[id.value()] = status;
    }
    runtime_.post_from_any_thread(*this, encode(Event::kExited, id));
  });
}

void ProcessTaskRunner::kill(AttemptId attempt) {
  const auto it = attempts_.find(attempt.value());
  if (it == attempts_.end() || it->second.killed) return;
  Attempt& a = it->second;
  if (a.phase == Phase::kQueued) {
    std::erase(queue_, attempt);
    attempts_.erase(it);
    return;
  }
  a.killed = true;
  if (a.pid > 0) {
    signal_group(a.pid, SIGTERM);
    a.escalation = runtime_.schedule_after(options_.grace, *this, encode(Event::kEscalate, attempt));
  }
  // Without a process (a failed spawn whose report is queued) the report finds it killed.
}

void ProcessTaskRunner::kill_all_now() {
  for (auto& [id, a] : attempts_) {
    if (a.pid > 0) signal_group(a.pid, SIGKILL);
  }
}

void ProcessTaskRunner::on_timer(std::uint64_t payload) {
  const auto event = static_cast<Event>(payload >> 56);
  const AttemptId id(static_cast<std::uint32_t>(payload & ((std::uint64_t{1} << 56) - 1)));
  const auto it = attempts_.find(id.value());
  if (it == attempts_.end()) return;
  Attempt& a = it->second;
  switch (event) {
    case Event::kRunning:
      if (!a.killed && a.phase == Phase::kCommand) a.observer->attempt_running(id);
      break;
    case Event::kEscalate:
      a.escalation = {};
      if (a.pid > 0) signal_group(a.pid, SIGKILL);
      break;
    case Event::kSpawnFailed:
      if (a.killed) {
        attempts_.erase(it);
        fill_slots();
        break;
      }
      append_line(a.process.stderr_log.empty() ? log_path(a, ".err").string() : a.process.stderr_log,
                  "orchsim: " + a.spawn_error);
      // Retrying cannot make a missing program appear.
      finish(id, AttemptResult::failed(a.phase == Phase::kGate ? options_.gate_failure : FailureKind::kPermanent));
      break;
    case Event::kExited: exited(id); break;
  }
}

void ProcessTaskRunner::exited(AttemptId id) {
  Attempt& a = attempts_.at(id.value());
  ExitStatus status;
  {
    std::lock_guard lock(mutex_);
    status = exits_.at(id.value());
    exits_.erase(id.value());
  }
  a.waiter.join();
  // The leader is gone: whatever it left running in its group goes too.
  signal_group(a.pid, SIGKILL);
  a.pid = -1;
  --running_;
  if (a.escalation.valid()) runtime_.cancel(std::exchange(a.escalation, TimerId{}));
  if (a.killed) {
    attempts_.erase(id.value());
    fill_slots();
    return;
  }
  a.process.exit_code = status.as_int();
  if (a.phase == Phase::kGate) {
    if (status.as_int() == 0) finish(id, AttemptResult::success());
    else finish(id, AttemptResult::failed(options_.gate_failure));
    return;
  }
  if (status.as_int() == 0) {
    gate_or_finish(a);
    return;
  }
  const auto& permanent = a.task->command->permanent_exit_codes;
  const bool is_permanent = !status.signaled && std::ranges::find(permanent, status.code) != permanent.end();
  finish(id, AttemptResult::failed(is_permanent ? FailureKind::kPermanent : FailureKind::kTaskError));
}

void ProcessTaskRunner::gate_or_finish(Attempt& a) {
  const AttemptId id = a.request.attempt;
  if (options_.check_output) {
    if (const auto reason = options_.check_output(a.request, *a.task)) {
      append_line(a.process.stderr_log, "orchsim: output check failed: " + *reason);
      finish(id, AttemptResult::failed(a.task->gate ? options_.gate_failure : FailureKind::kPermanent));
      return;
    }
  }
  if (!a.task->gate || !a.task->gate->command) {
    finish(id, AttemptResult::success());
    return;
  }
  a.phase = Phase::kGate;
  spawn(a, *a.task->gate->command, true);
}

void ProcessTaskRunner::finish(AttemptId id, AttemptResult result) {
  const auto it = attempts_.find(id.value());
  AttemptObserver* observer = it->second.observer;
  const AttemptProcess process = it->second.process;
  attempts_.erase(it);
  if (options_.on_process_end) options_.on_process_end(process);
  fill_slots();
  observer->attempt_finished(id, result);
}

}  // namespace orchsim::live
