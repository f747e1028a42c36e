#include "sim/validation/validation_session.h"

#include <variant>

#include "engine/check.h"
#include "engine/engine.h"
#include "sim/world/simulated_world.h"

namespace orchsim::sim {

namespace {

// Starts the scheduled runs and restarts failed ones. Restarts go through a timer at "now": the
// engine is never re-entered from inside one of its own events.
class Driver final : public TimerTarget, public EventSink {
 public:
  Driver(const SessionOptions& options, SessionResult& out)
      : options_(options), out_(out), restarts_left_(options.starts.size(), options.restarts) {}

  // The world's runtime and engine, once built (the world needs the driver as its event sink).
  void attach(Runtime& runtime, Engine& engine) {
    runtime_ = &runtime;
    engine_ = &engine;
  }

  void schedule_all() {
    for (std::uint32_t i = 0; i < options_.starts.size(); ++i) runtime_->schedule_at(options_.starts[i].at, *this, i);
  }

  void on_timer(std::uint64_t payload) override {
    const auto start = static_cast<std::uint32_t>(payload);
    const RunId run = engine_->start_run(options_.starts[start].job);
    if (run.index() >= start_of_run_.size()) start_of_run_.resize(run.index() + 1);
    start_of_run_[run.index()] = start;
  }

  void on_event(const EngineEvent& e) override {
    if (const auto* s = std::get_if<AttemptStarted>(&e.body)) {
      if (s->attempt.index() >= out_.attempts.size()) out_.attempts.resize(s->attempt.index() + 1);
      out_.attempts[s->attempt.index()] = {.job = engine_->run(s->run).job(), .task = s->task, .started = e.time};
    } else if (const auto* r = std::get_if<AttemptRunning>(&e.body)) {
      out_.attempts[r->attempt.index()].running = e.time;
    } else if (const auto* f = std::get_if<AttemptFinished>(&e.body)) {
      SessionAttempt& a = out_.attempts[f->attempt.index()];
      a.finished = e.time;
      a.succeeded = f->result.succeeded;
    } else if (const auto* done = std::get_if<RunFinished>(&e.body)) {
      const RunState& run = engine_->run(done->run);
      if (run.parent().valid()) return;
      const std::uint32_t start = start_of_run_[done->run.index()];
      out_.runs.push_back({.job = done->job, .start = start, .started = run.started(), .finished = e.time,
                           .result = done->result});
      if (done->result == JobResult::kFailed && restarts_left_[start] > 0) {
        --restarts_left_[start];
        runtime_->schedule_at(runtime_->now(), *this, start);
      }
    }
  }

 private:
  Runtime* runtime_ = nullptr;
  const SessionOptions& options_;
  SessionResult& out_;
  Engine* engine_ = nullptr;
  std::vector<std::uint32_t> restarts_left_;  // per start
  std::vector<std::uint32_t> start_of_run_;   // per RunId: which start it serves
};

}  // namespace

SessionResult run_session(const models::Deployment& deployment, const models::Workload& workload,
                          const models::WorldModel& world_model, const SessionOptions& options, std::uint64_t seed,
                          std::uint64_t replication) {
  SessionResult out;
  Driver driver(options, out);
  SimulatedWorld sim(deployment, workload, world_model, seed, replication, driver);
  driver.attach(sim.runtime, sim.engine);
  driver.schedule_all();
  sim.runtime.run();
  ORCHSIM_CHECK(sim.engine.idle(), "validation session ended with runs still open");
  sim.check_all_terminated();
  out.end = sim.runtime.now();
  out.cost_usd = sim.world.bill(sim.runtime.now()).total();
  return out;
}

}  // namespace orchsim::sim
