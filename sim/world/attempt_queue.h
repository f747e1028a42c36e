// AttemptQueue: the FIFO of attempts waiting on one cluster instance (ClusterInstance::waiting).
// A vector read from a moving head, compacted once half of it is consumed: unlike std::deque,
// which allocates a 512-byte block as soon as it is constructed, it costs no heap while empty,
// and a run with one job cluster per task keeps 1e5 instances (issue #15). Owned by the
// ClusterWorld, on the loop thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "engine/ids.h"

namespace orchsim::sim {

class AttemptQueue {
 public:
  using const_iterator = std::vector<AttemptId>::const_iterator;

  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }
  const_iterator begin() const { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
  const_iterator end() const { return items_.end(); }
  AttemptId front() const { return items_[head_]; }

  void push_back(AttemptId attempt) { items_.push_back(attempt); }
  void pop_front() {
    ++head_;
    if (head_ == items_.size()) {
      items_.clear();
      head_ = 0;
    } else if (2 * head_ >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  // Removes `attempt`, which must be queued; the others keep their order.
  void remove(AttemptId attempt) { items_.erase(std::find(begin(), end(), attempt)); }

 private:
  std::vector<AttemptId> items_;
  std::size_t head_ = 0;  // items_[0, head_) are consumed
};

}  // namespace orchsim::sim
