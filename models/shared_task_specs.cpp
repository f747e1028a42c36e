#include "models/shared_task_specs.h"

#include <functional>
#include <string>
#include <utility>

namespace orchsim::models {

namespace {

// Every field, so that specs differing anywhere rarely share a bucket.
std::size_t hash_of(const TaskSpec& s) {
  std::size_t h = 0;
  const auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  const auto duration = [](const std::optional<Duration>& d) { return d ? static_cast<std::size_t>(d->micros()) : ~std::size_t{0}; };
  mix(static_cast<std::size_t>(s.kind));
  mix(static_cast<std::size_t>(s.run_if));
  mix(s.retry.max_retries ? *s.retry.max_retries : ~std::size_t{0});
  mix(static_cast<std::size_t>(s.retry.min_retry_interval.micros()));
  mix(s.retry.retry_on_timeout);
  mix(static_cast<std::size_t>(s.retry.backoff));
  mix(std::hash<double>{}(s.retry.shape->multiplier));
  mix(duration(s.retry.shape->max_delay));
  mix(static_cast<std::size_t>(s.retry.jitter));
  mix(std::hash<double>{}(s.retry.shape->jitter_fraction));
  for (Duration d : s.retry.shape->delays) mix(static_cast<std::size_t>(d.micros()));
  mix(static_cast<std::size_t>(s.retry.anchor));
  mix(s.retry.retry_on.task_error);
  mix(s.retry.retry_on.infrastructure);
  mix(duration(s.timeout));
  mix(static_cast<std::size_t>(s.trigger_latency.micros()));
  mix(s.disabled);
  mix(static_cast<std::size_t>(s.condition.op));
  mix(std::hash<std::string>{}(s.condition.left));
  mix(std::hash<std::string>{}(s.condition.right));
  mix(s.for_each.inputs);
  mix(s.for_each.concurrency);
  for (TableId t : s.writes) mix(t.value());
  const Notifications& n = s.notifications;
  mix(n.on_start | n.on_success << 1 | n.on_failure << 2 | n.on_retry << 3 | n.alert_on_last_attempt << 4 |
      n.no_alert_for_skipped_runs << 5 | n.no_alert_for_canceled_runs << 6);
  mix(duration(n.duration_warning));
  return h;
}

}  // namespace

std::shared_ptr<const TaskSpec> SharedTaskSpecs::share(TaskSpec spec) {
  std::vector<std::shared_ptr<const TaskSpec>>& bucket = by_hash_[hash_of(spec)];
  for (const auto& stored : bucket) {
    if (*stored == spec) return stored;
  }
  return bucket.emplace_back(std::make_shared<const TaskSpec>(std::move(spec)));
}

}  // namespace orchsim::models
