// The executables' operator new (cli/large_page_new.cpp): large blocks on huge-page boundaries,
// every alignment honoured, and every block released by the matching delete.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include "cli/sanitizer_build.h"

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
// The smallest block placed on huge pages (cli/large_page_new.cpp): 16 MiB.
constexpr std::size_t kHugeBlock = 8 * kHugePage;

bool aligned_to(const void* p, std::size_t alignment) { return reinterpret_cast<std::uintptr_t>(p) % alignment == 0; }

struct alignas(64) Line {
  unsigned char bytes[64];
};

}  // namespace

TEST_CASE("operator new: blocks of every size and alignment are usable and aligned") {
  for (const std::size_t size : {std::size_t{1}, std::size_t{100}, kHugePage, kHugeBlock - 1, kHugeBlock, kHugeBlock + 5}) {
    CAPTURE(size);
    auto block = std::make_unique<unsigned char[]>(size);
    CHECK(aligned_to(block.get(), alignof(std::max_align_t)));
    std::memset(block.get(), 5, size);
    CHECK(block[size - 1] == 5);
  }
  for (const std::size_t count : {std::size_t{3}, kHugePage / sizeof(Line) + 1}) {
    std::vector<Line> lines(count);
    CHECK(aligned_to(lines.data(), 64));
    std::memset(lines.back().bytes, 7, sizeof(Line));
    CHECK(lines.back().bytes[63] == 7);
  }
}

#ifndef ORCHSIM_SANITIZED
TEST_CASE("operator new: blocks of 16 MiB and more start on a huge-page boundary") {
  for (const std::size_t size : {kHugeBlock, kHugeBlock + kHugePage / 2}) {
    void* block = ::operator new(size);
    CHECK(aligned_to(block, kHugePage));
    ::operator delete(block);
  }
  std::vector<Line> lines(kHugeBlock / sizeof(Line));
  CHECK(aligned_to(lines.data(), kHugePage));
}
#endif
