// parallel_for: the simulator's one thread pool. Runs task(i) for every i in [0, n) on up to
// `threads` threads, the calling thread being one of them: the experiment's replications ×
// strategies (sim/experiment/thread_pool_executor.cpp) and the validation ladder's replications
// (sim/validation/validation.cpp). Threads live for one call; nothing is shared between calls.
//
// Deterministic by contract, so that no output depends on the thread count:
//  - each task writes only its own result slot (parallel_map: slot i of the returned vector), and
//    the caller computes every statistic afterwards, in index order;
//  - indices are claimed in increasing order from one counter; each runs at most once, and every
//    index runs when no task throws;
//  - when tasks throw, no index above the lowest failing one is started any more, every index below
//    it runs to completion, all threads stop, and then that lowest index's exception is rethrown on
//    the calling thread: the error a sequential run would report, never std::terminate, never lost.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace orchsim::sim {

// `threads` 0: all hardware threads; never more threads than tasks. `progress`, if given, is called
// on the calling thread after each task that thread ran, with the count of tasks finished so far
// on any thread, and once more with (n, n) when every task succeeded.
void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t index)>& task,
                  const std::function<void(std::size_t done, std::size_t total)>& progress = {});

// f(i) for every i in [0, n), each result in slot i. T must be default-constructible.
template <class T, class F>
std::vector<T> parallel_map(std::size_t n, unsigned threads, F&& f) {
  std::vector<T> out(n);
  parallel_for(n, threads, [&](std::size_t i) { out[i] = f(i); });
  return out;
}

}  // namespace orchsim::sim
