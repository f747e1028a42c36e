// Engine memory: bytes of run state per task for a 1,000,000-task DAG (issue 3: < 200 bytes per
// task plus the DAG itself). Counted from the capacities of the Engine's and RunState's arrays
// (sizeof-based, exact and deterministic), sampled at the start of the run and at its end; the
// peak resident-set growth over the run (kernel's VmHWM) is reported beside it as a cross-check.
// The DAG and JobSpec are built outside the timed loop and excluded from both figures.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/engine.h"
#include "engine/rng.h"
#include "sim/kernel/simulated_runtime.h"

namespace {

using namespace orchsim;

// Every attempt runs 1 s and succeeds.
class OneSecondRunner final : public TaskRunner, public TimerTarget {
 public:
  explicit OneSecondRunner(Runtime& runtime) : runtime_(runtime) {}
  void start(const AttemptRequest& request, AttemptObserver& observer) override {
    observer_ = &observer;
    observer.attempt_running(request.attempt);
    runtime_.schedule_after(Duration::seconds(1), *this, request.attempt.value());
  }
  void kill(AttemptId) override {}
  void release(RunId, ComputeId) override {}
  void on_timer(std::uint64_t payload) override {
    observer_->attempt_finished(AttemptId(static_cast<std::uint32_t>(payload)), AttemptResult::success());
  }

 private:
  Runtime& runtime_;
  AttemptObserver* observer_ = nullptr;
};

// A layered random DAG: `width` tasks per layer, each depending on up to 2 tasks of the layer above.
JobSpec layered_job(std::size_t n, std::size_t width) {
  TaskKeys keys;
  std::vector<std::uint32_t> up_begin{0}, up;
  Rng rng(42);
  for (std::size_t i = 0; i < n; ++i) {
    keys.add(fmt::format("t{}", i));
    if (i >= width) {
      const std::size_t layer_start = (i / width - 1) * width;
      const auto a = static_cast<std::uint32_t>(layer_start + rng.below(width));
      const auto b = static_cast<std::uint32_t>(layer_start + rng.below(width));
      up.push_back(a);
      if (b != a) up.push_back(b);
    }
    up_begin.push_back(static_cast<std::uint32_t>(up.size()));
  }
  Diagnostics d;
  auto dag = Dag::from_edges(std::move(keys), up_begin, up, d);
  d.throw_if_any();
  JobSpec job{.name = "big", .dag = std::move(*dag), .tasks = {}};
  job.tasks.assign(n, TaskSpec{}, {.compute = ComputeId(0)});
  return job;
}

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

void BM_EngineRunStateBytesPerTask(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<JobSpec> jobs{layered_job(n, 1000)};
  double peak_bytes = 0;
  long rss_before = 0, rss_after = 0;
  for (auto _ : state) {
    sim::SimulatedRuntime runtime;
    OneSecondRunner runner(runtime);
    NullSink sink;
    rss_before = rss_kib();
    Engine engine(runtime, runner, sink, jobs);
    engine.start_run(JobId(0));
    peak_bytes = static_cast<double>(engine.memory_bytes());
    runtime.run();
    peak_bytes = std::max(peak_bytes, static_cast<double>(engine.memory_bytes()));
    rss_after = rss_kib();
    benchmark::DoNotOptimize(engine.run(RunId(0)).result());
  }
  state.counters["tasks"] = static_cast<double>(n);
  state.counters["bytes_per_task"] = peak_bytes / static_cast<double>(n);
  state.counters["rss_growth_per_task"] = static_cast<double>(rss_after - rss_before) * 1024.0 / static_cast<double>(n);
  state.counters["task_run_state_bytes"] = sizeof(TaskRunState);
}

BENCHMARK(BM_EngineRunStateBytesPerTask)->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
