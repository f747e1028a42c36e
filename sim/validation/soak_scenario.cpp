#include "sim/validation/soak_scenario.h"

#include <array>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "engine/rng.h"

namespace orchsim::sim {

namespace {

constexpr std::array<std::string_view, 6> kRunIf{"ALL_SUCCESS", "AT_LEAST_ONE_SUCCESS", "NONE_FAILED",
                                                  "ALL_DONE",    "AT_LEAST_ONE_FAILED",  "ALL_FAILED"};
constexpr std::array<std::string_view, 6> kAirflow{"all_success", "one_failed", "none_failed_min_one_success",
                                                   "all_done",    "always",     "none_skipped"};
constexpr std::array<std::string_view, 6> kStrategies{"multi_job",  "single_job_shared_cluster",
                                                      "single_job_cluster_per_task", "all_purpose_shared",
                                                      "hybrid", "serverless"};
constexpr std::array<std::string_view, 4> kOps{"EQUAL_TO", "NOT_EQUAL", "GREATER_THAN", "LESS_THAN_OR_EQUAL"};
constexpr std::array<std::string_view, 3> kTables{"bronze", "silver", "gold"};

template <class T, std::size_t N>
std::string_view pick(Rng& rng, const std::array<T, N>& items) {
  return items[rng.below(N)];
}

// A duration of whole seconds in [0, max_s], written the way users do.
std::string seconds(Rng& rng, std::uint64_t max_s) { return fmt::format("{}s", rng.below(max_s + 1)); }
// Seconds in [min_s, max_s].
std::string seconds(Rng& rng, std::uint64_t min_s, std::uint64_t max_s) {
  return fmt::format("{}s", min_s + rng.below(max_s - min_s + 1));
}

std::string retries(Rng& rng) {
  std::string s;
  // Forever only with a chance of success per attempt: the run-wide budget may bound it, or not.
  const int max_retries = static_cast<int>(rng.below(5)) - 1;
  s += fmt::format(", max_retries: {}", max_retries);
  if (rng.bernoulli(0.5)) s += fmt::format(", min_retry_interval: {}", seconds(rng, 300));
  if (rng.bernoulli(0.2)) s += ", retry_backoff: exponential, retry_max_delay: 10m";
  if (rng.bernoulli(0.2)) s += ", retry_jitter: full";
  if (rng.bernoulli(0.2)) s += ", retry_anchor: attempt_end";
  if (rng.bernoulli(0.2)) s += ", retry_on: [task_error, timeout, infrastructure]";
  if (rng.bernoulli(0.1)) s += ", retry_delays: [10s, 1m]";
  return s;
}

std::string alerts(Rng& rng) {
  if (!rng.bernoulli(0.3)) return {};
  return fmt::format(", alerts: {{events: [on_start, on_failure, on_retry], alert_on_last_attempt: {}}}",
                     rng.bernoulli(0.5) ? "true" : "false");
}

// One work task: its compute, failures, retries, timeout, for_each and tables.
std::string work_task(Rng& rng) {
  std::string s = fmt::format(", duration: {}, cores: {}", rng.bernoulli(0.05) ? "0s" : seconds(rng, 1800),
                              1 + rng.below(8));
  if (rng.bernoulli(0.2)) s += fmt::format(", mem_gib: {}", rng.below(40));
  if (rng.bernoulli(0.5)) s += fmt::format(", failure_probability: {:.2f}", rng.uniform(0, 0.6));
  if (rng.bernoulli(0.2)) s += fmt::format(", permanent_failure_probability: {:.2f}", rng.uniform(0, 0.3));
  if (rng.bernoulli(0.2)) s += fmt::format(", failure_rate_per_hour: {:.2f}", rng.uniform(0, 3));
  s += retries(rng);
  if (rng.bernoulli(0.25)) s += fmt::format(", timeout: {}", seconds(rng, 2400));
  if (rng.bernoulli(0.15)) s += fmt::format(", for_each: {{inputs: {}, concurrency: {}}}", 1 + rng.below(5), 1 + rng.below(3));
  if (rng.bernoulli(0.4)) {
    s += fmt::format(", tables: [{}", pick(rng, kTables));
    if (rng.bernoulli(0.3)) s += ", landing";
    s += "]";
  }
  return s;
}

std::string workload(Rng& rng) {
  const std::size_t n = 1 + rng.below(12);
  std::vector<bool> is_condition(n, false);
  std::string s = "workload:\n";
  if (rng.bernoulli(0.2)) s += "  evaluation: eager\n";
  if (rng.bernoulli(0.2)) s += fmt::format("  timeout: {}\n", seconds(rng, 4 * 3600));
  if (rng.bernoulli(0.3)) s += fmt::format("  retry_budget: {}\n", rng.below(10));
  constexpr std::array<std::string_view, 4> kRollback{"none", "task", "job", "pipeline"};
  s += fmt::format("  rollback: {}\n", pick(rng, kRollback));
  if (rng.bernoulli(0.4)) {
    s += fmt::format("  alerts: {{events: [on_start, on_success, on_failure], dedup_window: {}, "
                     "rate_limit: {{max: {}, window: 1h}}}}\n",
                     seconds(rng, 3600), 1 + rng.below(5));
  }
  s += "  tasks:\n";
  for (std::size_t i = 0; i < n; ++i) {
    s += fmt::format("    - {{task_key: t{}", i);
    std::vector<std::string> deps;
    for (std::size_t j = 0; j < i; ++j) {
      if (!rng.bernoulli(2.0 / static_cast<double>(i + 1))) continue;
      deps.push_back(is_condition[j] ? fmt::format("{{task_key: t{}, outcome: \"{}\"}}", j, rng.bernoulli(0.5) ? "true" : "false")
                                     : fmt::format("t{}", j));
    }
    if (!deps.empty()) s += fmt::format(", depends_on: [{}]", fmt::join(deps, ", "));
    if (!deps.empty() && rng.bernoulli(0.4)) s += fmt::format(", run_if: {}", rng.bernoulli(0.7) ? pick(rng, kRunIf) : pick(rng, kAirflow));
    if (rng.bernoulli(0.05)) s += ", disabled: true";
    if (rng.bernoulli(0.12)) {
      is_condition[i] = true;
      s += fmt::format(", condition: {{op: {}, left: \"{}\", right: \"{}\"}}", pick(rng, kOps), rng.below(3),
                       rng.below(3));
    } else {
      s += work_task(rng);
    }
    s += alerts(rng) + "}\n";
  }
  return s;
}

std::string world(Rng& rng) {
  std::string s = fmt::format("cluster: {{workers: {}, startup: {{uniform: [5s, {}]}}", rng.below(5), seconds(rng, 10, 600));
  if (rng.bernoulli(0.2)) s += fmt::format(", max_contexts: {}", 1 + rng.below(3));
  if (rng.bernoulli(0.2)) s += ", autoscale: {min_workers: 1, max_workers: 4, scale_up_delay: 1m, scale_down_after: 1m}";
  if (rng.bernoulli(0.3)) s += ", spot_workers: true";
  if (rng.bernoulli(0.2)) s += fmt::format(", dispatch_overhead: {}", seconds(rng, 30));
  s += "}\n";
  s += fmt::format("faults: {{driver_crashes_per_hour: {:.2f}, spot_losses_per_hour: {:.2f}, launch_failure_probability: {:.2f}",
                   rng.bernoulli(0.5) ? rng.uniform(0, 2) : 0.0, rng.bernoulli(0.3) ? rng.uniform(0, 2) : 0.0,
                   rng.bernoulli(0.3) ? rng.uniform(0, 0.3) : 0.0);
  if (rng.bernoulli(0.3)) s += fmt::format(", scripted: [{{at: {}, crash: shared_cluster}}, {{at: {}, lose_worker: shared_cluster}}]", seconds(rng, 3600), seconds(rng, 3600));
  s += "}\n";
  if (rng.bernoulli(0.3)) s += fmt::format("contention: {{spill_penalty: {:.1f}, oom_crashes_per_hour: {:.1f}}}\n", rng.uniform(0, 2), rng.uniform(0, 2));
  s += fmt::format("table_restore: {{uniform: [0s, {}]}}\n", seconds(rng, 1, 120));
  return s;
}

std::string strategy(Rng& rng) {
  const bool pool = rng.bernoulli(0.2);
  std::string s = pool ? "pools: [{name: warm, min_idle: 1}]\n" : "";
  s += fmt::format("strategies: [{{kind: {}", pick(rng, kStrategies));
  if (pool) s += ", pool: warm";
  if (rng.bernoulli(0.3)) s += fmt::format(", trigger_latency: {}", seconds(rng, 60));
  // Billing modes: the per-task and per-cluster costs must sum to the bill under each.
  s += fmt::format(", cluster: {{attribution: {}, performance_target: {}}}", rng.bernoulli(0.5) ? "shared" : "dedicated",
                   rng.bernoulli(0.5) ? "standard" : "performance_optimized");
  if (pool) s += fmt::format("}}]\nruns_per_day: {}\n", 1 + rng.below(24));
  else s += "}]\n";
  return s;
}

}  // namespace

std::string soak_scenario_yaml(std::uint64_t seed) {
  Rng rng(seed);
  std::string s = fmt::format("name: soak-{}\nreplications: 1\nseed: {}\n", seed, seed);
  s += world(rng);
  s += workload(rng);
  s += strategy(rng);
  return s;
}

}  // namespace orchsim::sim
