#include "cli/backtest_command.h"

#include <cmath>
#include <ostream>
#include <span>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/command_line.h"
#include "cli/databricks_input_options.h"
#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "cli/unsigned_option.h"
#include "reports/backtest_table.h"
#include "sim/experiment/experiment.h"
#include "sim/input/run_records_reader.h"

namespace orchsim::cli {

namespace po = boost::program_options;

namespace {

models::BacktestSamples simulated_samples(const sim::StrategyResult& s) {
  models::BacktestSamples out;
  out.runs = s.replications.size();
  for (const sim::ReplicationResult& r : s.replications) {
    if (r.outcome == JobResult::kSuccess || r.outcome == JobResult::kSuccessWithFailures) {
      out.makespans_s.push_back(r.makespan.to_seconds());
    } else {
      ++out.failed;
    }
    out.dbu_cost_usd.push_back(r.metrics.dbu_usd);
  }
  return out;
}

}  // namespace

BacktestOutcome run_backtest(const std::vector<models::JobRunRecord>& runs, const BacktestRequest& request) {
  const auto cut = static_cast<std::size_t>(std::floor(static_cast<double>(runs.size()) * request.split));
  if (cut == 0 || cut == runs.size()) {
    throw po::error(fmt::format("backtest: --split {} of {} runs leaves one side empty", request.split, runs.size()));
  }
  const std::span<const models::JobRunRecord> earlier(runs.data(), cut);
  const std::span<const models::JobRunRecord> later(runs.data() + cut, runs.size() - cut);
  sim::InputOptions input = request.input;
  BacktestOutcome out{.fitted = apply_fitted_profile(earlier, request.sources, {.empirical = request.empirical},
                                                     request.bundle, input),
                      .earlier = earlier.size(), .later = later.size()};

  sim::ScenarioSpec scenario = std::move(*sim::load_input(request.bundle, input).scenario);
  std::erase_if(scenario.strategies, [](const models::StrategySpec& s) { return s.kind != models::StrategyKind::kAsDefined; });
  if (scenario.strategies.empty()) throw po::error("backtest: the input has no as_defined layout (give a Databricks job)");
  const sim::ExperimentResult result = sim::run_experiment(
      scenario, {.replications = request.replications, .seed = request.seed, .threads = request.threads});
  out.replications = result.replications;
  out.seed = result.seed;
  out.figures = models::compare_backtest(simulated_samples(result.strategies.front()),
                                         models::recorded_samples(later, scenario.world.pricing.jobs_usd_per_dbu));
  return out;
}

int backtest(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "orchsim backtest BUNDLE --history HISTORY... [--split 0.5] [-n N] [--seed S] [--out FILE.csv]\n\n"
      "Fits the earlier part of a job's recorded runs, simulates the job's layout as written (as_defined)\n"
      "with that fit, and compares it with the later runs: makespan p50/p90, P(run failed), DBU cost per\n"
      "run (with billing records), each with 95% intervals and a verdict (docs/calibration.md \"Backtest\").\n"
      "Give BUNDLE before --history.\n\noptions");
  std::vector<std::string> history;
  std::string history_job, replications = "1000", seed, threads = "0", csv;
  BacktestRequest request;
  DatabricksInputOptions databricks;
  options.add_options()("help,h", "show this help")(
      "history", po::value(&history)->multitoken(), "run record files (Jobs API runs JSON, system-table exports)")(
      "history-job", po::value(&history_job), "the recorded job (job_id or name) when the history holds several")(
      "split", po::value(&request.split), "the fraction of runs, earliest first, to fit on (default 0.5)")(
      "replications,n", po::value(&replications), "simulated runs (default 1000)")(
      "seed,s", po::value(&seed), "experiment seed (default: the scenario's)")(
      "threads,j", po::value(&threads), "worker threads (default: all cores); output does not depend on it")(
      "empirical", po::bool_switch(&request.empirical), "fit every duration and startup with the samples themselves")(
      "out", po::value(&csv), "also write the table as CSV to this file")(
      "fail-on-differ", "exit 1 when a figure differs (default: exit 0 whatever the verdicts)");
  add_databricks_options(options, databricks);
  const po::variables_map vm = parse_with_file(args, options, "bundle");
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  if (!vm.count("file")) throw po::error("backtest: missing the BUNDLE (see 'orchsim backtest --help')");
  if (history.empty()) throw po::error("backtest: --history HISTORY... is required");
  if (!(request.split > 0 && request.split < 1)) throw po::error("backtest: --split must be a fraction in (0, 1), e.g. 0.5");
  request.bundle = vm["file"].as<std::string>();
  request.input = input_options(databricks, "backtest");
  request.sources = history;
  request.replications = static_cast<std::uint32_t>(parse_unsigned_option(replications, "replications", 1, sim::kMaxReplications));
  request.threads = static_cast<unsigned>(parse_unsigned_option(threads, "threads", 0, kMaxThreads));
  if (vm.count("seed")) request.seed = parse_unsigned_option(seed, "seed", 0, UINT64_MAX);

  const std::vector<models::JobRunRecord> runs = models::runs_of_job(sim::load_run_records(history), history_job);
  const BacktestOutcome result = run_backtest(runs, request);
  print_fit_summary(result.fitted.fit, err);
  if (!csv.empty()) write_file_atomically(csv, reports::backtest_csv(result.figures));
  out << fmt::format("Backtest of job '{}': fitted on the {} earliest runs, compared with the {} later ones; "
                     "as_defined simulated {} times, seed {}\n\n",
                     result.fitted.fit.job, result.earlier, result.later, result.replications, result.seed);
  out << reports::backtest_markdown(result.figures);
  bool differs = false;
  for (const auto& f : result.figures) differs = differs || f.verdict == "differs";
  return vm.count("fail-on-differ") && differs ? kExitCheckFailed : kExitOk;
}

}  // namespace orchsim::cli
