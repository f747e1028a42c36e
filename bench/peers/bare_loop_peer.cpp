// The bare hand-written C++ loop of bench/peers/compare.sh: the same two workloads with nothing but
// the standard library (a std::priority_queue of timed events, flat arrays, a deque of waiting
// attempts). It is the floor orchsim is measured against; it knows only this one algorithm.
//   bare_loop_peer w2 FILE          (file format: bench/w2_workload.h)
//   bare_loop_peer w1 N HOLDS SEED
// W2 semantics, as orchsim's engine and SlotRunner implement them: an attempt takes a free slot or
// waits FIFO; when it ends its slot goes to the head of the queue first; a success makes its
// children whose parents are all done ready (in id order), a final failure skips its descendants;
// a failed attempt is retried at max(now, its dispatch time + delay) (Databricks semantics).
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <fstream>
#include <functional>
#include <queue>
#include <string>
#include <tuple>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
double cpu_since(std::clock_t c0) { return static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC; }

struct Dag {
  std::uint32_t slots = 0, max_retries = 0;
  std::int64_t delay = 0;
  std::vector<std::int64_t> duration;
  std::vector<std::uint32_t> fail_begin{0};
  std::vector<std::int64_t> fail;
  std::vector<std::uint32_t> child_begin;
  std::vector<std::uint32_t> children;
  std::vector<std::uint32_t> parents_count;
};

Dag read(const char* path) {
  std::ifstream in(path);
  std::string word;
  int version = 0;
  std::uint32_t n = 0;
  Dag d;
  if (!(in >> word >> version) || word != "w2" || version != 1) {
    std::fprintf(stderr, "%s: not a w2 file\n", path);
    std::exit(2);
  }
  in >> word >> n >> word >> d.slots >> word >> d.max_retries >> word >> d.delay;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // (parent, child)
  d.parents_count.assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::int64_t dur = 0;
    std::uint32_t k = 0, m = 0;
    in >> dur >> k;
    d.duration.push_back(dur);
    for (std::uint32_t j = 0; j < k; ++j) {
      std::int64_t f = 0;
      in >> f;
      d.fail.push_back(f);
    }
    d.fail_begin.push_back(static_cast<std::uint32_t>(d.fail.size()));
    in >> m;
    for (std::uint32_t j = 0; j < m; ++j) {
      std::uint32_t p = 0;
      in >> p;
      edges.emplace_back(p, i);
    }
    d.parents_count[i] = m;
  }
  if (!in) {
    std::fprintf(stderr, "%s: malformed\n", path);
    std::exit(2);
  }
  d.child_begin.assign(n + 1, 0);
  for (auto [p, c] : edges) ++d.child_begin[p + 1];
  for (std::uint32_t i = 0; i < n; ++i) d.child_begin[i + 1] += d.child_begin[i];
  d.children.resize(edges.size());
  std::vector<std::uint32_t> fill(d.child_begin.begin(), d.child_begin.end() - 1);
  for (auto [p, c] : edges) d.children[fill[p]++] = c;  // children in id order: edges come by child
  return d;
}

int run_w2(const char* path) {
  const Dag d = read(path);
  const auto t0 = Clock::now();
  const std::clock_t c0 = std::clock();
  const std::uint32_t n = static_cast<std::uint32_t>(d.duration.size());
  enum Kind : std::uint8_t { kEnd, kRetry };
  using Event = std::tuple<std::int64_t, std::uint64_t, Kind, std::uint32_t>;  // time, seq, kind, task
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::uint64_t seq = 0;
  std::vector<std::uint32_t> pending(d.parents_count), attempts(n, 0);
  std::vector<std::int64_t> dispatched(n, 0);
  std::vector<std::uint8_t> upstream_bad(n, 0);
  std::deque<std::uint32_t> waiting;
  std::uint32_t free_slots = d.slots;
  std::int64_t now = 0, last_settle = 0;
  std::uint64_t started = 0, retries = 0, succeeded = 0, failed = 0, processed = 0;
  std::vector<std::pair<std::uint32_t, bool>> settle_stack;

  auto fails = [&](std::uint32_t t) { return attempts[t] <= d.fail_begin[t + 1] - d.fail_begin[t]; };
  auto begin_attempt = [&](std::uint32_t t) {
    const std::int64_t len = fails(t) ? d.fail[d.fail_begin[t] + attempts[t] - 1] : d.duration[t];
    events.emplace(now + len, seq++, kEnd, t);
    ++started;
  };
  auto dispatch = [&](std::uint32_t t) {
    ++attempts[t];
    dispatched[t] = now;
    if (free_slots > 0) {
      --free_slots;
      begin_attempt(t);
    } else {
      waiting.push_back(t);
    }
  };
  auto settle = [&](std::uint32_t task, bool ok) {
    settle_stack.emplace_back(task, ok);
    while (!settle_stack.empty()) {
      const auto [t, good] = settle_stack.back();
      settle_stack.pop_back();
      last_settle = now;
      for (std::uint32_t i = d.child_begin[t]; i < d.child_begin[t + 1]; ++i) {
        const std::uint32_t c = d.children[i];
        if (!good) upstream_bad[c] = 1;
        if (--pending[c] > 0) continue;
        if (upstream_bad[c]) settle_stack.emplace_back(c, false);
        else dispatch(c);
      }
    }
  };

  for (std::uint32_t t = 0; t < n; ++t) {
    if (d.parents_count[t] == 0) dispatch(t);
  }
  while (!events.empty()) {
    const auto [time, s, kind, t] = events.top();
    events.pop();
    now = time;
    ++processed;
    if (kind == kRetry) {
      dispatch(t);
      continue;
    }
    if (waiting.empty()) {
      ++free_slots;
    } else {
      begin_attempt(waiting.front());
      waiting.pop_front();
    }
    if (!fails(t)) {
      ++succeeded;
      settle(t, true);
    } else if (attempts[t] <= d.max_retries) {
      ++retries;
      events.emplace(std::max(now, dispatched[t] + d.delay), seq++, kRetry, t);
    } else {
      ++failed;
      settle(t, false);
    }
  }
  const double run_s = seconds_since(t0);
  const double cpu_s = cpu_since(c0);
  std::printf("impl=bare workload=w2 tasks=%u makespan=%" PRId64 ".%06" PRId64 " attempts=%" PRIu64
              " succeeded=%" PRIu64 " failed=%" PRIu64 " events=%" PRIu64 " run_s=%.6f cpu_s=%.6f\n",
              n, last_settle / 1'000'000, last_settle % 1'000'000, started, succeeded, failed, processed, run_s,
              cpu_s);
  return 0;
}

int run_w1(std::uint64_t n, std::uint64_t holds, std::uint64_t seed) {
  const auto t0 = Clock::now();
  const std::clock_t c0 = std::clock();
  std::uint64_t s = seed * 0x9E3779B97F4A7C15ULL + 1;  // splitmix64
  auto next = [&s] {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  auto exp_us = [&] {
    const double u = static_cast<double>(next() >> 11) * 0x1.0p-53;
    return static_cast<std::int64_t>(std::llround(-std::log(1.0 - u) * 1e6));
  };
  using Event = std::pair<std::int64_t, std::uint64_t>;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> q;
  for (std::uint64_t i = 0; i < n; ++i) q.emplace(exp_us(), i);
  std::uint64_t done = 0, processed = 0;
  std::int64_t now = 0;
  while (!q.empty()) {
    const Event e = q.top();
    q.pop();
    now = e.first;
    ++processed;
    if (done < holds) {
      ++done;
      q.emplace(now + exp_us(), e.second);
    }
  }
  const double run_s = seconds_since(t0);
  const double cpu_s = cpu_since(c0);
  std::printf("impl=bare workload=w1 pending=%" PRIu64 " holds=%" PRIu64 " events=%" PRIu64
              " end_time=%" PRId64 ".%06" PRId64 " run_s=%.6f cpu_s=%.6f\n",
              n, done, processed, now / 1'000'000, now % 1'000'000, run_s, cpu_s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "w2" && argc == 3) return run_w2(argv[2]);
  if (mode == "w1" && argc == 5) {
    return run_w1(std::strtoull(argv[2], nullptr, 10), std::strtoull(argv[3], nullptr, 10),
                  std::strtoull(argv[4], nullptr, 10));
  }
  std::fprintf(stderr, "usage: bare_loop_peer w2 FILE | bare_loop_peer w1 N HOLDS SEED\n");
  return 2;
}
