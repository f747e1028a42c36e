#include "engine/retry.h"

#include <algorithm>

namespace orchsim {

bool is_retryable(const RetryPolicy& policy, FailureKind kind) {
  switch (kind) {
    case FailureKind::kPermanent:
    case FailureKind::kCanceled: return false;
    case FailureKind::kTimeout: return policy.retry_on_timeout;
    default: return true;
  }
}

std::optional<SimTime> next_attempt_time(const RetryPolicy& policy, const FailedAttempt& failed) {
  if (!is_retryable(policy, failed.kind)) return std::nullopt;
  if (policy.max_retries != RetryPolicy::kForever &&
      failed.number > static_cast<std::uint32_t>(std::max(policy.max_retries, 0))) {
    return std::nullopt;
  }
  return std::max(failed.ended, failed.started + policy.min_retry_interval);
}

}  // namespace orchsim
