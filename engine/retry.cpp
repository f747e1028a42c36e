#include "engine/retry.h"

#include <algorithm>
#include <cmath>

namespace orchsim {

bool is_retryable(const RetryPolicy& policy, FailureKind kind) {
  switch (kind) {
    case FailureKind::kPermanent:
    case FailureKind::kGateFailed:  // rerunning the same code on the same input fails the same checks
    case FailureKind::kCanceled: return false;
    case FailureKind::kTimeout: return policy.retry_on_timeout;
    case FailureKind::kTaskError: return policy.retry_on.task_error;
    case FailureKind::kClusterLost:
    case FailureKind::kLaunchFailure:
    case FailureKind::kPreempted: return policy.retry_on.infrastructure;
  }
  return false;
}

Duration base_delay(const RetryPolicy& policy, std::uint32_t retry) {
  const std::uint32_t k = std::max<std::uint32_t>(retry, 1);
  const RetryShape& shape = *policy.shape;
  double micros = 0;
  if (!shape.delays.empty()) {
    micros = static_cast<double>(shape.delays[std::min<std::size_t>(k, shape.delays.size()) - 1].micros());
  } else {
    const double base = static_cast<double>(policy.min_retry_interval.micros());
    switch (policy.backoff) {
      case Backoff::kNone: micros = base; break;
      case Backoff::kLinear: micros = base * k; break;
      case Backoff::kExponential: micros = base * std::pow(shape.multiplier, static_cast<double>(k - 1)); break;
    }
  }
  // No interval stays none at any retry: 0 × pow(…) is NaN once the power overflows (after ~1000
  // retries of a retry-forever task; found by orchsim soak), and NaN survives std::clamp.
  if (std::isnan(micros)) micros = 0;
  // Clamp in double first: an exponential can overflow int64 long before any cap applies.
  const double cap = static_cast<double>(shape.max_delay ? shape.max_delay->micros() : Duration::max().micros());
  micros = std::clamp(micros, 0.0, cap);
  return Duration::micros(static_cast<std::int64_t>(std::llround(std::min(micros, 9.0e18))));
}

Duration retry_delay(const RetryPolicy& policy, std::uint32_t retry, Rng& rng) {
  const Duration capped = base_delay(policy, retry);
  const double d = static_cast<double>(capped.micros());
  switch (policy.jitter) {
    case Jitter::kNone: return capped;
    case Jitter::kFull: return Duration::micros(std::llround(rng.uniform(0.0, d)));
    case Jitter::kPlusMinus: {
      const RetryShape& shape = *policy.shape;
      const double f = std::clamp(shape.jitter_fraction, 0.0, 1.0);
      double j = d * rng.uniform(1.0 - f, 1.0 + f);
      if (shape.max_delay) j = std::min(j, static_cast<double>(shape.max_delay->micros()));
      return Duration::micros(std::llround(std::min(j, 9.0e18)));
    }
  }
  return capped;
}

std::optional<SimTime> next_attempt_time(const RetryPolicy& policy, const FailedAttempt& failed, Rng& rng) {
  if (!is_retryable(policy, failed.kind)) return std::nullopt;
  if (const auto limit = policy.max_attempts(); limit && failed.number >= *limit) return std::nullopt;
  if (failed.budget_left && *failed.budget_left == 0) return std::nullopt;
  const Duration delay = retry_delay(policy, failed.number, rng);
  if (policy.anchor == RetryAnchor::kAttemptEnd) return failed.ended + delay;
  return std::max(failed.ended, failed.started + delay);
}

const char* to_string(Backoff b) {
  switch (b) {
    case Backoff::kNone: return "none";
    case Backoff::kLinear: return "linear";
    case Backoff::kExponential: return "exponential";
  }
  return "?";
}

const char* to_string(Jitter j) {
  switch (j) {
    case Jitter::kNone: return "none";
    case Jitter::kFull: return "full";
    case Jitter::kPlusMinus: return "plus_minus";
  }
  return "?";
}


}  // namespace orchsim
