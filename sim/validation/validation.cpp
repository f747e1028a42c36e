#include "sim/validation/validation.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <span>
#include <string_view>
#include <variant>

#include <fmt/format.h>

#include "engine/check.h"
#include "engine/events.h"
#include "engine/retry.h"
#include "models/analytic.h"
#include "models/analytic_markov.h"
#include "models/distributions.h"
#include "sim/experiment/parallel_for.h"
#include "sim/experiment/replication.h"
#include "sim/input/scenario_loader.h"
#include "sim/experiment/summary.h"
#include "sim/input/load_input.h"
#include "sim/validation/validation_session.h"
#include "sim/validation/validation_traces.h"

namespace orchsim::sim {

namespace an = models::analytic;

bool ValidationReport::passed() const {
  return std::all_of(checks.begin(), checks.end(), [](const CheckResult& c) { return c.passed; });
}

namespace {

constexpr double kShownConfidence = 0.99;
constexpr double kMicro = 1e-6;  // one microsecond, in seconds

// --- Statistics shared by the rows.

struct Interval {
  double lo = 0;
  double hi = 0;
};

Interval mean_interval(double mean, double sd, std::size_t n, double confidence) {
  const double half = n > 1 ? student_t_quantile(confidence, n - 1) * sd / std::sqrt(double(n)) : 0;
  return {mean - half, mean + half};
}

Interval wilson(std::size_t successes, std::size_t n, double confidence) {
  const double z = an::normal_two_sided_z(confidence);
  const double nn = double(n);
  const double p = double(successes) / nn;
  const double denom = 1 + z * z / nn;
  const double centre = (p + z * z / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
  return {successes == 0 ? 0.0 : std::max(0.0, centre - half), successes == n ? 1.0 : std::min(1.0, centre + half)};
}

Interval quantile_interval(std::span<const double> sorted, double p, double confidence) {
  const an::QuantileRanks r = an::quantile_ci_ranks(sorted.size(), p, confidence);
  return {sorted[r.lo - 1], sorted[r.hi - 1]};
}

// A row waiting for the ladder's final count of statistical checks, which sets their level.
struct Pending {
  CheckResult row;
  double mean = 0, sd = 0;
  std::size_t n = 0, successes = 0;
  double p = 0;
  std::vector<double> sample, reference;  // kQuantile, sorted
};

class Ladder {
 public:
  void mean(std::string rung, std::string name, std::string unit, double analytic, std::span<const double> values) {
    const Summary s = Summary::of(values);
    Pending p{.row = {.rung = std::move(rung), .name = std::move(name), .unit = std::move(unit),
                      .kind = CheckKind::kMean, .analytic = analytic, .simulated = s.mean, .samples = s.n},
              .mean = s.mean, .sd = s.stddev, .n = s.n};
    pending_.push_back(std::move(p));
  }

  void proportion(std::string rung, std::string name, double analytic, std::size_t successes, std::size_t n) {
    pending_.push_back({.row = {.rung = std::move(rung), .name = std::move(name), .unit = "probability",
                                .kind = CheckKind::kProportion, .analytic = analytic,
                                .simulated = double(successes) / double(n), .samples = n},
                        .n = n, .successes = successes});
  }

  void quantile(std::string rung, std::string name, std::string unit, double p, std::vector<double> sample,
                std::vector<double> reference) {
    std::sort(sample.begin(), sample.end());
    std::sort(reference.begin(), reference.end());
    Pending row{.row = {.rung = std::move(rung), .name = std::move(name), .unit = std::move(unit),
                        .kind = CheckKind::kQuantile, .analytic = empirical_quantile(reference, p),
                        .simulated = empirical_quantile(sample, p), .samples = sample.size()},
                .p = p};
    row.sample = std::move(sample);
    row.reference = std::move(reference);
    pending_.push_back(std::move(row));
  }

  // A decided row (exact, bound, trace).
  void decided(CheckResult row) {
    row.ci_lo = row.ci_hi = row.simulated;
    pending_.push_back({.row = std::move(row)});
  }

  ValidationReport finish(const ValidationOptions& options) {
    ValidationReport report{.quick = options.quick, .seed = options.seed};
    for (const auto& p : pending_) {
      const CheckKind k = p.row.kind;
      report.statistical_checks += k == CheckKind::kMean || k == CheckKind::kProportion || k == CheckKind::kQuantile;
    }
    const double level = 1 - (1 - options.family_confidence) / double(std::max<std::size_t>(report.statistical_checks, 1));
    report.per_check_confidence = level;
    for (auto& p : pending_) {
      CheckResult row = std::move(p.row);
      const double a = row.analytic;
      switch (row.kind) {
        case CheckKind::kMean: {
          const Interval shown = mean_interval(p.mean, p.sd, p.n, kShownConfidence);
          const Interval judged = mean_interval(p.mean, p.sd, p.n, level);
          // A tiny epsilon for the analytic value's own floating-point rounding.
          const double eps = 1e-12 * std::max(1.0, std::fabs(a));
          row.ci_lo = shown.lo;
          row.ci_hi = shown.hi;
          row.passed = judged.lo - eps <= a && a <= judged.hi + eps;
          row.rule = fmt::format("analytic in the {:.4g}% t interval [{:.6g}, {:.6g}]", level * 100, judged.lo, judged.hi);
          break;
        }
        case CheckKind::kProportion: {
          const Interval shown = wilson(p.successes, p.n, kShownConfidence);
          const Interval judged = wilson(p.successes, p.n, level);
          row.ci_lo = shown.lo;
          row.ci_hi = shown.hi;
          row.passed = judged.lo <= a && a <= judged.hi;
          row.rule = fmt::format("analytic in the {:.4g}% Wilson interval [{:.6g}, {:.6g}] ({} of {})", level * 100,
                                 judged.lo, judged.hi, p.successes, p.n);
          break;
        }
        case CheckKind::kQuantile: {
          const Interval shown = quantile_interval(p.sample, p.p, kShownConfidence);
          const Interval judged = quantile_interval(p.sample, p.p, level);
          const Interval reference = quantile_interval(p.reference, p.p, level);
          row.ci_lo = shown.lo;
          row.ci_hi = shown.hi;
          row.passed = judged.lo <= reference.hi && reference.lo <= judged.hi;
          row.rule = fmt::format(
              "{:.4g}% order-statistic intervals overlap: simulated [{:.6g}, {:.6g}], formula Monte Carlo "
              "(n={}) [{:.6g}, {:.6g}]",
              level * 100, judged.lo, judged.hi, p.reference.size(), reference.lo, reference.hi);
          break;
        }
        case CheckKind::kExact:
        case CheckKind::kBound:
        case CheckKind::kTrace: break;  // decided when measured
      }
      report.checks.push_back(std::move(row));
    }
    return report;
  }

 private:
  std::vector<Pending> pending_;
};

// --- Running replications.

struct Config {
  bool quick = false;
  std::uint64_t seed = 42;
  unsigned threads = 0;

  std::size_t reps(std::size_t full, std::size_t quick_count) const { return quick ? quick_count : full; }
  // Each check has its own seed, so that no two checks share random numbers.
  std::uint64_t seed_for(std::string_view check) const { return seed ^ stable_hash(check); }
};

// A built-in scenario, parsed by the one loader and planned with its first (or chosen) strategy.
struct Planned {
  ScenarioSpec spec;
  models::Deployment deployment;
};

Planned plan_yaml(std::string_view yaml, const std::string& name, const std::function<void(ScenarioSpec&)>& tweak = {},
                  std::size_t strategy = 0) {
  Planned p{parse_scenario(yaml, "validate:" + name), {}};
  if (tweak) tweak(p.spec);
  Diagnostics d;
  const auto dag = p.spec.workload.dag(d);
  ORCHSIM_CHECK(dag.has_value(), "built-in scenario {}: {}", name, d.items().empty() ? "" : d.items()[0].to_string());
  auto deployment = models::plan(p.spec.workload, *dag, p.spec.strategies.at(strategy), p.spec.catalog, p.spec.world.pricing, d);
  ORCHSIM_CHECK(deployment.has_value(), "built-in scenario {} cannot be planned", name);
  p.deployment = std::move(*deployment);
  return p;
}

double seconds(Duration d) { return d.to_seconds(); }

// --- The rungs.

void check_retries(Ladder& ladder, const Config& cfg) {
  const std::string rung = "bounded retries";
  struct Case {
    double p;
    int retries;
  };
  // Exponential backoff 30 s · 2^(k−1), anchored at the failed attempt's end, so that the wait
  // before retry k is exactly b_k.
  const Duration base = Duration::seconds(30);
  for (const Case c : {Case{0.2, 3}, Case{0.5, 2}, Case{0.9, 4}}) {
    const std::string tag = fmt::format("p={} R={}", c.p, c.retries);
    const Planned plan = plan_yaml(fmt::format(R"(
cluster: {{startup: 0s, workers: 1}}
workload: {{tasks: [{{task_key: t, duration: 1m, failure_probability: {}, max_retries: {}}}]}}
strategies: [single_job_shared_cluster]
)", c.p, c.retries), tag, [&](ScenarioSpec& s) {
      RetryPolicy& r = s.workload.tasks[0].retry;
      r.min_retry_interval = base;
      r.backoff = Backoff::kExponential;
      r.shape.edit().multiplier = 2;
      r.anchor = RetryAnchor::kAttemptEnd;
    });
    struct Rep {
      double attempts = 0;
      bool failed = false;
      double backoff_s = 0;
    };
    const std::uint64_t seed = cfg.seed_for("retries " + tag);
    const auto reps = parallel_map<Rep>(cfg.reps(20'000, 2'000), cfg.threads, [&](std::size_t i) {
      const auto r = run_replication(plan.deployment, plan.spec.workload, plan.spec.world, seed, i);
      return Rep{double(r.metrics.attempts), r.outcome == JobResult::kFailed, r.metrics.retry_wait_s};
    });
    std::vector<double> attempts, backoff;
    std::size_t failed = 0;
    for (const Rep& r : reps) {
      attempts.push_back(r.attempts);
      backoff.push_back(r.backoff_s);
      failed += r.failed;
    }
    std::vector<double> delays;
    for (int k = 1; k <= c.retries; ++k) delays.push_back(seconds(base) * std::pow(2.0, k - 1));
    ladder.mean(rung, tag + ": E[attempts] = (1 − p^{R+1})/(1 − p)", "attempts", an::expected_attempts(c.p, c.retries),
                attempts);
    ladder.proportion(rung, tag + ": P(final failure) = p^{R+1}", an::final_failure_probability(c.p, c.retries),
                      failed, reps.size());
    ladder.mean(rung, tag + ": E[total backoff] = Σ p^k·b_k, b_k = 30s·2^{k−1}", "s",
                an::expected_total_backoff_s(c.p, delays), backoff);
  }
}

void check_restart(Ladder& ladder, const Config& cfg) {
  const std::string rung = "restart under Poisson crashes";
  struct Case {
    double per_hour;
    const char* work;
    double work_s;
    const char* recovery;
    double recovery_s;
  };
  for (const Case c : {Case{0.5, "2h", 7200, "5m", 300}, Case{3, "20m", 1200, "2m", 120}}) {
    const std::string tag = fmt::format("λ={}/h t={} D={}", c.per_hour, c.work, c.recovery);
    // One task alone on its job cluster; a crash kills the cluster, the retry waits for a new one
    // (the recovery D is its startup) and restarts the work from scratch. The first startup is
    // not part of T.
    const Planned plan = plan_yaml(fmt::format(R"(
cluster: {{startup: {}, workers: 1}}
faults: {{driver_crashes_per_hour: {}}}
workload: {{tasks: [{{task_key: t, duration: {}, max_retries: -1}}]}}
strategies: [single_job_shared_cluster]
)", c.recovery, c.per_hour, c.work), tag);
    const std::uint64_t seed = cfg.seed_for("restart " + tag);
    const std::size_t n = cfg.reps(20'000, 2'000);
    const auto minutes = parallel_map<double>(n, cfg.threads, [&](std::size_t i) {
      const auto r = run_replication(plan.deployment, plan.spec.workload, plan.spec.world, seed, i);
      ORCHSIM_CHECK(r.outcome == JobResult::kSuccess, "retry-forever run did not succeed");
      return (seconds(r.makespan) - c.recovery_s) / 60;
    });
    const double lambda = c.per_hour / 3600;
    ladder.mean(rung, tag + ": E[T] = (1/λ + D)(e^{λt} − 1)", "min",
                an::expected_restart_time_s(lambda, c.work_s, c.recovery_s) / 60, minutes);
    Rng rng(seed, 0, "validation.restart.formula");
    std::vector<double> reference(cfg.reps(400'000, 100'000));
    for (double& x : reference) x = an::sample_restart_time_s(lambda, c.work_s, c.recovery_s, rng) / 60;
    for (const double p : {0.5, 0.95}) {
      ladder.quantile(rung, fmt::format("{}: p{:.0f} of T vs Monte Carlo of the formula", tag, p * 100), "min", p,
                      minutes, reference);
    }
  }
}

// The times at which each task of the entry run finished, from the engine's events.
class FinishTimes final : public EventSink {
 public:
  void on_event(const EngineEvent& e) override {
    if (std::holds_alternative<TaskFinished>(e.body)) times.push_back(e.time.since_start().to_seconds());
  }
  std::vector<double> times;
};

void check_processor_sharing(Ladder& ladder, const Config& cfg) {
  const std::string rung = "bounded processor sharing";
  constexpr int kCores = 4;  // one Standard_DS3_v2 worker
  const double work_s = 600;
  for (const int k : {2, 4, 6, 8, 13}) {
    std::string tasks;
    for (int i = 0; i < k; ++i) tasks += fmt::format("{{task_key: t{}, duration: 10m}},", i);
    const Planned plan = plan_yaml(fmt::format(R"(
cluster: {{startup: 0s, workers: 1}}
workload: {{tasks: [{}]}}
strategies: [single_job_shared_cluster]
)", tasks), fmt::format("ps k={}", k));
    FinishTimes finish;
    run_replication(plan.deployment, plan.spec.workload, plan.spec.world, cfg.seed_for("ps"), 0, &finish);
    const double expected = an::bounded_ps_finish_s(work_s, k, kCores);
    double worst = 0;
    for (double t : finish.times) worst = std::max(worst, std::fabs(t - expected));
    const double allowed = kMicro * k;
    ladder.decided({.rung = rung,
                    .name = fmt::format("k={} tasks of 10 min on c={} cores finish at w·max(1, k/c)", k, kCores),
                    .unit = "min", .kind = CheckKind::kExact, .analytic = expected / 60,
                    .simulated = *std::max_element(finish.times.begin(), finish.times.end()) / 60, .samples = finish.times.size(),
                    .passed = finish.times.size() == std::size_t(k) && worst <= allowed,
                    .rule = fmt::format("every task's finish within {:.0f} µs of the formula (worst {:.3g} µs)",
                                        allowed / kMicro, worst / kMicro)});
  }
}

// A random DAG: task i depends on each earlier task with probability `edge`, with a whole number
// of seconds of work in [1, 600].
models::Workload random_dag(Rng& rng, int tasks, double edge) {
  models::Workload w{.name = "random_dag"};
  for (int i = 0; i < tasks; ++i) {
    models::WorkloadTask t{.key = fmt::format("t{}", i)};
    for (int j = 0; j < i; ++j) {
      if (rng.bernoulli(edge)) t.depends_on.push_back({fmt::format("t{}", j)});
    }
    t.duration = Duration::seconds(1 + static_cast<std::int64_t>(rng.below(600)));
    w.tasks.push_back(std::move(t));
  }
  return w;
}

void check_dag_bounds(Ladder& ladder, const Config& cfg) {
  const int tasks = 30;
  const std::size_t dags = cfg.reps(50, 8);
  Rng rng(cfg.seed_for("random DAGs"), 0, "validation.dags");
  std::vector<models::Workload> workloads;
  for (std::size_t i = 0; i < dags; ++i) workloads.push_back(random_dag(rng, tasks, 0.15));

  // Critical path: as many one-core slots as tasks (one node of `tasks` cores), no startup.
  const auto planned_on = [&](const models::Workload& w, int cores) {
    return plan_yaml(fmt::format(R"(
node_types: [{{name: slots, vcpus: {}, mem_gib: 1024, dbu_per_hour: 1, vm_usd_per_hour: 1}}]
cluster: {{startup: 0s, workers: 1, node_type: slots}}
workload: {{tasks: [{{task_key: x, duration: 1s}}]}}
strategies: [single_job_shared_cluster]
)", cores), fmt::format("dag on {} cores", cores), [&](ScenarioSpec& s) { s.workload = w; });
  };
  const auto makespans_on = [&](int cores) {
    return parallel_map<std::pair<double, std::vector<double>>>(dags, cfg.threads, [&](std::size_t i) {
      const Planned p = planned_on(workloads[i], cores);
      const auto r = run_replication(p.deployment, p.spec.workload, p.spec.world, cfg.seed_for("dags"), i);
      Diagnostics d;
      const Dag dag = *p.spec.workload.dag(d);
      std::vector<double> durations;
      for (const auto& t : p.spec.workload.tasks) durations.push_back(seconds(t.duration));
      return std::pair{seconds(r.makespan), [&] {
                         std::vector<double> v{an::critical_path_s(dag, durations)};
                         for (int m : {2, 4, 8}) {
                           const auto g = an::graham_bounds(dag, durations, m);
                           v.push_back(g.lower_s);
                           v.push_back(g.upper_s);
                         }
                         return v;
                       }()};
    });
  };

  {
    const auto runs = makespans_on(tasks);
    double worst = 0, cp_sum = 0, mk_sum = 0;
    for (const auto& [makespan, bounds] : runs) {
      worst = std::max(worst, std::fabs(makespan - bounds[0]));
      cp_sum += bounds[0];
      mk_sum += makespan;
    }
    ladder.decided({.rung = "DAG bounds",
                    .name = fmt::format("unlimited slots: makespan = critical path ({} random DAGs, {} tasks)", dags, tasks),
                    .unit = "min (mean)", .kind = CheckKind::kExact, .analytic = cp_sum / double(dags) / 60,
                    .simulated = mk_sum / double(dags) / 60, .samples = dags, .passed = worst <= kMicro,
                    .rule = fmt::format("every DAG within 1 µs of its critical path (worst {:.3g} µs)", worst / kMicro)});
  }
  for (std::size_t mi = 0; mi < 3; ++mi) {
    const int m = 2 << mi;
    const auto runs = makespans_on(m);
    double min_lower = 1e300, max_upper = 0;
    bool ok_lower = true, ok_upper = true;
    const double slack = kMicro * tasks;
    for (const auto& [makespan, bounds] : runs) {
      const double lower = bounds[1 + 2 * mi], upper = bounds[2 + 2 * mi];
      min_lower = std::min(min_lower, makespan / lower);
      max_upper = std::max(max_upper, makespan / upper);
      ok_lower = ok_lower && makespan >= lower - slack;
      ok_upper = ok_upper && makespan <= upper + slack;
    }
    ladder.decided({.rung = "DAG bounds", .name = fmt::format("m={} slots: makespan ≥ max(CP, W/m), min ratio over {} DAGs", m, dags),
                    .unit = "ratio", .kind = CheckKind::kBound, .analytic = 1, .simulated = min_lower, .samples = dags,
                    .passed = ok_lower, .rule = fmt::format("every makespan ≥ its lower bound − {:.0f} µs", slack / kMicro)});
    ladder.decided({.rung = "DAG bounds",
                    .name = fmt::format("m={} slots: makespan ≤ W/m + (1 − 1/m)·CP (Graham), max ratio over {} DAGs", m, dags),
                    .unit = "ratio", .kind = CheckKind::kBound, .analytic = 1, .simulated = max_upper, .samples = dags,
                    .passed = ok_upper, .rule = fmt::format("every makespan ≤ its Graham bound + {:.0f} µs", slack / kMicro)});
  }
}

// An open system on one shared cluster: job j is workload task j alone, started at its arrival.
// The cluster is all-purpose: a job cluster belongs to one run, and every run would get its own.
// The structure (jobs, compute) is planned once; each replication brings its own workload (the
// drawn sizes).
models::Deployment open_system(const models::Deployment& one_task, std::size_t jobs) {
  models::Deployment d = one_task;
  d.jobs.assign(jobs, one_task.jobs[0]);
  d.work = models::JobWork{};
  for (std::size_t j = 0; j < jobs; ++j) {
    d.jobs[j].name = fmt::format("arrival_{}", j);
    const TaskId task(static_cast<std::uint32_t>(j));
    d.work.add_job(std::span(&task, 1));
  }
  return d;
}

models::Workload sized_workload(const models::WorkloadTask& prototype, std::span<const double> sizes_s) {
  models::Workload w{.name = "open_system"};
  for (std::size_t j = 0; j < sizes_s.size(); ++j) {
    models::WorkloadTask t = prototype;
    t.key = fmt::format("job{}", j);
    t.duration = Duration::from_seconds(sizes_s[j]);
    w.tasks.push_back(std::move(t));
  }
  return w;
}

// An open system's session: `n0` jobs already present at time 0, then `arrivals` Poisson arrivals
// at `rate_per_s`. Sizes come from `initial_size` (for the jobs present) and `size`, drawn in this
// order so that every check's random numbers stay where they were.
struct OpenArrivals {
  std::vector<double> sizes_s;
  SessionOptions options;
};

template <class InitialSize, class Size>
OpenArrivals open_arrivals(Rng& rng, std::size_t n0, std::size_t arrivals, double rate_per_s,
                           InitialSize initial_size, Size size) {
  OpenArrivals a;
  for (std::size_t j = 0; j < n0; ++j) {
    a.sizes_s.push_back(initial_size(rng));
    a.options.starts.push_back({SimTime::zero(), JobId(static_cast<std::uint32_t>(j))});
  }
  double t = 0;
  for (std::size_t j = 0; j < arrivals; ++j) {
    t += rng.exponential(rate_per_s);
    a.sizes_s.push_back(size(rng));
    a.options.starts.push_back({SimTime::zero() + Duration::from_seconds(t), JobId(static_cast<std::uint32_t>(n0 + j))});
  }
  return a;
}

// Draws n from a discrete law given by its probabilities (the last entry takes the remainder).
std::size_t draw_index(std::span<const double> probabilities, Rng& rng) {
  double u = rng.uniform01();
  for (std::size_t i = 0; i + 1 < probabilities.size(); ++i) {
    if (u < probabilities[i]) return i;
    u -= probabilities[i];
  }
  return probabilities.size() - 1;
}

void check_mmc(Ladder& ladder, const Config& cfg) {
  const std::string rung = "M/M/c (Erlang C)";
  constexpr int kServers = 4;                 // 4 one-core contexts: max_contexts 4 on 4 cores, FIFO
  const double mean_service_s = 600;          // μ = 1 / 10 min
  const double arrivals_per_s = 0.3 / 60;     // λ = 0.3 / min: a = 3, ρ = 0.75
  const double mu = 1 / mean_service_s;
  const std::size_t arrivals = cfg.reps(1'000, 300);
  const std::size_t reps = cfg.reps(400, 60);
  // Start in the stationary law (n0 jobs already there, each with a fresh exponential service, by
  // memorylessness) so that every arrival sees the stationary queue (PASTA): no warm-up bias.
  const int n_max = 200;  // P(N > 200) < 1e-24
  const auto pi = an::mmc_stationary(kServers, arrivals_per_s, mu, n_max);
  const Planned one = plan_yaml(fmt::format(R"(
cluster: {{startup: 0s, workers: 1, max_contexts: {}}}
workload: {{tasks: [{{task_key: job, duration: 10m}}]}}
strategies: [all_purpose_shared]
)", kServers), "mmc");
  const models::Deployment deployment = open_system(one.deployment, std::size_t(n_max) + arrivals);
  const std::uint64_t seed = cfg.seed_for("mmc");
  struct Rep {
    double mean_wait_min = 0;
    double waited = 0;
  };
  const auto results = parallel_map<Rep>(reps, cfg.threads, [&](std::size_t i) {
    Rng rng(seed, i, "validation.mmc.arrivals");
    const std::size_t n0 = draw_index(pi, rng);
    const auto exponential_size = [&](Rng& r) { return r.exponential(mu); };
    const OpenArrivals open = open_arrivals(rng, n0, arrivals, arrivals_per_s, exponential_size, exponential_size);
    const models::Workload workload = sized_workload(one.spec.workload.tasks[0], open.sizes_s);
    const SessionResult r = run_session(deployment, workload, one.spec.world, open.options, seed, i);
    Rep rep;
    for (const SessionAttempt& a : r.attempts) {
      if (a.job.index() < n0) continue;
      const double wait = (*a.running - a.started).to_seconds();
      rep.mean_wait_min += wait / 60;
      rep.waited += wait > 0 ? 1 : 0;
    }
    rep.mean_wait_min /= double(arrivals);
    rep.waited /= double(arrivals);
    return rep;
  });
  std::vector<double> waits, waited;
  for (const Rep& r : results) {
    waits.push_back(r.mean_wait_min);
    waited.push_back(r.waited);
  }
  const std::string tag = fmt::format("c={} λ=0.3/min μ=0.1/min (ρ=0.75), {} arrivals × {}", kServers, arrivals, reps);
  ladder.mean(rung, tag + ": P(wait) = C(c, a)", "probability", an::erlang_c(kServers, arrivals_per_s, mu), waited);
  ladder.mean(rung, tag + ": E[W] = C(c, a)/(cμ − λ)", "min", an::mmc_mean_wait_s(kServers, arrivals_per_s, mu) / 60,
              waits);
}

// One M/G/1-PS replication's averages over the `arrivals` jobs that arrived (the n0 jobs present at
// time 0 are not counted): slowdown T/x, response T, and slowdown of jobs of size >= `large`.
struct Mg1Replication {
  double slowdown = 0;
  double response_s = 0;
  double large_slowdown = 0;
  double large = 0;  // how many jobs were large
};

Mg1Replication measure_mg1(const SessionResult& r, const models::Workload& workload, std::size_t n0,
                           std::size_t arrivals, double large) {
  Mg1Replication rep;
  std::size_t large_n = 0;
  for (const SessionAttempt& a : r.attempts) {
    if (a.job.index() < n0) continue;
    const double x = seconds(workload.tasks[a.job.index()].duration);
    const double response = (*a.finished - a.started).to_seconds();
    rep.slowdown += response / x;
    rep.response_s += response;
    if (x >= large) {
      rep.large_slowdown += response / x;
      ++large_n;
    }
  }
  rep.slowdown /= double(arrivals);
  rep.response_s /= double(arrivals);
  rep.large = double(large_n);
  rep.large_slowdown = large_n > 0 ? rep.large_slowdown / double(large_n) : 0;
  return rep;
}

void check_mg1_ps(Ladder& ladder, const Config& cfg) {
  const std::string rung = "M/G/1 processor sharing";
  const double load = 0.6;
  const double mean_size_s = 60;
  const double arrivals_per_s = load / mean_size_s;
  const std::size_t arrivals = cfg.reps(2'000, 400);
  const std::size_t reps = cfg.reps(200, 40);
  // One core shared by every job in the system (no context cap in practice).
  const Planned one = plan_yaml(R"(
node_types: [{name: one_core, vcpus: 1, mem_gib: 1024, dbu_per_hour: 1, vm_usd_per_hour: 1}]
cluster: {startup: 0s, workers: 1, node_type: one_core, max_contexts: 100000}
workload: {tasks: [{task_key: job, duration: 1m}]}
strategies: [all_purpose_shared]
)", "mg1ps");
  // Geometric number in system at stationarity, P(n) = (1 − ρ)ρ^n, truncated where it is < 1e-20.
  std::vector<double> geometric;
  for (double q = 1 - load; q > 1e-20; q *= load) geometric.push_back(q);
  const models::Deployment deployment = open_system(one.deployment, geometric.size() + arrivals);

  // Sizes: deterministic 60 s, and lognormal with mean 60 s and σ = 1.5 (p95/median ≈ 12).
  const double sigma = 1.5;
  const double mu_log = std::log(mean_size_s) - sigma * sigma / 2;
  struct Law {
    const char* name;
    std::function<double(Rng&)> size;
    // The stationary residual size of a job in service: U × a size-biased draw.
    std::function<double(Rng&)> residual;
  };
  const std::vector<Law> laws{
      {"deterministic 60 s", [&](Rng&) { return mean_size_s; },
       [&](Rng& rng) { return rng.uniform01() * mean_size_s; }},
      {"lognormal mean 60 s σ=1.5", [&](Rng& rng) { return std::exp(mu_log + sigma * rng.normal()); },
       // Size-biasing a lognormal(μ, σ) gives lognormal(μ + σ², σ).
       [&](Rng& rng) { return rng.uniform01() * std::exp(mu_log + sigma * sigma + sigma * rng.normal()); }},
  };
  const double large = std::exp(mu_log + sigma * models::standard_normal_quantile(0.9));
  for (const Law& law : laws) {
    const std::uint64_t seed = cfg.seed_for(std::string("mg1ps ") + law.name);
    const auto results = parallel_map<Mg1Replication>(reps, cfg.threads, [&](std::size_t i) {
      Rng rng(seed, i, "validation.mg1ps.arrivals");
      const std::size_t n0 = draw_index(geometric, rng);
      const OpenArrivals open = open_arrivals(rng, n0, arrivals, arrivals_per_s, law.residual, law.size);
      const models::Workload workload = sized_workload(one.spec.workload.tasks[0], open.sizes_s);
      const SessionResult r = run_session(deployment, workload, one.spec.world, open.options, seed, i);
      return measure_mg1(r, workload, n0, arrivals, large);
    });
    std::vector<double> slowdown, response, large_slowdown;
    for (const Mg1Replication& r : results) {
      slowdown.push_back(r.slowdown);
      response.push_back(r.response_s);
      if (r.large > 0) large_slowdown.push_back(r.large_slowdown);
    }
    const std::string tag = fmt::format("ρ={} {}", load, law.name);
    const double expected_slowdown = an::mg1_ps_mean_response_s(1, load);
    if (law.name[0] == 'd') {
      ladder.mean(rung, tag + ": E[T | x = 60 s] = x/(1 − ρ)", "s", an::mg1_ps_mean_response_s(mean_size_s, load),
                  response);
    } else {
      ladder.mean(rung, tag + ": E[T/x] = 1/(1 − ρ)", "ratio", expected_slowdown, slowdown);
      ladder.mean(rung, tag + ": E[T/x | x ≥ p90 size] = 1/(1 − ρ)", "ratio", expected_slowdown, large_slowdown);
    }
  }
}

void check_markov(Ladder& ladder, const Config& cfg) {
  const std::string rung = "absorbing Markov chain";
  constexpr int kTasks = 5;
  const double s = 0.9;
  const double duration_s = 600;
  std::string chain;
  for (int i = 0; i < kTasks; ++i) {
    chain += fmt::format("{{task_key: t{}, duration: 10m, failure_probability: {}, max_retries: RETRIES{}}},", i,
                         1 - s, i == 0 ? "" : fmt::format(", depends_on: [t{}]", i - 1));
  }
  const auto yaml = [&](std::optional<std::uint32_t> retries) {
    std::string tasks = chain;
    const std::string spelled = retries ? std::to_string(*retries) : "-1";  // YAML's "forever"
    for (std::size_t at; (at = tasks.find("RETRIES")) != std::string::npos;) tasks.replace(at, 7, spelled);
    return fmt::format(R"(
cluster: {{startup: 0s, workers: 1}}
workload: {{tasks: [{}]}}
strategies: [single_job_shared_cluster]
)", tasks);
  };
  const std::size_t n = cfg.reps(20'000, 2'000);

  struct Rep {
    double executions = 0;
    double cost_usd = 0;
    bool succeeded = false;
  };
  for (const std::optional<std::uint32_t> retries : {RetryPolicy::kForever, std::optional<std::uint32_t>(2)}) {
    for (const auto recovery : {an::Recovery::kRetryTask, an::Recovery::kRestartJob}) {
      const bool retry_task = recovery == an::Recovery::kRetryTask;
      const Planned plan = plan_yaml(yaml(retry_task ? retries : 0u), "markov");
      const double usd_per_s = models::usd_per_hour(plan.deployment.computes[0].shape, plan.spec.world.pricing) / 3600;
      const std::string tag =
          fmt::format("m={} s={} {}, {}", kTasks, s, retry_task ? "retry the failed task" : "restart the whole job",
                      !retries ? "no retry limit" : fmt::format("at most {} {}", *retries, retry_task ? "retries per task" : "restarts"));
      const std::uint64_t seed = cfg.seed_for("markov " + tag);
      // Restarting the whole job is a new run of it after a failed one (Databricks has no job-level
      // retry; a scheduler does this); "forever" is 10^6 restarts, never reached.
      const SessionOptions restart{.starts = {{SimTime::zero(), plan.deployment.entry}},
                                   .restarts = retries.value_or(1'000'000u)};
      const auto reps = parallel_map<Rep>(n, cfg.threads, [&](std::size_t i) {
        if (retry_task) {
          const auto r = run_replication(plan.deployment, plan.spec.workload, plan.spec.world, seed, i);
          return Rep{double(r.metrics.attempts), r.metrics.execution_s * usd_per_s, r.outcome == JobResult::kSuccess};
        }
        const SessionResult r = run_session(plan.deployment, plan.spec.workload, plan.spec.world, restart, seed, i);
        double executing = 0;
        for (const auto& a : r.attempts) executing += (*a.finished - *a.running).to_seconds();
        return Rep{double(r.attempts.size()), executing * usd_per_s, r.runs.back().result == JobResult::kSuccess};
      });
      // A failed execution fails at a uniform point of its work: it costs half a success on average.
      const an::PipelineExpectation expected = an::expect({.tasks = kTasks, .success = s, .recovery = recovery,
                                                           .retries = retries, .success_cost = duration_s * usd_per_s,
                                                           .failure_cost = duration_s / 2 * usd_per_s});
      std::vector<double> executions, cost;
      std::size_t succeeded = 0;
      for (const Rep& r : reps) {
        executions.push_back(r.executions);
        cost.push_back(r.cost_usd);
        succeeded += r.succeeded;
      }
      ladder.mean(rung, tag + ": E[executions] = (N·1)[start]", "executions", expected.executions, executions);
      ladder.mean(rung, tag + ": E[cost of executions] = (N·r)[start]", "$", expected.cost, cost);
      if (retries) {  // bounded: some runs fail for good
        ladder.proportion(rung, tag + ": P(success) = B[start, success]", expected.success_probability, succeeded, n);
      }
    }
  }
}

void check_startup(Ladder& ladder, const Config& cfg) {
  const std::string rung = "startup arithmetic";
  // The seed's A ∥ B → C pipeline with fixed times: startup S = 5 min, trigger latency L = 30 s.
  const char* yaml = R"(
trigger_latency: 30s
cluster: {startup: 5m}
workload:
  tasks:
    - {task_key: a, duration: 10m}
    - {task_key: b, duration: 20m}
    - {task_key: c, duration: 15m, depends_on: [a, b]}
strategies: [multi_job, single_job_shared_cluster]
)";
  const double S = 300, L = 30, da = 600, db = 1200, dc = 900;
  const Planned multi = plan_yaml(yaml, "startup multi_job", {}, 0);
  const Planned shared = plan_yaml(yaml, "startup shared", {}, 1);
  const auto rm = run_replication(multi.deployment, multi.spec.workload, multi.spec.world, cfg.seed_for("startup"), 0);
  const auto rs = run_replication(shared.deployment, shared.spec.workload, shared.spec.world, cfg.seed_for("startup"), 0);
  // Multi-job: each hop pays the trigger latency and a cluster startup; shared: one startup, then the CP.
  const double multi_s = std::max(L + S + da, L + S + db) + L + S + dc;
  const double shared_s = S + std::max(da, db) + dc;
  // Cost by hand (docs/model.md §2–3): nodes × (VM $/h over startup + run, DBU/h × $/DBU over the run only:
  // the default billing assumption).
  const models::NodeType& node = *shared.deployment.computes[0].shape.node;
  const double nodes = shared.deployment.computes[0].shape.nodes();
  const double vm = node.vm_usd_per_hour / 3600 * nodes;
  const double dbu = node.dbu_per_hour * shared.spec.world.pricing.jobs_usd_per_dbu / 3600 * nodes;
  const double shared_usd = vm * shared_s + dbu * (shared_s - S);
  double multi_usd = 0;
  for (const double d : {da, db, dc}) multi_usd += vm * (S + d) + dbu * d;
  const auto exact = [&](std::string name, std::string unit, double analytic, double simulated, double allowed) {
    ladder.decided({.rung = rung, .name = std::move(name), .unit = std::move(unit), .kind = CheckKind::kExact,
                    .analytic = analytic, .simulated = simulated, .samples = 1,
                    .passed = std::fabs(simulated - analytic) <= allowed,
                    .rule = fmt::format("|difference| ≤ {:g}", allowed)});
  };
  exact("multi_job makespan = Σ over the longest chain of (L + S + d)", "min", multi_s / 60, seconds(rm.makespan) / 60,
        kMicro / 60);
  exact("shared cluster makespan = S + critical path", "min", shared_s / 60, seconds(rs.makespan) / 60, kMicro / 60);
  exact("multi_job cost = Σ nodes·(VM·(S + d) + DBU·d)", "$", multi_usd, rm.cost.total(), 1e-9 * multi_usd);
  exact("shared cluster cost = nodes·(VM·makespan + DBU·(makespan − S))", "$", shared_usd, rs.cost.total(),
        1e-9 * shared_usd);
}

}  // namespace

ValidationReport run_validation(const ValidationOptions& options) {
  // Read the traces first: bad input fails before any simulation runs.
  std::vector<WfCommonsTrace> traces;
  for (const auto& file : options.traces) {
    traces.push_back(std::move(*load_input(file, {.use = InputUse::kTrace}).trace));
  }

  const Config cfg{.quick = options.quick, .seed = options.seed, .threads = options.threads};
  Ladder ladder;
  check_retries(ladder, cfg);
  check_restart(ladder, cfg);
  check_processor_sharing(ladder, cfg);
  check_dag_bounds(ladder, cfg);
  check_mmc(ladder, cfg);
  check_mg1_ps(ladder, cfg);
  check_markov(ladder, cfg);
  check_startup(ladder, cfg);
  const TraceCheckOptions trace_options{.max_error = options.trace_max_error, .bandwidth_bps = options.trace_bandwidth_bps};
  for (CheckResult& row : trace_checks(traces, trace_options)) ladder.decided(std::move(row));
  return ladder.finish(options);
}

}  // namespace orchsim::sim
