// RetryPolicy: whether and when a failed attempt is retried. Pure functions, used by the Engine and
// tested by table (tests/engine/retry_test.cpp). No thread affinity.
//
// Databricks mode (the defaults) is exact (docs/model.md §6): `max_retries` (0 = never; Databricks' -1,
// retry forever, is kForever = nullopt, the one spelling of "forever" in the code);
// the next attempt starts no earlier than `min_retry_interval` after the START of the failed
// attempt: next_start = max(now, failed_attempt_start + interval); TIMEDOUT is retried only with
// `retry_on_timeout`; permanent and cancellation failures are never retried.
//
// The superset (Airflow / Dagster / Prefect):
//  - delay for retry k (k = 1 for the first retry): the explicit `delays` list if given (entry k,
//    the last entry repeating); else `min_retry_interval` scaled by `backoff`: none → base,
//    linear → base·k, exponential → base·multiplier^(k-1);
//  - `max_delay` caps the delay, before jitter for kFull (AWS "full jitter": uniform in
//    [0, capped]) and after it for kPlusMinus (uniform in capped·[1−f, 1+f], then capped again),
//    so max_delay is always a hard upper bound;
//  - `anchor`: kAttemptStart (Databricks: next = max(end, start + delay)) or kAttemptEnd
//    (next = end + delay);
//  - `retry_on`: which failure kinds are retryable (task error, timeout, infrastructure =
//    cluster lost / launch failure / preemption). kPermanent, kGateFailed and kCanceled never are;
//    `retry_on_timeout` is the Databricks spelling of the timeout bit;
//  - a run-wide `failure budget` (JobSpec::retry_budget) passed in as `budget_left`: with
//    kForever this is what stops an endless storm.
// Jitter draws come from the caller's Rng (the Engine passes the run's own "engine.retry" stream).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/defaulted_box.h"
#include "engine/rng.h"
#include "engine/task_runner.h"
#include "engine/time.h"

namespace orchsim {

enum class Backoff : std::uint8_t { kNone, kLinear, kExponential };
enum class Jitter : std::uint8_t { kNone, kFull, kPlusMinus };
enum class RetryAnchor : std::uint8_t { kAttemptStart, kAttemptEnd };

// Which failure kinds a policy retries (besides timeouts, governed by retry_on_timeout).
struct RetryOn {
  bool task_error = true;
  bool infrastructure = true;

  bool operator==(const RetryOn&) const = default;
};

// The superset's delay shaping, which Databricks-style policies (most tasks) leave at these defaults.
struct RetryShape {
  double multiplier = 2.0;  // kExponential
  std::optional<Duration> max_delay;
  double jitter_fraction = 0.1;  // kPlusMinus: ±fraction of the delay
  std::vector<Duration> delays;  // explicit per-retry delays (overrides backoff when non-empty)

  bool operator==(const RetryShape&) const = default;
};

// 32 bytes: it sits in every models::WorkloadTask and TaskSpec (issue #15), so the rarely set
// shaping is boxed and the small fields share one word.
struct RetryPolicy {
  // Retries after the first attempt, without limit.
  static constexpr std::optional<std::uint32_t> kForever = std::nullopt;
  std::optional<std::uint32_t> max_retries = 0;  // kForever: no limit
  Duration min_retry_interval = Duration::zero();  // the base delay
  bool retry_on_timeout = false;
  Backoff backoff = Backoff::kNone;
  Jitter jitter = Jitter::kNone;
  RetryAnchor anchor = RetryAnchor::kAttemptStart;
  RetryOn retry_on;
  DefaultedBox<RetryShape> shape;

  bool retries_forever() const { return !max_retries.has_value(); }
  // The largest attempt count this policy allows, or nullopt for "forever".
  std::optional<std::uint32_t> max_attempts() const {
    if (retries_forever()) return std::nullopt;
    return *max_retries + 1;
  }
  bool operator==(const RetryPolicy&) const = default;
};

// The attempt that just failed, as the policy sees it.
struct FailedAttempt {
  std::uint32_t number = 1;  // 1-based attempt number
  FailureKind kind = FailureKind::kTaskError;
  SimTime started;
  SimTime ended;                                // "now"
  std::optional<std::uint32_t> budget_left;     // retries left in the run's failure budget
};

bool is_retryable(const RetryPolicy& policy, FailureKind kind);

// The delay before retry `retry` (1-based), without jitter, capped by max_delay.
Duration base_delay(const RetryPolicy& policy, std::uint32_t retry);

// base_delay with the policy's jitter applied; draws from `rng` only when jitter is on.
Duration retry_delay(const RetryPolicy& policy, std::uint32_t retry, Rng& rng);

// When the next attempt may start, or nullopt to give up.
std::optional<SimTime> next_attempt_time(const RetryPolicy& policy, const FailedAttempt& failed, Rng& rng);

const char* to_string(Backoff backoff);
const char* to_string(Jitter jitter);

}  // namespace orchsim
