// InternedList<T>: a value by index (a strategy's computes) where most values repeat, as under a
// per-task layout, where 1e5 computes bill alike and mostly share a size: each distinct value is
// stored once, in the order first seen, and each index holds 4 bytes. Plain data, no thread
// affinity.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "engine/check.h"

namespace orchsim::sim {

template <class T>
class InternedList {
 public:
  InternedList() = default;

  // Items 0 … n − 1, item i being value_of(i); T needs operator<. The lookup by value lives only
  // while the list is made.
  template <class ValueOf>
  static InternedList of(std::size_t n, ValueOf value_of) {
    ORCHSIM_CHECK(n <= std::numeric_limits<std::uint32_t>::max());
    InternedList out;
    out.index_.reserve(n);
    std::map<T, std::uint32_t> seen;
    for (std::size_t i = 0; i < n; ++i) {
      T value = value_of(i);
      auto it = seen.find(value);
      if (it == seen.end()) {
        it = seen.emplace(value, static_cast<std::uint32_t>(out.values_.size())).first;
        out.values_.push_back(std::move(value));
      }
      out.index_.push_back(it->second);
    }
    return out;
  }

  const T& operator[](std::size_t i) const { return values_[index_[i]]; }
  std::size_t size() const { return index_.size(); }
  bool empty() const { return index_.empty(); }

  // The distinct values, in the order first seen: value k's first item comes before value k + 1's.
  std::span<const T> values() const { return values_; }
  // Which of values() item i is.
  std::uint32_t value_index(std::size_t i) const { return index_[i]; }

 private:
  std::vector<T> values_;
  std::vector<std::uint32_t> index_;  // by item, into values_
};

}  // namespace orchsim::sim
