#include "sim/experiment/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

namespace orchsim::sim {

void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t index)>& task,
                  const std::function<void(std::size_t done, std::size_t total)>& progress) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const auto workers = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1)));
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  // The lowest failing index so far: indices are claimed in order, so every index below it was
  // claimed before it and still runs, and the exception kept is that of the lowest failing index
  // whatever the interleaving.
  std::atomic<std::size_t> failed_at{n};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto work = [&](bool on_caller) {
    for (std::size_t i = next++; i < n && i < failed_at; i = next++) {
      try {
        task(i);
        const std::size_t finished = ++done;
        if (on_caller && progress) progress(finished, n);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (i < failed_at) {
          failed_at = i;
          failure = std::current_exception();
        }
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (unsigned w = 1; w < workers; ++w) {
    try {
      pool.emplace_back(work, false);
    } catch (const std::system_error&) {
      break;  // the system has no more threads to give: the ones started do the work, same results
    }
  }
  work(true);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  if (progress) progress(n, n);
}

}  // namespace orchsim::sim
