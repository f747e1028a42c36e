// Test helper for live engine tests: the real Engine on a WallClockRuntime with a
// ProcessTaskRunner running real shell commands in a fresh temporary invocation directory.
#pragma once

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "engine/live/process_task_runner.h"
#include "engine/live/wall_clock_runtime.h"
#include "tests/engine/harness.h"

namespace orchsim::testing {

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  TempDir() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("orchsim-live-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path path;
};

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline TaskCommand sh(std::string script, std::vector<int> permanent = {}) {
  return TaskCommand{.argv = {std::move(script)}, .shell = true, .permanent_exit_codes = std::move(permanent)};
}

// One job whose task i runs commands[i].
struct LiveHarness {
  LiveHarness(JobSpec job, std::vector<live::ProcessTask> tasks, live::ProcessRunnerOptions options = {},
              EngineOptions engine_options = {})
      : jobs{std::move(job)},
        runner(runtime, {std::move(tasks)}, with_dir(std::move(options), dir.path)),
        engine(runtime, runner, trace, jobs, std::move(engine_options)) {}

  static live::ProcessRunnerOptions with_dir(live::ProcessRunnerOptions o, const std::filesystem::path& dir) {
    o.invocation_dir = dir;
    return o;
  }

  RunId run_to_end() {
    const RunId id = engine.start_run(JobId(0));
    runtime.run([this] { return !engine.idle() || runner.busy(); });
    return id;
  }
  TaskId id(const std::string& key) const { return *jobs[0].dag.find(key); }
  TaskResult result(const std::string& key, RunId run = RunId(0)) const { return engine.run(run).task(id(key)).result; }
  std::uint32_t attempts(const std::string& key, RunId run = RunId(0)) const {
    return engine.run(run).task(id(key)).attempts;
  }
  // (running, finished) times of each attempt of `key`, from the engine's events.
  std::vector<std::pair<SimTime, SimTime>> spans(const std::string& key) const {
    std::vector<std::pair<SimTime, SimTime>> out;
    std::vector<AttemptId> ids;
    for (const auto& e : trace.events()) {
      if (const auto* r = std::get_if<AttemptRunning>(&e.body); r && r->task == id(key)) {
        ids.push_back(r->attempt);
        out.emplace_back(e.time, e.time);
      } else if (const auto* f = std::get_if<AttemptFinished>(&e.body)) {
        for (std::size_t i = 0; i < ids.size(); ++i) if (ids[i] == f->attempt) out[i].second = e.time;
      }
    }
    return out;
  }

  TempDir dir;
  std::vector<JobSpec> jobs;
  live::WallClockRuntime runtime;
  live::ProcessTaskRunner runner;
  Trace trace;
  Engine engine;
};

}  // namespace orchsim::testing
