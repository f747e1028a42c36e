// The calibration end to end (#18): synthetic history simulated from a known job
// (tests/fixtures/calibration: job.yml with the truth in truth.yml; sim::simulate_history, the
// library behind `compare --history-out`), fitted (models/history_fit) and backtested
// (cli/backtest_command). Tolerances are the issue's: at 200 runs each fitted median duration
// within 5% of the truth, the startup median within 10%, each 95% interval covering the truth; at 20
// runs the intervals are wider and still cover. The startup truth is the simulator's default
// classic startup, lognormal(median 270 s, p95 600 s) (docs/model.md §3.2).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "cli/backtest_command.h"
#include "models/history_fit.h"
#include "sim/experiment/replication_history.h"
#include "sim/input/load_input.h"

using namespace orchsim;

namespace {

const std::string kDir = ORCHSIM_SOURCE_DIR "/tests/fixtures/calibration/";

struct Truth {
  const char* key;
  double median_s;
  double failure_probability;
};
// truth.yml
const std::vector<Truth> kTruth{{"ingest", 600, 0.1}, {"transform", 120, 0.2}, {"publish", 30, 0.0}};
constexpr double kStartupMedian = 270;

// `runs` replications of job.yml's layout as written under `profile`, as recorded runs; run ids and
// times shifted by `offset` runs so that two histories can follow each other.
std::vector<models::JobRunRecord> history(const std::string& profile, std::uint32_t runs, std::uint64_t seed,
                                          std::int64_t offset = 0) {
  sim::ScenarioSpec s = std::move(*sim::load_input(kDir + "job.yml", {.profile_path = kDir + profile}).scenario);
  std::erase_if(s.strategies, [](const models::StrategySpec& x) { return x.kind != models::StrategyKind::kAsDefined; });
  std::vector<models::JobRunRecord> out;
  sim::simulate_history(s, seed, runs, 1, [&](std::size_t, const sim::HistoryRun& h) {
    models::JobRunRecord r = h.run;
    const std::int64_t shift = offset * sim::kHistoryPeriodMs;
    r.run_id += offset;
    r.start_ms += shift;
    r.end_ms += shift;
    for (auto& a : r.attempts) {
      a.start_ms += shift;
      a.end_ms += shift;
    }
    out.push_back(std::move(r));
  });
  return out;
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
  for (const Truth& truth : kTruth) {
    INFO(truth.key);
    const models::TaskFit& t = task(fit, truth.key);
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

cli::BacktestOutcome backtest(const std::vector<models::JobRunRecord>& runs) {
  cli::BacktestRequest request{.bundle = kDir + "job.yml", .input = {}, .sources = {"synthetic"}, .split = 0.5,
                               .replications = 1000, .seed = 7, .threads = 1, .empirical = false};
  return cli::run_backtest(runs, request);
}

std::string verdict(const cli::BacktestOutcome& o, const std::string& figure) {
  for (const auto& f : o.figures) {
    if (f.name.rfind(figure, 0) == 0) return f.verdict;
  }
  FAIL("no figure ", figure);
  return "";
}

}  // namespace

TEST_SUITE("calibration") {
  TEST_CASE("parameter recovery from 200 simulated runs, and from 20") {
    const auto runs = history("truth.yml", 200, 11);
    const models::HistoryFit fit = models::fit_history(runs, {});
    for (const Truth& truth : kTruth) {
      const models::TaskFit& t = task(fit, truth.key);
      INFO(truth.key, " fitted median ", t.duration->median, " n ", t.duration->n);
      CHECK(std::fabs(t.duration->median / truth.median_s - 1) <= 0.05);
    }
    INFO("startup median ", fit.computes.at(0).startup.median);
    CHECK(fit.computes.at(0).compute == "main");
    CHECK(std::fabs(fit.computes.at(0).startup.median / kStartupMedian - 1) <= 0.10);
    check_covers(fit, false);

    // An independent sample (its own seed: with seed 11 the 20 runs would be the first 20 of the 200).
    const auto few = history("truth.yml", 20, 12);
    const models::HistoryFit small = models::fit_history(few, {});
    check_covers(small, true);
    for (const Truth& truth : kTruth) {
      const auto& s = *task(small, truth.key).duration;
      const auto& l = *task(fit, truth.key).duration;
      CHECK(s.median_hi - s.median_lo > l.median_hi - l.median_lo);
    }
  }

  TEST_CASE("backtest: unchanged history is consistent; a slower task and more failures are flagged") {
    const auto same = backtest(history("truth.yml", 200, 21));
    for (const auto& f : same.figures) {
      INFO(f.name);
      CHECK(f.verdict == "consistent");
    }

    // Later half from changed.yml: transform slower, publish failing more (runs fail when its
    // retries run out): every figure moves — the makespans and the DBU cost with the slower task,
    // P(run failed) with the failures.
    auto runs = history("truth.yml", 100, 31);
    const auto later = history("changed.yml", 100, 32, 100);
    runs.insert(runs.end(), later.begin(), later.end());
    const auto changed = backtest(runs);
    CHECK(verdict(changed, "makespan p50") == "differs");
    CHECK(verdict(changed, "makespan p90") == "differs");
    CHECK(verdict(changed, "P(run failed)") == "differs");
    CHECK(verdict(changed, "DBU cost") == "differs");

    // Only the slower task: the failure figure stays consistent.
    auto slower = history("truth.yml", 100, 41);
    const auto slower_later = history("slower.yml", 100, 42, 100);
    slower.insert(slower.end(), slower_later.begin(), slower_later.end());
    const auto only_slower = backtest(slower);
    CHECK(verdict(only_slower, "makespan p50") == "differs");
    CHECK(verdict(only_slower, "makespan p90") == "differs");
    CHECK(verdict(only_slower, "P(run failed)") == "consistent");
    CHECK(verdict(only_slower, "DBU cost") == "differs");
  }
}
