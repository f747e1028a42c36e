// Dependencies: a workload task's upstream tasks, each with where it is written and its outcome
// gate, in one heap block per task. Three aligned vectors and a std::string per edge cost four or
// more heap blocks and 72 bytes of vector headers per task (issue #15); this costs one pointer and
// one block: 12 bytes, and 12 bytes and the key's characters a dependency. Read by index or by
// iteration as Dependency views, whose names stay valid until the container changes. Plain value
// type: copies are deep; not thread-safe to mutate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/dag.h"

namespace orchsim::models {

// Where a dependency is written: its line and column in the task's file (`where.file`).
struct LineColumn {
  int line = 0;  // 0: not located
  int column = 0;

  bool operator==(const LineColumn&) const = default;
};

struct Dependency {
  std::string_view task;  // the upstream task's key
  LineColumn where;       // not located ({0, 0}): the depending task's own location stands in
  EdgeGate gate = EdgeGate::kNone;  // kNone unless the upstream task is a condition

  bool operator==(const Dependency&) const = default;
};

class Dependencies {
 public:
  class Iterator {
   public:
    // A view per step (no reference into the block), so a C++17 input iterator, a C++20 forward one.
    using iterator_category = std::input_iterator_tag;
    using iterator_concept = std::forward_iterator_tag;
    using value_type = Dependency;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Dependency;

    Iterator() = default;
    Iterator(const Dependencies* list, std::size_t k) : list_(list), k_(k) {}
    Dependency operator*() const { return (*list_)[k_]; }
    Iterator& operator++() {
      ++k_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++k_;
      return before;
    }
    bool operator==(const Iterator& other) const { return k_ == other.k_; }

   private:
    const Dependencies* list_ = nullptr;
    std::size_t k_ = 0;
  };

  Dependencies() = default;
  Dependencies(std::initializer_list<Dependency> list);
  Dependencies(const Dependencies& other);
  Dependencies(Dependencies&&) noexcept = default;
  Dependencies& operator=(const Dependencies& other);
  Dependencies& operator=(Dependencies&&) noexcept = default;
  ~Dependencies() = default;

  std::size_t size() const { return block_ ? block_.get()[kCount] : 0; }
  bool empty() const { return size() == 0; }
  Dependency operator[](std::size_t k) const;
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, size()}; }
  // The upstream tasks' keys, in order.
  std::vector<std::string> names() const;

  // Room for `count` dependencies whose keys total `chars` characters, so that as many push_backs
  // allocate nothing; a reader that knows its list reserves it exactly.
  void reserve(std::size_t count, std::size_t chars);
  void push_back(const Dependency& dependency);
  void clear() { block_.reset(); }

  friend bool operator==(const Dependencies& a, const Dependencies& b);

 private:
  // The block, in 32-bit words: a header [count, capacity, character capacity], then `capacity`
  // entries [line, column, end of the key in the characters | gate << 24], then the keys'
  // characters back to back (key k runs from entry k-1's end to entry k's). A task's keys total
  // less than 16 MiB characters (kMaxChars): the gate takes the end's top byte.
  enum Header : std::size_t { kCount, kCapacity, kCharCapacity, kHeaderWords };
  enum Entry : std::size_t { kLine, kColumn, kKeyEndAndGate, kEntryWords };
  static constexpr std::size_t kGateShift = 24;
  static constexpr std::size_t kMaxChars = std::size_t{1} << kGateShift;

  std::size_t capacity() const { return block_ ? block_.get()[kCapacity] : 0; }
  std::size_t char_capacity() const { return block_ ? block_.get()[kCharCapacity] : 0; }
  const std::uint32_t* entry(std::size_t k) const { return block_.get() + kHeaderWords + kEntryWords * k; }
  // Where key k ends in the characters, one past its last.
  std::size_t key_end(std::size_t k) const { return entry(k)[kKeyEndAndGate] & (kMaxChars - 1); }
  std::size_t chars_used() const { return empty() ? 0 : key_end(size() - 1); }
  const char* chars() const { return reinterpret_cast<const char*>(entry(capacity())); }
  struct FreeBlock {
    void operator()(std::uint32_t* block) const { ::operator delete(block); }
  };
  using Block = std::unique_ptr<std::uint32_t, FreeBlock>;

  // Moves the contents to a block with room for `count` entries and `chars` characters; returns
  // the previous block (a key being pushed may point into it).
  Block reallocate(std::size_t count, std::size_t chars);

  // From plain operator new rather than new[], which heaptrack does not see in the orchsim
  // executable (whose operator new is cli/large_page_new.cpp's). Null when empty and never reserved.
  Block block_;
};

}  // namespace orchsim::models
