// ScriptedRunner: a fake TaskRunner for engine tests. Each task key has a script of attempts
// (setup time, run time, result); an attempt becomes running after its setup and ends after its run
// time, both through the runtime (never from inside start()). A for_each iteration i looks up
// "key#i" first, then "key". Past the end of its script a task succeeds after 1 s. A script given
// with `by_call = true` is indexed by how often the key has started in any run (for tasks of child
// jobs that run again), not by attempt number. Records every start, kill and release.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/job.h"
#include "engine/runtime.h"
#include "engine/task_runner.h"

namespace orchsim::testing {

struct ScriptedAttempt {
  Duration run_time = Duration::seconds(1);
  AttemptResult result = AttemptResult::success();
  Duration setup = Duration::zero();
};

class ScriptedRunner final : public TaskRunner, public TimerTarget {
 public:
  ScriptedRunner(Runtime& runtime, const Dag& dag) : runtime_(runtime), dags_{&dag} {}
  ScriptedRunner(Runtime& runtime, const std::vector<JobSpec>& jobs) : runtime_(runtime) {
    for (const auto& j : jobs) dags_.push_back(&j.dag);
  }

  void script(const std::string& key, std::vector<ScriptedAttempt> attempts, bool by_call = false) {
    scripts_[key] = std::move(attempts);
    if (by_call) by_call_[key] = 0;
  }

  void start(const AttemptRequest& request, AttemptObserver& observer) override {
    std::string key(dags_[request.job.index()]->key(request.task));
    if (request.iteration) key += fmt::format("#{}", *request.iteration);
    const auto calls = by_call_.find(key);
    const std::uint32_t index = calls == by_call_.end() ? request.number : ++calls->second;
    const auto* script = find(key, std::string(dags_[request.job.index()]->key(request.task)));
    const ScriptedAttempt step = script != nullptr && index <= script->size() ? (*script)[index - 1] : ScriptedAttempt{};
    starts.push_back({key, request.number, runtime_.now(), request.compute});
    if (request.attempt.index() >= live_.size()) live_.resize(request.attempt.index() + 1);
    Live& a = live_[request.attempt.index()];
    a = {&observer, step.result, {}, {}, key, step.run_time};
    a.setup_timer = runtime_.schedule_after(step.setup, *this, request.attempt.value() * 2);
    ++in_flight;
    max_in_flight = std::max(max_in_flight, in_flight);
  }
  void kill(AttemptId attempt) override {
    Live& a = live_[attempt.index()];
    kills.push_back({a.key, runtime_.now()});
    runtime_.cancel(a.setup_timer);
    runtime_.cancel(a.end_timer);
    --in_flight;
  }
  void release(RunId, ComputeId compute) override { releases.push_back({compute, runtime_.now()}); }
  void on_timer(std::uint64_t payload) override {
    const auto attempt = AttemptId(static_cast<std::uint32_t>(payload / 2));
    Live& a = live_[attempt.index()];
    if (payload % 2 == 0) {
      a.setup_timer = {};
      a.end_timer = runtime_.schedule_after(a.run_time, *this, payload + 1);
      a.observer->attempt_running(attempt);
    } else {
      a.end_timer = {};
      --in_flight;
      a.observer->attempt_finished(attempt, a.result);
    }
  }

  struct Start {
    std::string key;
    std::uint32_t number;
    SimTime at;
    ComputeId compute;
  };
  struct Kill {
    std::string key;
    SimTime at;
  };
  struct Release {
    ComputeId compute;
    SimTime at;
  };
  std::vector<Start> starts;
  std::vector<Kill> kills;
  std::vector<Release> releases;
  int in_flight = 0;
  int max_in_flight = 0;

 private:
  struct Live {
    AttemptObserver* observer;
    AttemptResult result;
    TimerId setup_timer;
    TimerId end_timer;
    std::string key;
    Duration run_time;
  };
  const std::vector<ScriptedAttempt>* find(const std::string& key, const std::string& task_key) const {
    auto it = scripts_.find(key);
    if (it == scripts_.end()) it = scripts_.find(task_key);
    return it == scripts_.end() ? nullptr : &it->second;
  }

  Runtime& runtime_;
  std::vector<const Dag*> dags_;
  std::map<std::string, std::vector<ScriptedAttempt>> scripts_;
  std::map<std::string, std::uint32_t> by_call_;  // starts so far, for scripts indexed by call
  std::vector<Live> live_;
};

}  // namespace orchsim::testing
