// AffineColumn: a write-once column of 32-bit values, one per index in order, kept in blocks of
// kBlock values where a block whose values step evenly (v = first + step × i: the same run for
// every attempt of one job run, a run per attempt under multi_job) keeps two numbers instead of
// its values. Other blocks keep their values. Used by the AttemptLog for its run and task columns
// (8 bytes an attempt otherwise, issue #15), on the replication's thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace orchsim::sim {

class AffineColumn {
 public:
  void push_back(std::uint32_t value) {
    open_.push_back(value);
    if (open_.size() == kBlock) close_block();
  }
  std::size_t size() const { return blocks_.size() * kBlock + open_.size(); }
  std::uint32_t operator[](std::size_t i) const {
    const std::size_t b = i / kBlock, at = i % kBlock;
    if (b == blocks_.size()) return open_[at];
    const Block& block = blocks_[b];
    if (block.kept == kAffine) return static_cast<std::uint32_t>(block.first + block.step * static_cast<std::int64_t>(at));
    return kept_[block.kept + at];
  }

 private:
  static constexpr std::size_t kBlock = 4096;
  static constexpr std::size_t kAffine = SIZE_MAX;  // Block::kept of a block that keeps no values
  struct Block {
    std::int64_t first, step;
    std::size_t kept;  // where its values start in kept_, or kAffine
  };

  void close_block() {
    const std::int64_t first = open_[0], step = std::int64_t{open_[1]} - first;
    bool affine = true;
    for (std::size_t i = 0; i < kBlock && affine; ++i) affine = std::int64_t{open_[i]} == first + step * static_cast<std::int64_t>(i);
    blocks_.push_back({first, step, affine ? kAffine : kept_.size()});
    if (!affine) kept_.insert(kept_.end(), open_.begin(), open_.end());
    open_.clear();  // keeps its capacity for the next block
  }

  std::deque<Block> blocks_;
  std::deque<std::uint32_t> kept_;  // the values of the blocks that are not affine, block after block
  std::vector<std::uint32_t> open_;  // the last block's values, until it is full
};

}  // namespace orchsim::sim
