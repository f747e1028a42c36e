// NameList: names by index (a result's workload tasks, a strategy's computes), packed back to back
// in one buffer. A per-task layout has a name per task (1e5 and more); a std::string each would
// cost 32 B, and a heap block more past 15 characters ("t0000000_cluster" is 16). Plain data, no
// thread affinity.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace orchsim::models {

class NameList {
 public:
  // Room for `names` names of `chars` characters in all, so that filling it does not double it.
  void reserve(std::size_t names, std::size_t chars);
  void push_back(std::string_view name);

  std::string_view operator[](std::size_t i) const;
  std::size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }

 private:
  std::string chars_;                // every name, back to back
  std::vector<std::uint32_t> ends_;  // name i is chars_[ends_[i - 1], ends_[i]), name 0 from 0
};

}  // namespace orchsim::models
