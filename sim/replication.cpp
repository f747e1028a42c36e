#include "sim/replication.h"

#include "engine/check.h"
#include "engine/engine.h"
#include "sim/cluster_world.h"
#include "sim/sim_task_runner.h"
#include "sim/simulated_runtime.h"

namespace orchsim::sim {

namespace {

// Counts attempts as the engine reports them and forwards to the caller's sink.
class CountingSink final : public EventSink {
 public:
  explicit CountingSink(EventSink* next) : next_(next) {}
  void on_event(const EngineEvent& e) override {
    if (std::holds_alternative<AttemptStarted>(e.body)) ++attempts;
    if (const auto* f = std::get_if<AttemptFinished>(&e.body); f && !f->result.succeeded) ++failed;
    if (next_ != nullptr) next_->on_event(e);
  }
  std::uint32_t attempts = 0;
  std::uint32_t failed = 0;

 private:
  EventSink* next_;
};

}  // namespace

ReplicationResult run_replication(const models::Deployment& deployment, const models::Workload& workload,
                                  const models::WorldModel& world_model, std::uint64_t seed,
                                  std::uint64_t replication, EventSink* observer, WorldTrace* world_trace) {
  SimulatedRuntime runtime;
  ClusterWorld world(runtime, deployment, world_model, seed, replication);
  SimTaskRunner runner(deployment, workload, world);
  CountingSink sink(observer);
  Engine engine(runtime, runner, sink, deployment.jobs);

  const RunId run = engine.start_run(deployment.entry);
  runtime.run();
  ORCHSIM_CHECK(engine.idle(), "simulation ended with runs still open");
  const RunState& entry = engine.run(run);

  ReplicationResult r;
  r.makespan = entry.finished() - entry.started();
  r.outcome = entry.result();
  r.cost = world.bill(runtime.now());
  r.attempts = sink.attempts;
  r.failed_attempts = sink.failed;
  r.busy_core_seconds = world.busy_core_seconds();
  for (const auto& c : world.instances()) {
    ORCHSIM_CHECK(c.terminated.has_value(), "cluster of compute {} never terminated", c.compute);
    ++r.cluster_starts;
    r.startup_time += c.up.value_or(*c.terminated) - c.requested;
    r.paid_core_seconds += c.worker_core_seconds;
  }
  for (const auto& f : world.faults()) {
    if (f.kind == models::FaultKind::kTaskError || f.kind == models::FaultKind::kPermanentError) continue;
    ++r.cluster_faults;
    r.attempts_hit += f.attempts_hit;
  }
  if (world_trace != nullptr) {
    world_trace->clusters = world.events();
    world_trace->faults = world.faults();
  }
  return r;
}

}  // namespace orchsim::sim
