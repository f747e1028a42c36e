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
                                  const models::Pricing& pricing, std::uint64_t seed,
                                  std::uint64_t replication, EventSink* observer) {
  SimulatedRuntime runtime;
  ClusterWorld world(runtime, deployment, pricing, Rng(seed, replication, "task_failures"));
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
    r.startup_time += *c.up - c.requested;
    const auto& shape = deployment.computes[c.compute.index()].shape;
    r.paid_core_seconds += shape.worker_cores() * (*c.terminated - *c.up).to_seconds();
  }
  return r;
}

}  // namespace orchsim::sim
