// The SimGrid S4U peer of bench/peers/compare.sh, written the way S4U is meant to be used: one actor
// per ready task, the S slots as one s4u::Semaphore (FIFO), attempts and retry waits as sleeps.
//   simgrid_peer w2 FILE          (file format: bench/w2_workload.h)
//   simgrid_peer w1 N HOLDS SEED  (N actors each sleeping Exp(1) until HOLDS sleeps are done)
// W2 times are integer microseconds carried in SimGrid's double clock (exact below 2^53), so the
// makespan matches the integer peers digit for digit. Semantics: bare_loop_peer.cpp's header.
#include <simgrid/s4u.hpp>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

namespace sg4 = simgrid::s4u;

namespace {

using Clock = std::chrono::steady_clock;

struct Workload {
  std::uint32_t slots = 0, max_retries = 0;
  double delay = 0;
  std::vector<double> duration;
  std::vector<std::uint32_t> fail_begin{0};
  std::vector<double> fail;
  std::vector<std::uint32_t> child_begin, children, pending;
  std::vector<std::uint8_t> upstream_bad;
};

Workload w;
sg4::SemaphorePtr slots;
sg4::Host* host = nullptr;
double last_settle = 0;
std::uint64_t started = 0, retries = 0, succeeded = 0, failed = 0;

void task_actor(std::uint32_t t);

void settle(std::uint32_t task, bool ok) {
  std::vector<std::pair<std::uint32_t, bool>> stack{{task, ok}};
  while (!stack.empty()) {
    const auto [t, good] = stack.back();
    stack.pop_back();
    last_settle = sg4::Engine::get_clock();
    for (std::uint32_t i = w.child_begin[t]; i < w.child_begin[t + 1]; ++i) {
      const std::uint32_t c = w.children[i];
      if (!good) w.upstream_bad[c] = 1;
      if (--w.pending[c] > 0) continue;
      if (w.upstream_bad[c]) stack.emplace_back(c, false);
      else sg4::Actor::create("task", host, task_actor, c);
    }
  }
}

void task_actor(std::uint32_t t) {
  const std::uint32_t failing = w.fail_begin[t + 1] - w.fail_begin[t];
  for (std::uint32_t attempt = 1;; ++attempt) {
    const double dispatched = sg4::Engine::get_clock();
    slots->acquire();
    ++started;
    const bool fails = attempt <= failing;
    sg4::this_actor::sleep_for(fails ? w.fail[w.fail_begin[t] + attempt - 1] : w.duration[t]);
    slots->release();
    if (!fails) {
      ++succeeded;
      settle(t, true);
      return;
    }
    if (attempt > w.max_retries) {
      ++failed;
      settle(t, false);
      return;
    }
    ++retries;
    sg4::this_actor::sleep_for(std::max(0.0, dispatched + w.delay - sg4::Engine::get_clock()));
  }
}

bool read(const char* path) {
  std::ifstream in(path);
  std::string word;
  int version = 0;
  std::uint32_t n = 0;
  if (!(in >> word >> version) || word != "w2" || version != 1) return false;
  in >> word >> n >> word >> w.slots >> word >> w.max_retries >> word >> w.delay;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  w.pending.assign(n, 0);
  w.upstream_bad.assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::int64_t dur = 0;
    std::uint32_t k = 0, m = 0;
    in >> dur >> k;
    w.duration.push_back(static_cast<double>(dur));
    for (std::uint32_t j = 0; j < k; ++j) {
      std::int64_t f = 0;
      in >> f;
      w.fail.push_back(static_cast<double>(f));
    }
    w.fail_begin.push_back(static_cast<std::uint32_t>(w.fail.size()));
    in >> m;
    for (std::uint32_t j = 0; j < m; ++j) {
      std::uint32_t p = 0;
      in >> p;
      edges.emplace_back(p, i);
    }
    w.pending[i] = m;
  }
  w.child_begin.assign(n + 1, 0);
  for (auto [p, c] : edges) ++w.child_begin[p + 1];
  for (std::uint32_t i = 0; i < n; ++i) w.child_begin[i + 1] += w.child_begin[i];
  w.children.resize(edges.size());
  std::vector<std::uint32_t> fill(w.child_begin.begin(), w.child_begin.end() - 1);
  for (auto [p, c] : edges) w.children[fill[p]++] = c;
  return static_cast<bool>(in);
}

std::uint64_t holds_left = 0, holds_done = 0, rng_state = 0;

double exp1() {
  std::uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);  // splitmix64
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return -std::log(1.0 - static_cast<double>(z >> 11) * 0x1.0p-53);
}

void holder_actor() {
  sg4::this_actor::sleep_for(exp1());
  while (holds_left > 0) {
    --holds_left;
    ++holds_done;
    sg4::this_actor::sleep_for(exp1());
  }
}

}  // namespace

int main(int argc, char** argv) {
  sg4::Engine engine(&argc, argv);  // consumes --cfg=... options
  const std::string mode = argc > 1 ? argv[1] : "";
  auto* zone = sg4::create_full_zone("zone");
  host = zone->create_host("host", 1e9);
  zone->seal();
  const auto t0 = Clock::now();
  const std::clock_t c0 = std::clock();
  if (mode == "w2" && argc == 3) {
    if (!read(argv[2])) {
      std::fprintf(stderr, "%s: malformed w2 file\n", argv[2]);
      return 2;
    }
    const auto t1 = Clock::now();
    const std::clock_t c1 = std::clock();
    slots = sg4::Semaphore::create(w.slots);
    for (std::uint32_t t = 0; t < w.duration.size(); ++t) {
      if (w.pending[t] == 0) sg4::Actor::create("task", host, task_actor, t);
    }
    engine.run();
    const double run_s = std::chrono::duration<double>(Clock::now() - t1).count();
    const auto us = static_cast<std::int64_t>(last_settle);
    std::printf("impl=simgrid workload=w2 tasks=%zu makespan=%" PRId64 ".%06" PRId64 " attempts=%" PRIu64
                " succeeded=%" PRIu64 " failed=%" PRIu64 " events=%" PRIu64 " run_s=%.6f cpu_s=%.6f\n",
                w.duration.size(), us / 1'000'000, us % 1'000'000, started, succeeded, failed, started + retries,
                run_s, static_cast<double>(std::clock() - c1) / CLOCKS_PER_SEC);
    return 0;
  }
  if (mode == "w1" && argc == 5) {
    const std::uint64_t n = std::strtoull(argv[2], nullptr, 10);
    holds_left = std::strtoull(argv[3], nullptr, 10);
    rng_state = std::strtoull(argv[4], nullptr, 10) * 0x9E3779B97F4A7C15ULL + 1;
    for (std::uint64_t i = 0; i < n; ++i) sg4::Actor::create("holder", host, holder_actor);
    engine.run();
    const double run_s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("impl=simgrid workload=w1 pending=%" PRIu64 " holds=%" PRIu64 " events=%" PRIu64
                " end_time=%.6f run_s=%.6f cpu_s=%.6f\n",
                n, holds_done, holds_done + n, sg4::Engine::get_clock(), run_s,
                static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    return 0;
  }
  std::fprintf(stderr, "usage: simgrid_peer w2 FILE | simgrid_peer w1 N HOLDS SEED\n");
  return 2;
}
