#include "engine/alerts.h"

namespace orchsim {

const char* to_string(AlertKind kind) {
  switch (kind) {
    case AlertKind::kStart: return "on_start";
    case AlertKind::kSuccess: return "on_success";
    case AlertKind::kFailure: return "on_failure";
    case AlertKind::kRetry: return "on_retry";
    case AlertKind::kDurationWarning: return "on_duration_warning";
  }
  return "?";
}

bool AlertGate::admit(const Alert& alert) {
  const bool dedup = policy_.dedup_window > Duration::zero();
  // job < 2^29 and task < 2^32 occupy disjoint bits above the 3 bits of the kind.
  const std::uint64_t key = (static_cast<std::uint64_t>(alert.job.value()) << 35) |
                            (static_cast<std::uint64_t>(alert.task.value()) << 3) |
                            static_cast<std::uint64_t>(alert.kind);
  if (dedup) {
    const auto it = last_.find(key);
    if (it != last_.end() && alert.time - it->second < policy_.dedup_window) {
      ++suppressed_;
      return false;
    }
  }
  if (policy_.max_per_window) {
    while (!window_.empty() && alert.time - window_.front() >= policy_.rate_window) window_.pop_front();
    if (window_.size() >= *policy_.max_per_window) {
      ++suppressed_;
      return false;
    }
    window_.push_back(alert.time);
  }
  if (dedup) last_[key] = alert.time;
  return true;
}

}  // namespace orchsim
