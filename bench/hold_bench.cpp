// Hold model on the pending-event set (issue #6): N events pending; each hold pops the earliest and
// pushes it back at t + Exp(1) s, drawn from orchsim's Rng. The same loop runs on sim::EventQueue
// (FIFO ties, cancellation by id) and on two std::priority_queue baselines, so that the
// ratios come from one run of one binary: the bare one carries only (time, 8-byte payload); the
// "naive kernel" one carries what EventQueue delivers (time, sequence for FIFO ties, target,
// payload) inline, without cancellation. Setup (filling the queue) is outside the timed loop.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

#include "engine/rng.h"
#include "sim/kernel/event_queue.h"

namespace {

using namespace orchsim;

struct NoTarget final : TimerTarget {
  void on_timer(std::uint64_t) override {}
};

std::int64_t exp_micros(Rng& rng) { return Duration::from_seconds(rng.exponential(1.0)).micros(); }

void BM_Hold_EventQueue(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Rng rng(42, 0, "hold");
  NoTarget target;
  sim::EventQueue q;
  q.reserve(n);
  for (std::size_t i = 0; i < n; ++i) q.push(SimTime::from_micros(exp_micros(rng)), target, i);
  for (auto _ : state) {
    const auto e = q.pop();
    q.push(e->time + Duration::micros(exp_micros(rng)), *e->target, e->payload);
  }
  benchmark::DoNotOptimize(q.size());
  state.SetItemsProcessed(state.iterations());
  state.counters["pending"] = static_cast<double>(n);
}

void BM_Hold_StdPriorityQueue(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Rng rng(42, 0, "hold");
  using Entry = std::pair<std::int64_t, std::uint64_t>;  // (time µs, payload)
  std::vector<Entry> storage;
  storage.reserve(n);
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> q(std::greater<>{}, std::move(storage));
  for (std::size_t i = 0; i < n; ++i) q.emplace(exp_micros(rng), i);
  for (auto _ : state) {
    const Entry e = q.top();
    q.pop();
    q.emplace(e.first + exp_micros(rng), e.second);
  }
  benchmark::DoNotOptimize(q.size());
  state.SetItemsProcessed(state.iterations());
  state.counters["pending"] = static_cast<double>(n);
}

void BM_Hold_StdPriorityQueueNaiveKernel(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Rng rng(42, 0, "hold");
  NoTarget target;
  struct Event {
    std::int64_t time;
    std::uint64_t seq;
    TimerTarget* target;
    std::uint64_t payload;
    bool operator>(const Event& o) const { return time != o.time ? time > o.time : seq > o.seq; }
  };
  std::priority_queue<Event, std::vector<Event>, std::greater<>> q;
  std::uint64_t seq = 0;
  for (std::size_t i = 0; i < n; ++i) q.push({exp_micros(rng), seq++, &target, i});
  for (auto _ : state) {
    const Event e = q.top();
    q.pop();
    q.push({e.time + exp_micros(rng), seq++, e.target, e.payload});
  }
  benchmark::DoNotOptimize(q.size());
  state.SetItemsProcessed(state.iterations());
  state.counters["pending"] = static_cast<double>(n);
}

}  // namespace

BENCHMARK(BM_Hold_EventQueue)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_Hold_StdPriorityQueue)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_Hold_StdPriorityQueueNaiveKernel)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
