// RetryPolicy as pure functions, by table; expected numbers are worked out here from the inputs.
#include <doctest/doctest.h>

#include <cmath>

#include "engine/retry.h"

using namespace orchsim;

namespace {

SimTime at_s(std::int64_t s) { return SimTime::zero() + Duration::seconds(s); }

}  // namespace

TEST_SUITE("engine.retry") {
  TEST_CASE("Databricks mode: next = max(end, start + interval), bounded by max_retries") {
    const RetryPolicy p{.max_retries = 2, .min_retry_interval = Duration::seconds(60)};
    Rng rng(1);
    struct Row {
      std::uint32_t number;
      std::int64_t start_s, end_s;
      std::optional<std::int64_t> next_s;
    };
    const Row rows[] = {
        {1, 0, 10, 0 + 60},     // short attempt: the interval from its start decides
        {1, 0, 100, 100},       // attempt longer than the interval: retry at once on failure
        {2, 100, 110, 100 + 60},
        {3, 160, 170, std::nullopt},  // 3 attempts = 1 + max_retries: give up
    };
    for (const Row& r : rows) {
      CAPTURE(r.number);
      const auto next = next_attempt_time(p, {r.number, FailureKind::kTaskError, at_s(r.start_s), at_s(r.end_s)}, rng);
      if (r.next_s) CHECK(next == at_s(*r.next_s));
      else CHECK_FALSE(next);
    }
  }

  TEST_CASE("which failure kinds are retried") {
    const RetryPolicy databricks{.max_retries = 3};
    RetryPolicy on_timeout = databricks;
    on_timeout.retry_on_timeout = true;
    RetryPolicy infra_only = databricks;
    infra_only.retry_on.task_error = false;
    struct Row {
      const RetryPolicy* policy;
      FailureKind kind;
      bool retryable;
    };
    const Row rows[] = {
        {&databricks, FailureKind::kTaskError, true},
        {&databricks, FailureKind::kTimeout, false},  // TIMEDOUT only with retry_on_timeout
        {&on_timeout, FailureKind::kTimeout, true},
        {&databricks, FailureKind::kClusterLost, true},
        {&databricks, FailureKind::kLaunchFailure, true},
        {&databricks, FailureKind::kPreempted, true},
        {&databricks, FailureKind::kPermanent, false},  // never
        {&on_timeout, FailureKind::kPermanent, false},
        {&databricks, FailureKind::kCanceled, false},
        {&infra_only, FailureKind::kTaskError, false},
        {&infra_only, FailureKind::kPreempted, true},
    };
    for (const Row& r : rows) {
      CAPTURE(to_string(r.kind));
      CHECK(is_retryable(*r.policy, r.kind) == r.retryable);
    }
  }

  TEST_CASE("backoff none / linear / exponential with a cap, per retry") {
    const Duration base = Duration::seconds(10);
    const RetryPolicy none{.max_retries = 9, .min_retry_interval = base};
    const RetryPolicy linear{.max_retries = 9, .min_retry_interval = base, .backoff = Backoff::kLinear};
    const RetryPolicy expo{.max_retries = 9, .min_retry_interval = base, .backoff = Backoff::kExponential,
                           .shape = RetryShape{.multiplier = 3.0, .max_delay = Duration::seconds(200)}};
    for (std::uint32_t k = 1; k <= 6; ++k) {
      CAPTURE(k);
      CHECK(base_delay(none, k) == base);
      CHECK(base_delay(linear, k) == base * k);
      // 10·3^(k-1): 10, 30, 90, 270 → capped at 200 from the 4th retry on.
      const auto uncapped = static_cast<std::int64_t>(10 * std::pow(3.0, k - 1));
      CHECK(base_delay(expo, k) == Duration::seconds(std::min<std::int64_t>(uncapped, 200)));
    }
    // A huge exponent saturates at the cap instead of overflowing.
    CHECK(base_delay(expo, 200) == Duration::seconds(200));
  }

  TEST_CASE("exponential backoff from a zero interval stays zero at any retry (found by orchsim soak)") {
    // 0 × 2^(k−1): zero for every k, also once 2^(k−1) overflows a double (k > 1024), where the
    // product used to be NaN and came out as a delay of about −292,000 years.
    const RetryPolicy p{.max_retries = RetryPolicy::kForever, .backoff = Backoff::kExponential,
                        .shape = RetryShape{.max_delay = Duration::minutes(10)}};
    for (const std::uint32_t retry : {1u, 1024u, 1025u, 5000u, 4'000'000'000u}) {
      CHECK(base_delay(p, retry) == Duration::zero());
    }
    const RetryPolicy q{.max_retries = RetryPolicy::kForever, .min_retry_interval = Duration::seconds(1),
                        .backoff = Backoff::kExponential, .shape = RetryShape{.max_delay = Duration::minutes(10)}};
    CHECK(base_delay(q, 5000) == Duration::minutes(10));  // inf clamped to the cap
  }

  TEST_CASE("an explicit delay list; its last entry repeats") {
    const RetryPolicy p{.max_retries = 5,
                        .min_retry_interval = Duration::seconds(999),
                        .shape = RetryShape{.delays = {Duration::seconds(5), Duration::seconds(30), Duration::minutes(5)}}};
    CHECK(base_delay(p, 1) == Duration::seconds(5));
    CHECK(base_delay(p, 2) == Duration::seconds(30));
    CHECK(base_delay(p, 3) == Duration::minutes(5));
    CHECK(base_delay(p, 5) == Duration::minutes(5));
  }

  TEST_CASE("anchor at attempt end adds the delay to the failure time") {
    const RetryPolicy p{.max_retries = 1, .min_retry_interval = Duration::seconds(60), .anchor = RetryAnchor::kAttemptEnd};
    Rng rng(1);
    // Start 0 s, end 100 s: end-anchored retry at 100 + 60 (start-anchored would be 100).
    CHECK(next_attempt_time(p, {1, FailureKind::kTaskError, at_s(0), at_s(100)}, rng) == at_s(160));
  }

  TEST_CASE("full jitter stays within [0, capped delay]; plus-minus within ±fraction, under the cap") {
    const RetryPolicy full{.max_retries = 9, .min_retry_interval = Duration::seconds(10), .backoff = Backoff::kExponential,
                           .jitter = Jitter::kFull, .shape = RetryShape{.max_delay = Duration::seconds(60)}};
    const RetryPolicy pm{.max_retries = 9, .min_retry_interval = Duration::seconds(100), .jitter = Jitter::kPlusMinus,
                         .shape = RetryShape{.max_delay = Duration::seconds(105), .jitter_fraction = 0.2}};
    Rng rng(7);
    Duration full_max = Duration::zero(), pm_min = Duration::max(), pm_max = Duration::zero();
    const int n = 2000;
    for (int i = 0; i < n; ++i) {
      const std::uint32_t k = 1 + static_cast<std::uint32_t>(i % 5);
      const Duration d = retry_delay(full, k, rng);
      CHECK(d >= Duration::zero());
      CHECK(d <= base_delay(full, k));  // 10·2^(k-1) capped at 60
      full_max = std::max(full_max, d);
      const Duration j = retry_delay(pm, 1, rng);
      pm_min = std::min(pm_min, j);
      pm_max = std::max(pm_max, j);
    }
    // 100 s ± 20 % = [80, 120], then capped at 105.
    CHECK(pm_min >= Duration::seconds(80));
    CHECK(pm_max <= Duration::seconds(105));
    // Draws are uniform on [80, 120]: P(< 82) = 2/40 and P(> 105) = 15/40 per draw, so over 2000
    // draws missing either is below 0.95^2000. Full jitter: 2 in 5 retries have the 60 s cap,
    // P(> 55) = 5/60 each, miss chance (11/12)^800.
    CHECK(pm_min < Duration::seconds(82));
    CHECK(pm_max == Duration::seconds(105));
    CHECK(full_max > Duration::seconds(55));
  }

  TEST_CASE("jitter draws come from the given stream: same stream, same delays") {
    const RetryPolicy p{.max_retries = 9, .min_retry_interval = Duration::seconds(10), .jitter = Jitter::kFull};
    Rng a(Rng(5, 0, "engine.retry")), b(Rng(5, 0, "engine.retry")), c(Rng(5, 1, "engine.retry"));
    const Duration da = retry_delay(p, 1, a), db = retry_delay(p, 1, b), dc = retry_delay(p, 1, c);
    CHECK(da == db);
    CHECK(da != dc);
  }

  TEST_CASE("max_retries -1 retries forever until the failure budget is spent") {
    const RetryPolicy p{.max_retries = RetryPolicy::kForever};
    Rng rng(1);
    CHECK(p.retries_forever());
    CHECK_FALSE(p.max_attempts());
    CHECK_FALSE(RetryPolicy{}.retries_forever());  // Databricks' default max_retries is 0
    CHECK(RetryPolicy{}.max_attempts() == 1u);
    CHECK(next_attempt_time(p, {100000, FailureKind::kTaskError, at_s(0), at_s(1)}, rng) == at_s(1));
    CHECK(next_attempt_time(p, {3, FailureKind::kTaskError, at_s(0), at_s(1), 1}, rng) == at_s(1));
    CHECK_FALSE(next_attempt_time(p, {3, FailureKind::kTaskError, at_s(0), at_s(1), 0}, rng));
    CHECK_FALSE(next_attempt_time(p, {1, FailureKind::kPermanent, at_s(0), at_s(1)}, rng));
  }
}
