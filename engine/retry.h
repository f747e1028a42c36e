// RetryPolicy: whether and when a failed attempt is retried. Pure functions, used by the Engine.
// Databricks semantics (DOMAIN.md §1): `max_retries` (0 = never, -1 = forever); the next attempt
// starts no earlier than `min_retry_interval` after the START of the failed attempt, i.e.
// next_start = max(now, failed_attempt_start + interval); TIMEDOUT is retried only with
// `retry_on_timeout`; permanent and cancellation failures are never retried.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/task_runner.h"
#include "engine/time.h"

namespace orchsim {

struct RetryPolicy {
  static constexpr std::int32_t kForever = -1;
  std::int32_t max_retries = 0;
  Duration min_retry_interval = Duration::zero();
  bool retry_on_timeout = false;
};

// The attempt that just failed, as the policy sees it.
struct FailedAttempt {
  std::uint32_t number = 1;  // 1-based attempt number
  FailureKind kind = FailureKind::kTaskError;
  SimTime started;
  SimTime ended;
};

bool is_retryable(const RetryPolicy& policy, FailureKind kind);

// When the next attempt may start, or nullopt to give up. `ended` is "now".
std::optional<SimTime> next_attempt_time(const RetryPolicy& policy, const FailedAttempt& failed);

}  // namespace orchsim
