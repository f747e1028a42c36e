// `orchsim backtest BUNDLE --history HISTORY... [--split 0.5] [-n N] [--seed S] [--out FILE.csv]
// [--fail-on-differ]`: the user's evidence that the model describes their pipeline. Sorts the job's
// recorded runs by start, fits the earlier `--split` fraction (cli/history_profile.h), simulates the
// layout as written (as_defined) N times with that profile and compares it with the later runs
// (models/backtest.h): makespan p50 and p90, P(run failed) and, with billing records, the DBU cost
// per run, each with intervals and a verdict. The table goes to stdout as Markdown and, with --out,
// to a CSV file. Exit 0 whatever the verdicts, 1 with --fail-on-differ when one differs, 2 on bad
// input. Called on the CLI's thread.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/history_profile.h"
#include "models/backtest.h"
#include "models/run_records.h"
#include "sim/input/load_input.h"

namespace orchsim::cli {

struct BacktestRequest {
  std::string bundle;
  sim::InputOptions input;  // the Databricks options, and the user's --profile
  std::vector<std::string> sources;  // the history files, for the profile's header
  double split = 0.5;
  std::uint32_t replications = 1000;
  std::optional<std::uint64_t> seed;  // default: the scenario's
  unsigned threads = 0;
  bool empirical = false;
};

struct BacktestOutcome {
  FittedProfile fitted;  // of the earlier runs
  std::size_t earlier = 0;
  std::size_t later = 0;
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  std::vector<models::BacktestFigure> figures;
};

// The backtest of `runs` (one job's, in start order): throws InputError on bad input and
// boost::program_options::error when the split leaves a side empty or the input has no as_defined layout.
BacktestOutcome run_backtest(const std::vector<models::JobRunRecord>& runs, const BacktestRequest& request);

int backtest(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
