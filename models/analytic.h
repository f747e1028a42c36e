// Analytic models: the exact or closed-form values the simulator must reproduce (docs/model.md §13),
// as a library. `orchsim validate` puts each next to its simulated estimate; reports may show them
// beside the simulated figures where a scenario matches a model's assumptions. Pure functions, no
// thread affinity. Times are in seconds (the `_s` suffix) so that rates and products stay exact;
// the absorbing-chain models live in models/analytic_markov.h.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/dag.h"
#include "engine/rng.h"

namespace orchsim::models::analytic {

// --- Bounded retries: each attempt fails independently with probability p (0 <= p < 1), and a
// task is retried at most `retries` times.

// E[attempts] = (1 − p^{R+1}) / (1 − p).
double expected_attempts(double p, int retries);
// P(every attempt fails) = p^{R+1}.
double final_failure_probability(double p, int retries);
// E[total delay before retries] = Σ_{k=1..R} p^k · b_k, where `delays_s[k-1]` = b_k is the delay
// before retry k (retry k happens iff the first k attempts failed). R = delays_s.size().
double expected_total_backoff_s(double p, std::span<const double> delays_s);

// The same, for one task whose attempt fails for good with `permanent` (never retried; drawn first)
// and otherwise transiently with `transient`, retried at most `retries` times (nullopt: forever).
// With a = (1 − permanent)·transient: E[attempts] = (1 − a^{R+1})/(1 − a) (1/(1 − a) forever), and
// P(success) = (1 − permanent)(1 − transient)·E[attempts]. Requires a < 1 when retrying forever.
struct TaskRetryModel {
  double transient = 0;
  double permanent = 0;
  std::optional<std::uint32_t> retries = 0;  // nullopt: forever
};
struct RetryExpectation {
  double attempts = 0;
  double success_probability = 1;
};
RetryExpectation expect_retries(const TaskRetryModel& task);

// A DAG whose every task runs iff all its upstream tasks succeeded (run_if ALL_SUCCESS, no
// condition branches), each task failing independently, task t as `each[t]` (expect_retries of
// its model; made by the caller, so that no copy of the models is held): task t runs with
// probability reach[t] = Π over its ancestors of P(success), so E[attempts] = Σ reach·E[attempts_t],
// E[failed attempts] = Σ reach·(E[attempts_t] − P(success_t)), and the job succeeds (every task
// succeeded) with Π P(success_t). The work is Σ over tasks of the edges above them; past
// `max_visits` edge visits the answer is nullopt (a deep, wide DAG has quadratically many
// ancestor pairs).
struct DagRetryExpectation {
  double attempts = 0;
  double failed_attempts = 0;
  double success_probability = 1;
  std::vector<double> reach;  // per task
};
std::optional<DagRetryExpectation> expect_all_success_dag(const Dag& dag, std::span<const RetryExpectation> each,
                                                          std::size_t max_visits);

// --- Restart from scratch under Poisson crashes: `work_s` of uninterrupted work is needed; crashes
// arrive at `crashes_per_s` while working and destroy all progress; each costs `recovery_s` before
// the work restarts. Crashes do not happen during recovery.

// E[T] = (1/λ + D)(e^{λt} − 1) (λ > 0).
double expected_restart_time_s(double crashes_per_s, double work_s, double recovery_s);
// One draw of T from the model itself (a geometric number of crashes, each after an exponential
// time truncated to [0, t)), for quantiles the closed form does not give.
double sample_restart_time_s(double crashes_per_s, double work_s, double recovery_s, Rng& rng);

// --- Bounded processor sharing: k tasks of `work_s` each (one core each at most) start together on
// `cores` cores, each at min(1, cores/k) of full speed: all finish at work·max(1, k/cores).
double bounded_ps_finish_s(double work_s, int tasks, int cores);

// --- DAG bounds. `durations_s[t]` is task t's duration on one slot.

// The longest path's length: the makespan with unlimited slots and no overhead.
double critical_path_s(const Dag& dag, std::span<const double> durations_s);
struct GrahamBounds {
  double lower_s = 0;  // max(CP, W/m): no schedule on m slots is shorter
  double upper_s = 0;  // W/m + (1 − 1/m)·CP: no greedy (work-conserving) schedule is longer
};
GrahamBounds graham_bounds(const Dag& dag, std::span<const double> durations_s, int slots);

// --- Queues. Poisson arrivals at `arrivals_per_s`, exponential service at `services_per_s` per
// server, `servers` servers, FIFO; requires λ < c·μ.

// Erlang C: the probability that an arrival waits, C(c, a) with a = λ/μ.
double erlang_c(int servers, double arrivals_per_s, double services_per_s);
// E[W_q] = C(c, a) / (c·μ − λ).
double mmc_mean_wait_s(int servers, double arrivals_per_s, double services_per_s);
// The stationary probability of n jobs in the system, for n = 0..n_max (the tail beyond n_max is
// not included, so the values sum to slightly less than 1).
std::vector<double> mmc_stationary(int servers, double arrivals_per_s, double services_per_s, int n_max);

// M/G/1 processor sharing at load ρ < 1: E[T | x] = x / (1 − ρ), whatever the size distribution.
double mg1_ps_mean_response_s(double size_s, double load);

// --- Confidence intervals used by the validation ladder.

// The two-sided normal quantile z with P(|Z| <= z) = confidence.
double normal_two_sided_z(double confidence);
// Ranks (1-based, clamped to [1, n]) of the order statistics that bracket the p-quantile of a
// sample of n with at least `confidence` (normal approximation to the binomial count, widened by
// one rank on each side): distribution-free, valid with atoms.
struct QuantileRanks {
  std::size_t lo = 1;
  std::size_t hi = 1;
};
QuantileRanks quantile_ci_ranks(std::size_t n, double p, double confidence);

}  // namespace orchsim::models::analytic
