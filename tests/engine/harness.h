// Test helpers for engine tests: build jobs from (key, deps, spec) rows and run them on the
// simulated runtime with the ScriptedRunner, recording the trace.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "sim/kernel/simulated_runtime.h"
#include "tests/engine/scripted_runner.h"

namespace orchsim::testing {

struct TaskDef {
  std::string key;
  std::vector<std::string> deps = {};
  TaskSpec spec = {};
  std::vector<EdgeGate> gates = {};
  JobId child_job = {};              // a kRunJob task's job
  ComputeId compute = ComputeId(0);  // a kWork or kForEach task's
};

inline JobSpec job_of(std::vector<TaskDef> tasks, std::string name = "job") {
  std::vector<TaskDecl> decls;
  for (auto& t : tasks) {
    TaskDecl decl;
    decl.key = t.key;
    decl.depends_on = t.deps;
    decl.depends_outcome = t.gates;
    decls.push_back(std::move(decl));
  }
  Diagnostics d;
  auto dag = Dag::build(decls, d, name);
  REQUIRE(dag);
  JobSpec job{.name = std::move(name), .dag = std::move(*dag), .tasks = {}};
  for (auto& t : tasks) job.tasks.push_back(t.spec, {.compute = t.compute, .child_job = t.child_job});
  return job;
}

inline TaskSpec spec_with(RunIf rule) { return {.run_if = rule}; }

inline SimTime at(Duration d) { return SimTime::zero() + d; }

struct Harness {
  explicit Harness(std::vector<JobSpec> job_list, EngineOptions options = {})
      : jobs(std::move(job_list)), runner(runtime, jobs), engine(runtime, runner, trace, jobs, std::move(options)) {}
  explicit Harness(JobSpec job, EngineOptions options = {}) : Harness(one(std::move(job)), std::move(options)) {}

  std::vector<JobSpec> jobs;
  sim::SimulatedRuntime runtime;
  ScriptedRunner runner;
  Trace trace;
  Engine engine;

  RunId run_to_end(JobId job = JobId(0)) {
    const RunId id = engine.start_run(job);
    runtime.run();
    return id;
  }
  TaskId id(const std::string& key, JobId job = JobId(0)) const { return *jobs[job.index()].dag.find(key); }
  const TaskRunState& task(const std::string& key, RunId run = RunId(0)) const {
    return engine.run(run).task(id(key, engine.run(run).job()));
  }
  TaskResult result(const std::string& key, RunId run = RunId(0)) const { return task(key, run).result; }
  std::vector<SimTime> starts_of(const std::string& key) const {
    std::vector<SimTime> out;
    for (const auto& s : runner.starts) if (s.key == key) out.push_back(s.at);
    return out;
  }
  template <class E>
  std::vector<E> events() const {
    std::vector<E> out;
    for (const auto& e : trace.events()) if (const auto* p = std::get_if<E>(&e.body)) out.push_back(*p);
    return out;
  }
  // When `run` finished and how (its RunFinished event): what a released run_job child leaves.
  std::pair<SimTime, RunFinished> finish_of(RunId run) const {
    for (const auto& e : trace.events()) {
      if (const auto* f = std::get_if<RunFinished>(&e.body); f != nullptr && f->run == run) return {e.time, *f};
    }
    FAIL("run ", run.value(), " did not finish");
    return {};
  }

 private:
  static std::vector<JobSpec> one(JobSpec job) {
    std::vector<JobSpec> v;
    v.push_back(std::move(job));
    return v;
  }
};

inline const AttemptResult kFail = AttemptResult::failed(FailureKind::kTaskError);
inline const AttemptResult kOk = AttemptResult::success();

}  // namespace orchsim::testing
