// ScriptedRunner: a fake TaskRunner for engine tests. Each task key has a script of attempts
// (run time, result); an attempt becomes running at once and ends after its run time through the
// runtime. Past the end of its script a task succeeds after 1 s. Records every start, kill and
// release so tests can assert on them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/dag.h"
#include "engine/runtime.h"
#include "engine/task_runner.h"

namespace orchsim::testing {

struct ScriptedAttempt {
  Duration run_time = Duration::seconds(1);
  AttemptResult result = AttemptResult::success();
};

class ScriptedRunner final : public TaskRunner, public TimerTarget {
 public:
  ScriptedRunner(Runtime& runtime, const Dag& dag) : runtime_(runtime), dag_(dag) {}

  void script(const std::string& key, std::vector<ScriptedAttempt> attempts) { scripts_[key] = std::move(attempts); }

  void start(const AttemptRequest& request, AttemptObserver& observer) override {
    const std::string& key = dag_.key(request.task);
    const auto& script = scripts_[key];
    const ScriptedAttempt step = request.number <= script.size() ? script[request.number - 1] : ScriptedAttempt{};
    starts.push_back({key, request.number, runtime_.now()});
    if (request.attempt.index() >= live_.size()) live_.resize(request.attempt.index() + 1);
    live_[request.attempt.index()] = {&observer, step.result, {}, key};
    live_[request.attempt.index()].timer = runtime_.schedule_after(step.run_time, *this, request.attempt.value());
    observer.attempt_running(request.attempt);
  }
  void kill(AttemptId attempt) override {
    kills.push_back({live_[attempt.index()].key, runtime_.now()});
    runtime_.cancel(live_[attempt.index()].timer);
  }
  void release(RunId, ComputeId compute) override { releases.push_back({compute, runtime_.now()}); }
  void on_timer(std::uint64_t payload) override {
    const auto& a = live_[payload];
    a.observer->attempt_finished(AttemptId(static_cast<std::uint32_t>(payload)), a.result);
  }

  struct Start {
    std::string key;
    std::uint32_t number;
    SimTime at;
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

 private:
  struct Live {
    AttemptObserver* observer;
    AttemptResult result;
    TimerId timer;
    std::string key;
  };

  Runtime& runtime_;
  const Dag& dag_;
  std::map<std::string, std::vector<ScriptedAttempt>> scripts_;
  std::vector<Live> live_;
};

}  // namespace orchsim::testing
