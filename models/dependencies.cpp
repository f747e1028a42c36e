#include "models/dependencies.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace orchsim::models {

Dependencies::Dependencies(std::initializer_list<Dependency> list) {
  std::size_t chars = 0;
  for (const Dependency& d : list) chars += d.task.size();
  reserve(list.size(), chars);
  for (const Dependency& d : list) push_back(d);
}

Dependencies::Dependencies(const Dependencies& other) {
  if (other.empty()) return;
  reserve(other.size(), other.chars_used());
  for (const Dependency& d : other) push_back(d);
}

Dependencies& Dependencies::operator=(const Dependencies& other) {
  if (this != &other) *this = Dependencies(other);
  return *this;
}

Dependency Dependencies::operator[](std::size_t k) const {
  const std::uint32_t* e = entry(k);
  const std::size_t begin = k == 0 ? 0 : key_end(k - 1);
  return {std::string_view(chars() + begin, key_end(k) - begin),
          {static_cast<int>(e[kLine]), static_cast<int>(e[kColumn])},
          static_cast<EdgeGate>(e[kKeyEndAndGate] >> kGateShift)};
}

std::vector<std::string> Dependencies::names() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (const Dependency& d : *this) out.emplace_back(d.task);
  return out;
}

void Dependencies::reserve(std::size_t count, std::size_t chars) {
  if (count <= capacity() && chars <= char_capacity()) return;
  reallocate(std::max(count, capacity()), std::max(chars, char_capacity()));
}

void Dependencies::push_back(const Dependency& d) {
  const std::size_t n = size();
  const std::size_t used = chars_used();
  Block previous;  // keeps d.task readable when it is a key of this list
  if (n + 1 > capacity() || used + d.task.size() > char_capacity()) {
    // Doubling stops short of the limit, so that only a list past it throws.
    previous = reallocate(std::max(n + 1, 2 * capacity()),
                          std::max(used + d.task.size(), std::min(2 * char_capacity(), kMaxChars - 1)));
  }
  std::uint32_t* e = block_.get() + kHeaderWords + kEntryWords * n;
  char* keys = reinterpret_cast<char*>(block_.get() + kHeaderWords + kEntryWords * capacity());
  e[kLine] = static_cast<std::uint32_t>(d.where.line);
  e[kColumn] = static_cast<std::uint32_t>(d.where.column);
  e[kKeyEndAndGate] = static_cast<std::uint32_t>(used + d.task.size()) |
                      static_cast<std::uint32_t>(d.gate) << kGateShift;
  std::memcpy(keys + used, d.task.data(), d.task.size());
  block_.get()[kCount] = static_cast<std::uint32_t>(n + 1);
}

Dependencies::Block Dependencies::reallocate(std::size_t count, std::size_t chars) {
  if (count > UINT32_MAX || chars >= kMaxChars) {
    throw std::length_error("Dependencies: 2^32 dependencies or 16 MiB of keys");
  }
  const std::size_t words = kHeaderWords + kEntryWords * count + (chars + sizeof(std::uint32_t) - 1) / sizeof(std::uint32_t);
  Block block(static_cast<std::uint32_t*>(::operator new(words * sizeof(std::uint32_t))));
  const std::size_t n = size();
  const std::size_t used = chars_used();
  std::uint32_t* header = block.get();
  header[kCount] = static_cast<std::uint32_t>(n);
  header[kCapacity] = static_cast<std::uint32_t>(count);
  header[kCharCapacity] = static_cast<std::uint32_t>(chars);
  if (n > 0) {
    std::memcpy(block.get() + kHeaderWords, entry(0), kEntryWords * n * sizeof(std::uint32_t));
    std::memcpy(reinterpret_cast<char*>(block.get() + kHeaderWords + kEntryWords * count), this->chars(), used);
  }
  std::swap(block_, block);
  return block;
}

bool operator==(const Dependencies& a, const Dependencies& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace orchsim::models
