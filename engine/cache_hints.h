// Cache hints: the one place that names the compiler's prefetch builtin. The engine's per-task
// state, the DAG's offsets and the task settings of a large run are touched again a whole DAG
// layer after their last visit, by then long out of cache; fetching them a little ahead (when the
// attempt is near the head of the runner's queue, or while it runs) took, with the huge-page
// allocator, 1e6 tasks at p = 0.1 from 828 to 309 ms (bench/RESULTS.md, "huge pages and cache
// hints"). A hint has no semantics: it never faults, so the address need not be valid, and code
// that drops one is still correct, only slower. Used by engine/ (RunState, Dag, TaskSpecs,
// Engine), the benchmarks' slot runner and the simulator's event queue. No thread affinity.
#pragma once

namespace orchsim {

// Names for __builtin_prefetch's constant arguments (GCC manual, "Other Built-in Functions").
enum class PrefetchFor : int { kRead = 0, kWrite = 1 };
inline constexpr int kKeepInAllCacheLevels = 3;  // locality: the line is wanted again soon

// The line holding `p` will be read soon.
[[gnu::always_inline]] inline void prefetch_for_read(const void* p) {
  __builtin_prefetch(p, static_cast<int>(PrefetchFor::kRead), kKeepInAllCacheLevels);
}

// The line holding `p` will be written soon (fetched in a state that allows the store).
[[gnu::always_inline]] inline void prefetch_for_write(const void* p) {
  __builtin_prefetch(p, static_cast<int>(PrefetchFor::kWrite), kKeepInAllCacheLevels);
}

}  // namespace orchsim
