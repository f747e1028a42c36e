// orchsim's entry in bench/peers/compare.sh: the real Engine on SimulatedRuntime with SlotRunner.
//   orchsim_peer w2 FILE          the DAG workload from a gen_dag.py file
//   orchsim_peer w1 N HOLDS SEED  the hold model through SimulatedRuntime timers
// Prints one line of key=value pairs (the format every peer prints); run_s is the simulation
// alone, load_s the file read (read_s) and job build; *_rss_kib the process's peak RSS after loading
// and at the end. Exit code 2 on bad input.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <span>
#include <string>

#include <fmt/format.h>

#include "bench/slot_runner.h"
#include "bench/w2_workload.h"
#include "engine/check.h"
#include "engine/engine.h"
#include "engine/error.h"
#include "engine/rng.h"
#include "sim/kernel/simulated_runtime.h"

namespace {

using namespace orchsim;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}
double cpu_since(std::clock_t c0) { return static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC; }

// The process's peak resident set so far (VmHWM), in KiB; 0 where /proc is unavailable.
std::uint64_t peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtoull(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

// "12.345678": exact, from integer microseconds, as every peer prints it.
std::string fixed6(std::int64_t us) { return fmt::format("{}.{:06}", us / 1'000'000, us % 1'000'000); }

// Counts what the engine reports, as the peers count it: attempts, retries and task outcomes.
class CountingSink final : public EventSink {
 public:
  void on_event(const EngineEvent& e) override {
    ++events;
    if (std::holds_alternative<RetryScheduled>(e.body)) ++retries;
    if (const auto* f = std::get_if<TaskFinished>(&e.body)) {
      if (f->result == TaskResult::kSuccess) ++succeeded;
      else if (f->result == TaskResult::kFailed) ++failed;
    }
  }
  std::uint64_t events = 0, retries = 0, succeeded = 0, failed = 0;
};

int run_w2(const std::string& path) {
  const auto t0 = Clock::now();
  const bench::W2Workload workload = bench::read_w2(path);
  const double read_s = seconds_since(t0);
  const JobSpec job = bench::w2_job(workload);
  const double load_s = seconds_since(t0);
  const std::uint64_t load_peak_kib = peak_rss_kib();

  const auto t1 = Clock::now();
  const std::clock_t c1 = std::clock();
  sim::SimulatedRuntime runtime;
  bench::SlotRunner runner(runtime, workload);
  CountingSink sink;
  Engine engine(runtime, runner, sink, std::span<const JobSpec>(&job, 1));
  runner.prefetch_for(engine);
  const RunId run = engine.start_run(JobId(0));
  runtime.run();
  const double run_s = seconds_since(t1);
  const double cpu_s = cpu_since(c1);
  ORCHSIM_CHECK(engine.idle());
  const RunState& state = engine.run(run);
  // Workload events, counted alike by every peer: attempt ends plus retry wake-ups.
  const std::uint64_t events = runner.attempts_started() + sink.retries;
  fmt::print("impl=orchsim workload=w2 tasks={} makespan={} attempts={} succeeded={} failed={} events={} "
             "kernel_events={} read_s={:.6f} load_s={:.6f} run_s={:.6f} cpu_s={:.6f} load_peak_rss_kib={} peak_rss_kib={}\n",
             workload.size(), fixed6((state.finished() - state.started()).micros()), runner.attempts_started(),
             sink.succeeded, sink.failed, events, runtime.events_processed(), read_s, load_s, run_s, cpu_s, load_peak_kib,
             peak_rss_kib());
  return 0;
}

// N timers; each firing reschedules itself Exp(1) s later until HOLDS holds have been done.
class Holder final : public TimerTarget {
 public:
  Holder(Runtime& runtime, std::uint64_t holds, std::uint64_t seed)
      : runtime_(runtime), holds_(holds), rng_(seed, 0, "hold") {}
  void schedule(std::uint64_t id) {
    runtime_.schedule_after(Duration::from_seconds(rng_.exponential(1.0)), *this, id);
  }
  void on_timer(std::uint64_t id) override {
    if (done_ < holds_) {
      ++done_;
      schedule(id);
    }
  }
  std::uint64_t done() const { return done_; }

 private:
  Runtime& runtime_;
  std::uint64_t holds_;
  std::uint64_t done_ = 0;
  Rng rng_;
};

int run_w1(std::uint64_t n, std::uint64_t holds, std::uint64_t seed) {
  const auto t0 = Clock::now();
  const std::clock_t c0 = std::clock();
  sim::SimulatedRuntime runtime;
  Holder holder(runtime, holds, seed);
  for (std::uint64_t i = 0; i < n; ++i) holder.schedule(i);
  runtime.run();
  const double run_s = seconds_since(t0);
  const double cpu_s = cpu_since(c0);
  fmt::print("impl=orchsim workload=w1 pending={} holds={} events={} end_time={} run_s={:.6f} cpu_s={:.6f}\n", n,
             holder.done(), runtime.events_processed(), fixed6(runtime.now().micros()), run_s, cpu_s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "w2" && argc == 3) return run_w2(argv[2]);
    if (mode == "w1" && argc == 5) {
      return run_w1(std::strtoull(argv[2], nullptr, 10), std::strtoull(argv[3], nullptr, 10),
                    std::strtoull(argv[4], nullptr, 10));
    }
    std::fprintf(stderr, "usage: orchsim_peer w2 FILE | orchsim_peer w1 N HOLDS SEED\n");
    return 2;
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    return 2;
  }
}
