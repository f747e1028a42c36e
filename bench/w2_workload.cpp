#include "bench/w2_workload.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "engine/error.h"
#include "engine/rng.h"

namespace orchsim::bench {

namespace {

constexpr std::int64_t kMinDurationUs = 1'000'000;
constexpr std::int64_t kMaxDurationUs = 60'000'000;

[[noreturn]] void fail(const std::string& path, int line, const std::string& message) {
  throw InputError({Diagnostic{SourceLocation{path, line, 0}, message}});
}

}  // namespace

W2Workload generate_w2(const W2Shape& shape) {
  Rng rng(shape.seed, 0, "w2");
  W2Workload w;
  const std::uint32_t n = shape.tasks;
  w.duration.reserve(n);
  w.fail_begin.reserve(n + 1);
  w.parent_begin.reserve(n + 1);
  w.parents.reserve(2 * std::size_t{n});
  w.fail_begin.push_back(0);
  w.parent_begin.push_back(0);
  const std::uint32_t width = (n + shape.layers - 1) / shape.layers;
  std::vector<std::uint32_t> picked;
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto d = kMinDurationUs + static_cast<std::int64_t>(rng.below(kMaxDurationUs - kMinDurationUs + 1));
    w.duration.push_back(Duration::micros(d));
    for (std::uint32_t k = 0; k <= w.max_retries && rng.bernoulli(shape.failure_probability); ++k) {
      w.fail_offset.push_back(Duration::micros(1 + static_cast<std::int64_t>(rng.below(d - 1))));
    }
    w.fail_begin.push_back(static_cast<std::uint32_t>(w.fail_offset.size()));
    const std::uint32_t layer = i / width;
    const std::uint32_t pos = i % width;
    if (layer > 0) {
      const std::uint32_t lo = pos > shape.window ? pos - shape.window : 0;
      const std::uint32_t hi = std::min(width - 1, pos + shape.window);
      const std::uint32_t want = std::min(1 + static_cast<std::uint32_t>(rng.below(3)), hi - lo + 1);
      picked.clear();
      while (picked.size() < want) {
        const auto p = (layer - 1) * width + lo + static_cast<std::uint32_t>(rng.below(hi - lo + 1));
        if (std::find(picked.begin(), picked.end(), p) == picked.end()) picked.push_back(p);
      }
      std::sort(picked.begin(), picked.end());
      w.parents.insert(w.parents.end(), picked.begin(), picked.end());
    }
    w.parent_begin.push_back(static_cast<std::uint32_t>(w.parents.size()));
  }
  return w;
}

W2Workload read_w2(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail(path, 0, "cannot open file");
  std::string line;
  int line_no = 0;
  auto next_line = [&](const char* what) -> std::istringstream {
    if (!std::getline(in, line)) fail(path, line_no + 1, fmt::format("unexpected end of file, expected {}", what));
    ++line_no;
    return std::istringstream(line);
  };
  {
    auto s = next_line("the 'w2 1' header");
    std::string magic;
    int version = 0;
    if (!(s >> magic >> version) || magic != "w2" || version != 1) fail(path, line_no, "expected 'w2 1'");
  }
  W2Workload w;
  std::uint32_t n = 0;
  {
    auto s = next_line("the parameters line");
    std::string k1, k2, k3, k4;
    std::int64_t delay_us = 0;
    if (!(s >> k1 >> n >> k2 >> w.slots >> k3 >> w.max_retries >> k4 >> delay_us) || k1 != "tasks" ||
        k2 != "slots" || k3 != "max_retries" || k4 != "retry_delay_us" || w.slots == 0 || delay_us < 0) {
      fail(path, line_no, "expected 'tasks T slots S max_retries R retry_delay_us D'");
    }
    w.retry_delay = Duration::micros(delay_us);
  }
  w.duration.reserve(n);
  w.fail_begin.reserve(n + 1);
  w.parent_begin.reserve(n + 1);
  w.fail_begin.push_back(0);
  w.parent_begin.push_back(0);
  for (std::uint32_t i = 0; i < n; ++i) {
    auto s = next_line("a task line");
    std::int64_t d = 0;
    std::uint32_t k = 0, m = 0;
    if (!(s >> d >> k) || d <= 0 || k > w.max_retries + 1) fail(path, line_no, "bad duration or failure count");
    w.duration.push_back(Duration::micros(d));
    for (std::uint32_t j = 0; j < k; ++j) {
      std::int64_t f = 0;
      if (!(s >> f) || f < 0 || f > d) fail(path, line_no, "fail offset must be in [0, duration]");
      w.fail_offset.push_back(Duration::micros(f));
    }
    w.fail_begin.push_back(static_cast<std::uint32_t>(w.fail_offset.size()));
    if (!(s >> m)) fail(path, line_no, "missing parent count");
    for (std::uint32_t j = 0; j < m; ++j) {
      std::uint32_t p = 0;
      if (!(s >> p) || p >= i) fail(path, line_no, "a parent must be an earlier task");
      w.parents.push_back(p);
    }
    w.parent_begin.push_back(static_cast<std::uint32_t>(w.parents.size()));
  }
  return w;
}

JobSpec w2_job(const W2Workload& workload) {
  const std::size_t n = workload.size();
  JobSpec job{.name = "w2"};
  TaskKeys keys;
  keys.reserve(n, 8 * n);
  for (std::uint32_t i = 0; i < n; ++i) {
    char key[16];
    keys.add({key, fmt::format_to_n(key, sizeof key, "t{}", i).out});
  }
  Diagnostics diagnostics;
  std::optional<Dag> dag =
      Dag::from_edges(std::move(keys), workload.parent_begin, workload.parents, diagnostics, "w2");
  diagnostics.throw_if_any();
  job.dag = std::move(*dag);
  job.tasks.assign(n,
                   TaskSpec{.retry = {.max_retries = workload.max_retries, .min_retry_interval = workload.retry_delay}},
                   {.compute = ComputeId(0)});
  return job;
}

}  // namespace orchsim::bench
