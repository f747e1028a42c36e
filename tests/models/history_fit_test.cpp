// fit_history: parameter recovery from run records sampled in code from known distributions (the
// truth below), plus the counting rules. Tolerances are the (#18): the fitted median
// duration within 5% of the truth and the startup median within 10% at 200 runs; at 200 and at 20
// runs every 95% interval covers the truth. The spreads are chosen so that 5% and 10% are about
// 3 standard errors of the fitted log-median at 200 runs (σ/√n: 0.246/√200 = 0.017; 0.485/√200 = 0.034).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/error.h"
#include "models/history_fit.h"

using namespace orchsim;
using models::JobRunRecord;
using models::TaskAttemptRecord;

namespace {

struct TrueTask {
  std::string key;
  double median_s;
  double p95_s;
  double failure_probability;
};

const std::vector<TrueTask> kTruth{{"ingest", 600, 900, 0.05}, {"transform", 120, 180, 0.20}, {"publish", 30, 45, 0.0}};
constexpr double kStartupMedian = 270;  // the simulator's default classic startup, lognormal(270 s, p95 600 s)
constexpr double kStartupP95 = 600;

double draw_lognormal(Rng& rng, double median, double p95) {
  return median * std::exp(std::log(p95 / median) / models::kZ95 * rng.normal());
}

// One run: the tasks in a chain on one job cluster "main", each retried until it succeeds (at most
// 4 attempts); the first attempt on the cluster waits for its startup, the others 1 s.
JobRunRecord sample_run(Rng& rng, std::int64_t run_id) {
  JobRunRecord run{.run_id = run_id, .job_id = 7, .job_name = "nightly", .start_ms = run_id * 86'400'000};
  std::int64_t t = run.start_ms;
  bool first = true;
  for (const TrueTask& task : kTruth) {
    for (std::uint32_t attempt = 0; attempt < 4; ++attempt) {
      const auto setup = static_cast<std::int64_t>(first ? draw_lognormal(rng, kStartupMedian, kStartupP95) * 1000 : 1000);
      first = false;
      const bool fails = rng.bernoulli(task.failure_probability);
      const double full = draw_lognormal(rng, task.median_s, task.p95_s);
      const auto exec = static_cast<std::int64_t>((fails ? full * rng.uniform01() : full) * 1000);
      run.attempts.push_back({.task_key = task.key, .attempt_number = attempt, .start_ms = t, .end_ms = t + setup + exec,
                              .setup_ms = setup, .execution_ms = exec, .cleanup_ms = 0,
                              .result_state = fails ? "FAILED" : "SUCCESS", .compute = "main"});
      t += setup + exec;
      if (!fails) break;
    }
  }
  run.end_ms = t;
  run.result_state = "SUCCESS";
  return run;
}

models::HistoryFit fit_sampled(int runs, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<JobRunRecord> records;
  for (int i = 0; i < runs; ++i) records.push_back(sample_run(rng, i));
  return models::fit_history(records, {});
}

const models::TaskFit& task(const models::HistoryFit& fit, const std::string& key) {
  for (const auto& t : fit.tasks) {
    if (t.task_key == key) return t;
  }
  FAIL("no fit for ", key);
  return fit.tasks.front();
}

// Each 95% interval covers the truth: the failure probabilities' always, the medians' when asked
// (at 200 runs the issue asks for the median within 5% instead).
void check_covers(const models::HistoryFit& fit, bool medians) {
  for (const TrueTask& truth : kTruth) {
    const models::TaskFit& t = task(fit, truth.key);
    INFO(truth.key);
    REQUIRE(t.duration.has_value());
    if (medians) {
      CHECK(t.duration->median_lo <= truth.median_s);
      CHECK(t.duration->median_hi >= truth.median_s);
    }
    CHECK(t.failure.lo <= truth.failure_probability);
    CHECK(t.failure.hi >= truth.failure_probability);
  }
  REQUIRE(fit.computes.size() == 1);
  CHECK(fit.computes[0].startup.median_lo <= kStartupMedian);
  CHECK(fit.computes[0].startup.median_hi >= kStartupMedian);
}

}  // namespace

TEST_CASE("fit_history: 200 runs recover each median within 5%, each failure probability, the startup within 10%") {
  const models::HistoryFit fit = fit_sampled(200, 2026);
  CHECK(fit.runs == 200);
  CHECK(fit.job == "nightly");
  for (const TrueTask& truth : kTruth) {
    const models::TaskFit& t = task(fit, truth.key);
    INFO(truth.key, " fitted median ", t.duration->median);
    CHECK_FALSE(t.duration->empirical);  // lognormal samples: the lognormal is kept
    CHECK(std::fabs(t.duration->median / truth.median_s - 1) <= 0.05);
  }
  CHECK(std::fabs(fit.computes[0].startup.median / kStartupMedian - 1) <= 0.10);
  CHECK(fit.computes[0].compute == "main");
  check_covers(fit, false);
}

TEST_CASE("fit_history: 20 runs give wider intervals that still cover the truth") {
  // One sample of 20 covers the truth with probability 95% per interval, so a single seed proves
  // little: over 200 independent samples of 20 runs each interval must cover in at least 90% of
  // them (95% less 3.2 binomial standard deviations, √(0.95·0.05/200) = 1.5%).
  constexpr int kSamples = 200;
  std::vector<int> covered(2 * kTruth.size() + 1, 0);
  for (int sample = 0; sample < kSamples; ++sample) {
    const models::HistoryFit fit = fit_sampled(20, 10'000 + sample);
    for (std::size_t i = 0; i < kTruth.size(); ++i) {
      const models::TaskFit& t = task(fit, kTruth[i].key);
      covered[2 * i] += t.duration->median_lo <= kTruth[i].median_s && t.duration->median_hi >= kTruth[i].median_s;
      covered[2 * i + 1] += t.failure.lo <= kTruth[i].failure_probability && t.failure.hi >= kTruth[i].failure_probability;
    }
    const models::SecondsFit& startup = fit.computes.at(0).startup;
    covered.back() += startup.median_lo <= kStartupMedian && startup.median_hi >= kStartupMedian;
  }
  for (std::size_t i = 0; i < covered.size(); ++i) {
    INFO("interval ", i, " covered ", covered[i], " of ", kSamples);
    CHECK(covered[i] >= 180);
  }
  // Wider than at 200 runs.
  const models::HistoryFit small = fit_sampled(20, 2027);
  const models::HistoryFit large = fit_sampled(200, 2026);
  for (const TrueTask& truth : kTruth) {
    const models::SecondsFit& sm = *task(small, truth.key).duration;
    const models::SecondsFit& l = *task(large, truth.key).duration;
    CHECK(sm.median_hi - sm.median_lo > l.median_hi - l.median_lo);
    CHECK(task(small, truth.key).failure.hi - task(small, truth.key).failure.lo >
          task(large, truth.key).failure.hi - task(large, truth.key).failure.lo);
  }
}

TEST_CASE("fit_history: counting rules") {
  JobRunRecord run{.run_id = 1, .job_id = 3, .job_name = "j"};
  auto attempt = [](std::string state, std::int64_t start, std::int64_t end, std::optional<std::int64_t> setup,
                    std::optional<std::int64_t> exec) {
    return TaskAttemptRecord{.task_key = "a", .start_ms = start, .end_ms = end, .setup_ms = setup, .execution_ms = exec,
                             .result_state = std::move(state), .compute = "c"};
  };
  run.attempts = {attempt("SUCCESS", 0, 10'000, 2'000, 7'000),      // execution_duration: 7 s
                  attempt("SUCCESS", 10'000, 20'000, 1'000, std::nullopt),  // end − start − setup: 9 s
                  attempt("SUCCESS", 20'000, 30'000, std::nullopt, std::nullopt),  // end − start: 10 s
                  attempt("FAILED", 30'000, 31'000, 0, 1'000), attempt("CANCELED", 31'000, 32'000, 0, 1'000)};
  const std::vector<JobRunRecord> runs{run};
  const models::HistoryFit fit = models::fit_history(runs, {.empirical = true});
  REQUIRE(fit.tasks.size() == 1);
  const models::TaskFit& t = fit.tasks[0];
  CHECK(t.succeeded == 3);
  CHECK(t.failed == 1);
  CHECK(t.other == 1);
  CHECK(t.failure.rate == doctest::Approx(0.25));
  REQUIRE(t.duration.has_value());
  CHECK(t.duration->empirical);
  CHECK(t.duration->distribution.parameters() == std::vector<double>{7, 9, 10});
  CHECK(t.duration->median == 9);
  // The startup of compute c: the setup of its first attempt, 2 s.
  REQUIRE(fit.computes.size() == 1);
  CHECK(fit.computes[0].startup.median == doctest::Approx(2));
  // 3 durations and 4 attempts, under 5: reported.
  CHECK(fit.notes.size() >= 2);
}

TEST_CASE("fit_history: a two-humped duration falls back to the samples, with a note") {
  std::vector<JobRunRecord> runs;
  for (int i = 0; i < 100; ++i) {
    const std::int64_t exec = (i % 2 ? 100'000 : 1'000'000) + i * 10;
    runs.push_back({.run_id = i, .job_id = 1, .attempts = {{.task_key = "t", .start_ms = 0, .end_ms = exec,
                                                           .execution_ms = exec, .result_state = "SUCCESS"}}});
  }
  const models::HistoryFit fit = models::fit_history(runs, {});
  REQUIRE(fit.tasks[0].duration.has_value());
  CHECK(fit.tasks[0].duration->empirical);
  REQUIRE(fit.notes.size() == 1);
  CHECK(fit.notes[0].find("fits poorly") != std::string::npos);
}

TEST_CASE("runs_of_job and match_task_keys") {
  models::RunRecords records;
  records.runs.push_back({.run_id = 2, .job_id = 1, .job_name = "a", .start_ms = 50});
  records.runs.push_back({.run_id = 1, .job_id = 1, .job_name = "a", .start_ms = 10});
  records.runs.push_back({.run_id = 3, .job_id = 2, .job_name = "b", .start_ms = 20});
  CHECK_THROWS_AS(models::runs_of_job(records, ""), InputError);
  CHECK_THROWS_AS(models::runs_of_job(records, "c"), InputError);
  const auto a = models::runs_of_job(records, "a");
  REQUIRE(a.size() == 2);
  CHECK(a[0].run_id == 1);  // in start order
  CHECK(models::runs_of_job(records, "2").size() == 1);

  models::HistoryFit fit;
  fit.tasks.push_back({.task_key = "x"});
  fit.tasks.push_back({.task_key = "gone"});
  models::match_task_keys(fit, {"x", "y"});
  CHECK(fit.tasks[0].in_job);
  CHECK_FALSE(fit.tasks[1].in_job);
  CHECK(fit.notes.size() == 2);  // 'gone' is not in the job; 'y' has no record
}
