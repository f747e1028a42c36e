#include "models/analytic.h"

#include <algorithm>
#include <cmath>

#include "engine/check.h"
#include "models/distributions.h"

namespace orchsim::models::analytic {

double expected_attempts(double p, int retries) {
  ORCHSIM_CHECK(p >= 0 && p < 1 && retries >= 0, "expected_attempts(p={}, R={})", p, retries);
  return (1 - std::pow(p, retries + 1)) / (1 - p);
}

double final_failure_probability(double p, int retries) {
  ORCHSIM_CHECK(p >= 0 && p <= 1 && retries >= 0, "final_failure_probability(p={}, R={})", p, retries);
  return std::pow(p, retries + 1);
}

double expected_total_backoff_s(double p, std::span<const double> delays_s) {
  ORCHSIM_CHECK(p >= 0 && p <= 1);
  double total = 0;
  double reach = 1;  // p^k: the first k attempts all failed
  for (double b : delays_s) {
    reach *= p;
    total += reach * b;
  }
  return total;
}

RetryExpectation expect_retries(const TaskRetryModel& task) {
  const double a = (1 - task.permanent) * task.transient;
  ORCHSIM_CHECK(task.transient >= 0 && task.transient <= 1 && task.permanent >= 0 && task.permanent <= 1 &&
                    (task.retries || a < 1),
                "expect_retries(transient={}, permanent={})", task.transient, task.permanent);
  // Attempt k + 1 happens iff the first k all failed transiently: Σ_{k=0..R} a^k.
  const double attempts = task.retries ? (a < 1 ? (1 - std::pow(a, *task.retries + 1)) / (1 - a) : *task.retries + 1.0)
                                       : 1 / (1 - a);
  return {.attempts = attempts, .success_probability = (1 - task.permanent) * (1 - task.transient) * attempts};
}

std::optional<DagRetryExpectation> expect_all_success_dag(const Dag& dag, std::span<const RetryExpectation> each,
                                                          std::size_t max_visits) {
  ORCHSIM_CHECK(each.size() == dag.size());
  const std::size_t n = dag.size();
  // The product is over ancestors (not parents), because one ancestor's failure stops every path
  // below it and must be counted once. Each task's ancestors are found by a walk up its edges,
  // marked with the task's own stamp, so memory stays linear; they are multiplied in index order
  // so that the product is the same number whatever order the walk found them in.
  constexpr std::uint32_t kUnseen = UINT32_MAX;
  std::vector<std::uint32_t> stamp(n, kUnseen);
  std::vector<TaskId> stack;
  std::vector<std::uint32_t> found;
  std::size_t visits = 0;
  DagRetryExpectation out;
  out.reach.assign(n, 1);
  for (TaskId t : dag.topological_order()) {
    found.clear();
    stack.assign(1, t);
    while (!stack.empty()) {
      const TaskId v = stack.back();
      stack.pop_back();
      const auto ups = dag.upstream(v);
      visits += ups.size();
      if (visits > max_visits) return std::nullopt;
      for (TaskId u : ups) {
        if (stamp[u.index()] == t.value()) continue;
        stamp[u.index()] = t.value();
        if (each[u.index()].success_probability != 1) found.push_back(u.value());
        stack.push_back(u);
      }
    }
    std::sort(found.begin(), found.end());
    for (std::uint32_t k : found) out.reach[t.index()] *= each[k].success_probability;
    const RetryExpectation& e = each[t.index()];
    out.attempts += out.reach[t.index()] * e.attempts;
    out.failed_attempts += out.reach[t.index()] * (e.attempts - e.success_probability);
    out.success_probability *= e.success_probability;
  }
  return out;
}

double expected_restart_time_s(double crashes_per_s, double work_s, double recovery_s) {
  ORCHSIM_CHECK(crashes_per_s > 0 && work_s >= 0 && recovery_s >= 0);
  return (1 / crashes_per_s + recovery_s) * std::expm1(crashes_per_s * work_s);
}

double sample_restart_time_s(double crashes_per_s, double work_s, double recovery_s, Rng& rng) {
  ORCHSIM_CHECK(crashes_per_s > 0 && work_s >= 0 && recovery_s >= 0);
  double total = 0;
  for (;;) {
    // Memoryless: the time to the next crash from a fresh start is Exp(λ), whatever came before.
    const double crash = rng.exponential(crashes_per_s);
    if (crash >= work_s) return total + work_s;
    total += crash + recovery_s;
  }
}

double bounded_ps_finish_s(double work_s, int tasks, int cores) {
  ORCHSIM_CHECK(tasks >= 1 && cores >= 1);
  return work_s * std::max(1.0, static_cast<double>(tasks) / cores);
}

double critical_path_s(const Dag& dag, std::span<const double> durations_s) {
  ORCHSIM_CHECK(durations_s.size() == dag.size());
  std::vector<double> finish(dag.size(), 0);
  double longest = 0;
  for (TaskId t : dag.topological_order()) {
    double start = 0;
    for (TaskId u : dag.upstream(t)) start = std::max(start, finish[u.index()]);
    finish[t.index()] = start + durations_s[t.index()];
    longest = std::max(longest, finish[t.index()]);
  }
  return longest;
}

GrahamBounds graham_bounds(const Dag& dag, std::span<const double> durations_s, int slots) {
  ORCHSIM_CHECK(slots >= 1);
  const double cp = critical_path_s(dag, durations_s);
  double work = 0;
  for (double d : durations_s) work += d;
  const double m = slots;
  return {.lower_s = std::max(cp, work / m), .upper_s = work / m + (1 - 1 / m) * cp};
}

std::vector<double> mmc_stationary(int servers, double arrivals_per_s, double services_per_s, int n_max) {
  const double a = arrivals_per_s / services_per_s;
  const double c = servers;
  const double rho = a / c;
  ORCHSIM_CHECK(servers >= 1 && rho < 1, "M/M/c needs λ < cμ (λ={}, μ={}, c={})", arrivals_per_s,
                services_per_s, servers);
  // Unnormalised terms a^n/n! for n <= c, then geometric with ratio ρ.
  std::vector<double> terms(static_cast<std::size_t>(std::max(n_max, servers)) + 1);
  terms[0] = 1;
  for (std::size_t n = 1; n < terms.size(); ++n) {
    terms[n] = terms[n - 1] * (static_cast<double>(n) <= c ? a / static_cast<double>(n) : rho);
  }
  double norm = 0;
  for (int n = 0; n < servers; ++n) norm += terms[static_cast<std::size_t>(n)];
  norm += terms[static_cast<std::size_t>(servers)] / (1 - rho);
  terms.resize(static_cast<std::size_t>(n_max) + 1);
  for (double& t : terms) t /= norm;
  return terms;
}

double erlang_c(int servers, double arrivals_per_s, double services_per_s) {
  const auto pi = mmc_stationary(servers, arrivals_per_s, services_per_s, servers);
  const double rho = arrivals_per_s / (services_per_s * servers);
  // P(N >= c) = π_c / (1 − ρ).
  return pi[static_cast<std::size_t>(servers)] / (1 - rho);
}

double mmc_mean_wait_s(int servers, double arrivals_per_s, double services_per_s) {
  return erlang_c(servers, arrivals_per_s, services_per_s) / (servers * services_per_s - arrivals_per_s);
}

double mg1_ps_mean_response_s(double size_s, double load) {
  ORCHSIM_CHECK(load >= 0 && load < 1, "M/G/1-PS needs 0 <= ρ < 1, got {}", load);
  return size_s / (1 - load);
}

double normal_two_sided_z(double confidence) {
  ORCHSIM_CHECK(confidence > 0 && confidence < 1);
  return standard_normal_quantile(1 - (1 - confidence) / 2);
}

QuantileRanks quantile_ci_ranks(std::size_t n, double p, double confidence) {
  ORCHSIM_CHECK(n >= 1 && p > 0 && p < 1);
  const double z = normal_two_sided_z(confidence);
  const double nn = static_cast<double>(n);
  const double centre = nn * p;
  const double spread = z * std::sqrt(nn * p * (1 - p));
  const auto clamp = [n](double rank) {
    return static_cast<std::size_t>(std::clamp(rank, 1.0, static_cast<double>(n)));
  };
  return {.lo = clamp(std::floor(centre - spread)), .hi = clamp(std::ceil(centre + spread) + 1)};
}

}  // namespace orchsim::models::analytic
