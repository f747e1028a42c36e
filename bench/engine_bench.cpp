// Engine throughput (issue #6): the real Engine on SimulatedRuntime runs a layered random DAG of
// 1e3..1e6 tasks on 64 slots (SlotRunner), with per-attempt failure probability 0 or 0.1, 3 retries
// 5 s apart. Counters: task state transitions (engine events about tasks) and kernel events, per
// second of wall time, plus the simulated makespan. The DAG and job are built once per case,
// outside the timed loop; each iteration is one full run (engine, run state and kernel included).
#include <benchmark/benchmark.h>

#include <span>

#include "bench/slot_runner.h"
#include "bench/w2_workload.h"
#include "engine/check.h"
#include "engine/engine.h"
#include "sim/kernel/simulated_runtime.h"

namespace {

using namespace orchsim;

// Counts the engine's task state transitions (every event but run start/finish).
class TransitionCounter final : public EventSink {
 public:
  void on_event(const EngineEvent& e) override {
    if (!std::holds_alternative<RunStarted>(e.body) && !std::holds_alternative<RunFinished>(e.body)) ++count;
  }
  std::uint64_t count = 0;
};

void BM_Engine_LayeredDag(benchmark::State& state) {
  const auto tasks = static_cast<std::uint32_t>(state.range(0));
  const double p = static_cast<double>(state.range(1)) / 100.0;
  const bench::W2Workload workload = bench::generate_w2({.tasks = tasks, .failure_probability = p, .seed = 7});
  const JobSpec job = bench::w2_job(workload);
  std::uint64_t transitions = 0, events = 0;
  SimTime makespan;
  for (auto _ : state) {
    sim::SimulatedRuntime runtime;
    bench::SlotRunner runner(runtime, workload);
    TransitionCounter sink;
    Engine engine(runtime, runner, sink, std::span<const JobSpec>(&job, 1));
    runner.prefetch_for(engine);
    engine.start_run(JobId(0));
    runtime.run();
    ORCHSIM_CHECK(engine.idle());
    transitions += sink.count;
    events += runtime.events_processed();
    makespan = runtime.now();
  }
  state.counters["transitions/s"] = benchmark::Counter(static_cast<double>(transitions), benchmark::Counter::kIsRate);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["tasks/s"] =
      benchmark::Counter(static_cast<double>(tasks) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["makespan_s"] = makespan.since_start().to_seconds();
}

}  // namespace

BENCHMARK(BM_Engine_LayeredDag)
    ->ArgNames({"tasks", "fail_pct"})
    ->ArgsProduct({{1'000, 10'000, 100'000, 1'000'000}, {0, 10}})
    ->Unit(benchmark::kMillisecond);
