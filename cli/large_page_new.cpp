// The executables' global operator new: blocks of 16 MiB and more (a large DAG's per-task state,
// the trace, the pending-event set, from some 250,000 tasks up) are placed on 2 MiB boundaries and
// advised to the kernel as transparent-huge-page candidates (madvise(MADV_HUGEPAGE); Debian's
// default THP mode is "madvise"). A run over a million tasks then takes far fewer page faults, and
// its scattered per-task visits stop missing the TLB on every touch (bench/RESULTS.md). Smaller
// blocks are left alone: a huge page makes a vector's whole reserved capacity resident, 2 MiB at
// a time, which cost a 100,000-task compare 28 MB of its 197 MB when the threshold was 2 MiB.
// Everything else goes to malloc unchanged, and every block is released with free(), which
// accepts both.
// Linked into the orchsim, orchsim_bench and orchsim_peer executables (not the tests). Left out
// under the sanitizers, which bring their own operator new.
#include "cli/sanitizer_build.h"

#ifndef ORCHSIM_SANITIZED

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kHugePageThreshold = std::size_t{16} << 20;

void* allocate(std::size_t size, std::size_t alignment) {
  if (size == 0) size = 1;
  void* block = nullptr;
  if (size >= kHugePageThreshold) {
    const std::size_t rounded = (size + kHugePage - 1) & ~(kHugePage - 1);
    block = std::aligned_alloc(kHugePage, rounded);
    // Advice only: where THP is off or the range cannot be backed, the block works as usual.
    if (block != nullptr) madvise(block, rounded, MADV_HUGEPAGE);
  } else if (alignment <= alignof(std::max_align_t)) {
    block = std::malloc(size);
  } else {
    block = std::aligned_alloc(alignment, (size + alignment - 1) & ~(alignment - 1));
  }
  if (block == nullptr) throw std::bad_alloc();
  return block;
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size, alignof(std::max_align_t)); }
void* operator new(std::size_t size, std::align_val_t alignment) {
  return allocate(size, static_cast<std::size_t>(alignment));
}
void operator delete(void* block) noexcept { std::free(block); }
void operator delete(void* block, std::size_t) noexcept { std::free(block); }
void operator delete(void* block, std::align_val_t) noexcept { std::free(block); }
void operator delete(void* block, std::size_t, std::align_val_t) noexcept { std::free(block); }

#endif
