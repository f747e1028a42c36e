#include "cli/cli.h"

#include <chrono>
#include <iostream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/backtest_command.h"
#include "cli/bundle_writer.h"
#include "cli/check.h"
#include "cli/command_line.h"
#include "cli/constraint_options.h"
#include "cli/exec_command.h"
#include "cli/export_command.h"
#include "cli/fit_command.h"
#include "cli/history_out.h"
#include "cli/history_profile.h"
#include "cli/import_command.h"
#include "cli/import_report_of.h"
#include "cli/output_error.h"
#include "cli/output_file.h"
#include "cli/progress_bar.h"
#include "cli/rank_error.h"
#include "cli/runs_command.h"
#include "cli/simulated_history.h"
#include "cli/soak.h"
#include "cli/tables_command.h"
#include "cli/unsigned_option.h"
#include "cli/validate.h"
#include "engine/check.h"
#include "engine/error.h"
#include "engine/live/run_history.h"
#include "reports/bundle.h"
#include "reports/markdown_report.h"
#include "reports/recommendation.h"
#include "reports/sweep_report.h"
#include "reports/csv.h"
#include "reports/file_stem.h"
#include "reports/json.h"
#include "reports/trace_files.h"
#include "sim/experiment/experiment.h"
#include "sim/experiment/planned_experiment.h"
#include "sim/experiment/replication_trace.h"
#include "sim/input/load_input.h"
#include "sim/input/run_records_reader.h"
#include "sim/experiment/sweep.h"

namespace orchsim::cli {

namespace po = boost::program_options;

namespace {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Options shared by the commands that run experiments. Numbers are read as text and checked by
// parse_unsigned_option: Boost would wrap "-1" into a huge unsigned.
struct RunOptions {
  std::string replications;
  std::string horizon_replications;
  std::string seed;
  std::string threads;
  double target_ci = 0;
  std::string max_replications = "1000000";
  std::string out_dir;
  std::string format = "md";
  std::string weights = "cost=1,time=1,risk=1";
  double negligible = reports::kDefaultNegligible;
  bool progress = false;
};

void add_run_options(po::options_description& options, RunOptions& o) {
  options.add_options()
      ("help,h", "show this help")
      ("replications,n", po::value(&o.replications), "replications per strategy (default: the scenario's)")
      ("horizon-replications", po::value(&o.horizon_replications),
       "scheduled scenarios: whole horizons of runs simulated per strategy (default: the scenario's "
       "horizon_replications, 20)")
      ("target-ci", po::value(&o.target_ci),
       "instead of a fixed count: add replications until every strategy's makespan and cost 95% CI "
       "half-widths are within this fraction of the mean (e.g. 0.01)")
      ("max-replications", po::value(&o.max_replications),
       fmt::format("cap for --target-ci (default 1000000, at most {})", sim::kMaxReplications).c_str())
      ("seed,s", po::value(&o.seed), "experiment seed (default: the scenario's)")
      ("threads,j", po::value(&o.threads),
       fmt::format("worker threads, at most {} (default: all cores); output does not depend on it", kMaxThreads).c_str())
      ("out,o", po::value(&o.out_dir)->implicit_value("out"),
       "write the report folder DIR/<scenario>/ (Markdown, CSVs, SVG charts, HTML); DIR defaults to out")
      ("format,f", po::value(&o.format), "stdout format: md (default), csv (the summary CSV) or json")
      ("weights,w", po::value(&o.weights),
       "weights of the recommendation's criteria, e.g. cost=1,time=1,risk=1 (risk = P(failed))")
      ("negligible", po::value(&o.negligible),
       "practical-significance threshold of the verdicts: a difference within this fraction of the larger "
       "mean is \"negligible\" (default 0.02)")
      ("progress", po::bool_switch(&o.progress),
       "draw the progress bar even when stderr is not a terminal (under mpirun, rank 0's stderr is a pipe)");
}

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& options) {
  return parse_with_file(args, options, "scenario file");
}

sim::ExperimentOptions experiment_options(const po::variables_map& vm, const RunOptions& o, const char* command) {
  if (vm.count("target-ci") && !(o.target_ci > 0 && o.target_ci < 1)) {
    throw UsageError(fmt::format("{}: --target-ci must be a fraction in (0, 1), e.g. 0.01", command));
  }
  if (vm.count("negligible") && !(o.negligible >= 0 && o.negligible < 1)) {
    throw UsageError(fmt::format("{}: --negligible must be a fraction in [0, 1), e.g. 0.02", command));
  }
  if (o.format != "md" && o.format != "csv" && o.format != "json") {
    throw UsageError(fmt::format("{}: --format must be md, csv or json (got '{}')", command, o.format));
  }
  sim::ExperimentOptions eo{.replications = 0, .seed = {}, .threads = 0};
  if (vm.count("replications")) {
    eo.replications = static_cast<std::uint32_t>(parse_unsigned_option(o.replications, "replications", 1, sim::kMaxReplications));
  }
  if (vm.count("horizon-replications")) {
    eo.horizon_replications = static_cast<std::uint32_t>(
        parse_unsigned_option(o.horizon_replications, "horizon-replications", 1, sim::kMaxHorizonReplications));
  }
  if (vm.count("threads")) {
    eo.threads = static_cast<unsigned>(parse_unsigned_option(o.threads, "threads", 0, kMaxThreads, " (0: all cores)"));
  }
  if (vm.count("seed")) eo.seed = parse_unsigned_option(o.seed, "seed", 0, UINT64_MAX);
  if (vm.count("target-ci")) eo.target_relative_ci = o.target_ci;
  eo.max_replications = std::max<std::uint32_t>(
      static_cast<std::uint32_t>(parse_unsigned_option(o.max_replications, "max-replications", 1, sim::kMaxReplications)), 2);
  return eo;
}

// What `compare` and `sweep` run: the scenario file, the experiment options and the weights.
struct RunRequest {
  std::string file;
  sim::ExperimentOptions experiment;
  reports::Weights weights;
  double negligible = reports::kDefaultNegligible;
  reports::Constraints constraints;
};

// Parses a run command's arguments and checks them; nullopt when --help was asked (and printed).
std::optional<RunRequest> parse_run(const std::vector<std::string>& args, const po::options_description& options,
                                    const RunOptions& o, const char* command, std::ostream& out,
                                    const ConstraintOptions* constraints = nullptr) {
  const po::variables_map vm = parse(args, options);
  if (vm.count("help")) {
    out << options << "\n";
    return std::nullopt;
  }
  if (!vm.count("file")) {
    throw UsageError(fmt::format("{0}: missing the scenario FILE (see 'orchsim {0} --help')", command));
  }
  sim::ExperimentOptions eo = experiment_options(vm, o, command);
  std::string weights_error;
  const auto weights = reports::parse_weights(o.weights, weights_error);
  if (!weights) throw UsageError(fmt::format("{}: --weights: {}", command, weights_error));
  return RunRequest{.file = vm["file"].as<std::string>(),
                    .experiment = std::move(eo),
                    .weights = *weights,
                    .negligible = o.negligible,
                    .constraints = constraints ? parse_constraints(vm, *constraints) : reports::Constraints{}};
}

// Where compare writes what it simulates again after the experiment: replication 0 task by task
// (--trace), the run history (--db), Databricks run records (--history-out). Empty: not asked for.
struct RerunOutputs {
  std::string trace_dir;
  live::RunHistory* history = nullptr;
  bool db_all_replications = false;
  std::string history_dir;
  unsigned threads = 0;  // as sim::ExperimentOptions::threads
};

void write_rerun_outputs(const sim::ScenarioSpec& scenario, const sim::ExperimentResult& result, const RerunOutputs& o) {
  if (!o.trace_dir.empty()) {
    std::vector<std::vector<reports::ReportFile>> traces;
    for (auto& t : sim::trace_replication(scenario, result.seed, 0)) traces.push_back(reports::trace_files(std::move(t)));
    std::vector<std::string> names;
    for (const auto& s : scenario.strategies) names.push_back(s.name);
    const std::vector<std::string> stems = reports::unique_file_stems(names);
    for (std::size_t s = 0; s < traces.size(); ++s) write_bundle(o.trace_dir, stems[s], traces[s]);
  }
  if (o.history) record_simulated_runs(scenario, result.seed, o.db_all_replications ? result.replications : 1, *o.history);
  if (!o.history_dir.empty()) write_history_out(o.history_dir, scenario, result, o.threads);
}

// Under mpirun (`job` set), ranks other than 0 run only the units rank 0 hands them: `serve` plans
// what they load and serves it, and they write nothing; rank 0 runs the experiment on the job's
// executor and writes everything.
// compare's options besides the run options, and where they land.
struct CompareOptions {
  RunOptions run;
  std::string csv;
  std::string trace_dir;
  std::string db;
  bool db_all_replications = false;
  std::string history_dir;
  sim::InputOptions input{.use = sim::InputUse::kScenario};
  std::vector<std::string> vars;
  ConstraintOptions constraints;
  std::vector<std::string> history_files;
  std::string history_job;
  bool empirical = false;
};

po::options_description compare_options(CompareOptions& c) {
  po::options_description options("orchsim compare FILE [options]\n\n"
                                  "Simulates every strategy of the scenario FILE for N seeded replications\n"
                                  "(common random numbers: replication i of every strategy sees the same draws)\n"
                                  "and prints the comparison as mean ± 95% confidence half-width. FILE may also\n"
                                  "be a Databricks job (bundle folder or YAML, Jobs API JSON, dbx file): its layout\n"
                                  "as written (as_defined) is compared with the others (docs/databricks.md).\n\noptions");
  add_run_options(options, c.run);
  add_constraint_options(options, c.constraints);
  options.add_options()("csv", po::value(&c.csv), "also write one CSV row per (strategy, replication) to this path")(
      "trace", po::value(&c.trace_dir),
      "write replication 0 of each strategy, task by task, to DIR/<strategy>/: events.jsonl (every engine "
      "event) and tasks.csv (task, state, attempts, start_s, end_s)")
      ("db", po::value(&c.db),
       "append replication 0 of each strategy to this run history (SQLite, the schema of `orchsim exec`; "
       "see `orchsim runs`) with source=simulated")
      ("db-all-replications", po::bool_switch(&c.db_all_replications), "with --db: every replication, not only 0")
      ("history-out", po::value(&c.history_dir),
       "write every replication of each strategy as Databricks run records to DIR/<strategy>/: runs.json (Jobs "
       "API runs/list), job_run_timeline.csv, job_task_run_timeline.csv, billing_usage.csv (docs/calibration.md)")
      ("job", po::value(&c.input.job),
       "Databricks: the job to compare (default: every job no other job runs, compared together as if started at once)")
      ("target", po::value(&c.input.bundle.target), "Databricks bundle: the target whose overrides apply")
      ("var", po::value(&c.vars), "Databricks bundle: a variable, k=v (repeatable)")
      ("profile", po::value(&c.input.profile_path),
       "Databricks: task durations, cores, failure rates, … (docs/databricks.md); default: per task type")
      ("history", po::value(&c.history_files)->multitoken(),
       "Databricks: run record files to fit the profile to (as `orchsim fit` does; docs/calibration.md); "
       "a --profile adds to it and wins where both speak")
      ("history-job", po::value(&c.history_job), "with --history: the recorded job (job_id or name) when there are several")
      ("empirical", po::bool_switch(&c.empirical), "with --history: fit every duration and startup with the samples themselves");
  return options;
}

// compare's answer on stdout: the summary as Markdown (the default), CSV or JSON.
void print_comparison(const sim::ExperimentResult& result, const reports::Recommendation& rec, const std::string& format,
                      const std::string& folder, std::ostream& out) {
  if (format == "csv") {
    out << reports::summary_csv(result);
    return;
  }
  if (format == "json") {
    out << reports::experiment_json(result);
    return;
  }
  out << fmt::format("Comparing {} strategies on {} — {} replications each, seed {}\n\n", result.strategies.size(),
                     result.file, result.replications, result.seed);
  if (result.target_relative_ci && !result.target_met) {
    out << fmt::format("(target ±{:.1f}% not reached within {} replications)\n\n", *result.target_relative_ci * 100,
                       result.replications);
  }
  out << reports::markdown_summary(result, rec);
  if (!folder.empty()) out << fmt::format("\nFull report: {}/report.html\n", folder);
}

int compare(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, Distribution* job) {
  CompareOptions c;
  const po::options_description options = compare_options(c);
  const RunOptions& o = c.run;
  std::optional<RunRequest> request = parse_run(args, options, o, "compare", out, &c.constraints);
  if (!request) return kExitOk;
  if (c.db_all_replications && c.db.empty()) throw UsageError("compare: --db-all-replications needs --db F");
  std::optional<live::RunHistory> history;  // opened first: a bad file fails before the experiment runs
  if (!c.db.empty()) history.emplace(c.db);
  for (const std::string& v : c.vars) {
    const auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("compare: --var takes k=v, got '{}'", v));
    c.input.bundle.vars.emplace_back(v.substr(0, eq), v.substr(eq + 1));
  }

  const auto started = std::chrono::steady_clock::now();
  if (!c.history_files.empty()) {
    const models::RunRecords records = sim::load_run_records(c.history_files);
    const auto runs = models::runs_of_job(records, c.history_job);
    print_fit_summary(apply_fitted_profile(runs, c.history_files, {.empirical = c.empirical}, request->file, c.input).fit,
                      err);
  }
  sim::LoadedInput loaded = sim::load_input(request->file, c.input);
  if (loaded.databricks) err << loaded.databricks->summary.to_text();
  // Released before the report folder is written, which does not need it: a large scenario's tasks
  // would otherwise stay alive through the rendering, the command's peak.
  std::optional<sim::ScenarioSpec> scenario(std::move(*loaded.scenario));
  // From here on compare plans and simulates, which read the checked graph, not the dependencies
  // as written.
  scenario->workload.release_written_dependencies();
  if (job && !job->is_root()) {
    const sim::PlannedExperiment plans[] = {sim::plan_experiment(*scenario, request->experiment.seed)};
    job->serve(plans);
    return kExitOk;
  }
  if (job && job->ranks() > 1) request->experiment.executor = &job->executor();  // one rank: the thread pool
  ProgressBar bar(err, &err == &std::cerr && (o.progress || ProgressBar::stderr_is_terminal()),
                  fmt::format("{} strategies", scenario->strategies.size()));
  request->experiment.progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
  const sim::ExperimentResult result = sim::run_experiment(*scenario, request->experiment);
  bar.finish();
  const reports::Recommendation rec = reports::recommend(result, request->weights, request->negligible, request->constraints);

  // What simulates again (traces, run histories) first, while the scenario is there.
  write_rerun_outputs(*scenario, result, {.trace_dir = c.trace_dir, .history = history ? &*history : nullptr,
                                          .db_all_replications = c.db_all_replications, .history_dir = c.history_dir,
                                          .threads = request->experiment.threads});
  scenario.reset();

  std::string folder;
  if (!o.out_dir.empty()) {
    const std::optional<reports::ImportReport> import =
        loaded.databricks ? std::optional(import_report_of(*loaded.databricks)) : std::nullopt;
    BundleWriter bundle(o.out_dir, result.scenario);
    reports::experiment_files(result, rec, import ? &*import : nullptr,
                              [&bundle](const reports::ReportFile& file) { bundle.write(file); });
    folder = bundle.commit();
  }
  if (!c.csv.empty()) write_file_atomically(c.csv, reports::replication_csv(result));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  print_comparison(result, rec, o.format, folder, out);
  err << fmt::format("({:.2f} s)\n", seconds);
  return kExitOk;
}

int sweep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, Distribution* job) {
  po::options_description options("orchsim sweep FILE [options]\n\n"
                                  "Runs the scenario FILE at every point of its `sweep:` grid (one or two parameters,\n"
                                  "given by path) and prints, per point, each strategy's cost and makespan and the\n"
                                  "recommended strategy; --out adds line charts and a heat map of the winner.\n\noptions");
  RunOptions o;
  ConstraintOptions constraint_options;
  add_run_options(options, o);
  add_constraint_options(options, constraint_options);
  std::optional<RunRequest> request = parse_run(args, options, o, "sweep", out, &constraint_options);
  if (!request) return kExitOk;
  const reports::Weights& weights = request->weights;

  const auto started = std::chrono::steady_clock::now();
  const sim::SweepPlan plan = std::move(*sim::load_input(request->file, {.use = sim::InputUse::kSweep}).sweep);
  if (job && !job->is_root()) {
    std::vector<sim::PlannedExperiment> plans;
    for (const auto& point : plan.points) plans.push_back(sim::plan_experiment(point, request->experiment.seed));
    job->serve(plans);
    return kExitOk;
  }
  if (job && job->ranks() > 1) request->experiment.executor = &job->executor();  // one rank: the thread pool
  ProgressBar bar(err, &err == &std::cerr && (o.progress || ProgressBar::stderr_is_terminal()),
                  fmt::format("{} points", plan.points.size()));
  request->experiment.progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
  const sim::SweepResult result = sim::run_sweep(plan, request->experiment);
  bar.finish();
  std::vector<reports::ReportFile> files;
  if (!o.out_dir.empty()) files = reports::sweep_files(result, weights, request->constraints);
  std::string folder;
  if (!files.empty()) folder = write_bundle(o.out_dir, reports::file_stem(result.name, "scenario") + "-sweep", files);
  if (o.format == "csv") {
    out << reports::sweep_csv(result);
  } else if (o.format == "json") {
    out << reports::sweep_json(result, weights, request->constraints);
  } else {
    out << reports::sweep_markdown(result, weights, request->constraints);
    if (!folder.empty()) out << fmt::format("\nFull report: {}/sweep.html\n", folder);
  }
  err << fmt::format("({:.2f} s)\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return kExitOk;
}

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
  // The commands that run on MPI ranks (nullptr: rank 0 refuses to run it on several ranks).
  int (*run_on)(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, Distribution* job) = nullptr;
};

int compare_here(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return compare(args, out, err, nullptr);
}
int sweep_here(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return sweep(args, out, err, nullptr);
}

// Every command, in the order `orchsim --help` lists them. Adding one is adding a row.
const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands{
      {"compare", "run every strategy of a scenario: trade-off table, recommendation, report folder", compare_here,
       compare},
      {"sweep", "run a scenario over a grid of parameter values: cost/time lines, winner heat map", sweep_here, sweep},
      {"check", "check scenario, sweep and trace files and report every problem, without running anything", check},
      {"validate", "prove the simulator against analytic results and real WfCommons traces", validate},
      {"export", "write one strategy's layout as a Databricks Asset Bundle or Jobs API JSON", export_deployment},
      {"import", "write what orchsim reads from a file as an editable scenario YAML", import_scenario},
      {"fit", "fit task durations, failure rates and startups to a job's recorded runs: a --profile", fit_history_command},
      {"backtest", "fit the earlier runs of a job's history, simulate, and compare with the later runs", backtest},
      {"soak", "check the engine's invariants over many random scenarios under random faults", soak},
      {"exec", "run a job for real: each task's command as a process, under the same engine", exec_command},
      {"tables", "list the versions of a table store written by `orchsim exec`", tables_command},
      {"runs", "list the runs of a run history (exec, compare --db), or show one: tasks, attempts, alerts", runs},
  };
  return kCommands;
}

std::string usage() {
  std::string text =
      "orchsim — simulate Databricks-style pipeline layouts and compare what they cost\n\n"
      "usage: orchsim <command> [options]\n\ncommands:\n";
  for (const auto& c : commands()) text += fmt::format("  {:<10} {}\n", c.name, c.summary);
  text +=
      "\noptions:\n"
      "  -h, --help     show this help\n"
      "  -V, --version  print the version\n"
      "\nrun 'orchsim <command> --help' for a command's options.\n"
      "exit codes: 0 ok, 1 a check failed, 2 bad input, usage or an output that cannot be written, 3 internal error.\n";
  return text;
}

}  // namespace

namespace {

int run_cli_on(int argc, const char* const* argv, std::ostream& out, std::ostream& err, Distribution* job) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
      (args.empty() ? err : out) << usage();
      return args.empty() ? kExitBadInput : kExitOk;
    }
    if (args[0] == "--version" || args[0] == "-V") {
      out << "orchsim " << ORCHSIM_VERSION << "\n";
      return kExitOk;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    for (const auto& c : commands()) {
      if (command != c.name) continue;
      if (job && c.run_on) return c.run_on(args, out, err, job);
      if (job && job->ranks() > 1) {
        throw UsageError(fmt::format("{} does not run on MPI: only compare and sweep do", command));
      }
      return c.run(args, out, err);
    }
    throw UsageError(fmt::format("unknown command '{}' (try 'orchsim --help')", command));
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) err << "error: " << d.to_string() << "\n";
    return kExitBadInput;
  } catch (const UsageError& e) {
    err << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const po::error& e) {
    err << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const live::RunHistoryError& e) {
    err << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const OutputError& e) {
    err << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const RankError& e) {
    const std::string what = e.what();
    err << "error: " << what << (what.ends_with('\n') ? "" : "\n");
    return e.exit_code;
  } catch (const InvariantError& e) {
    err << "internal error (a bug in orchsim, please report): " << e.what() << "\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  return run_cli_on(argc, argv, out, err, nullptr);
}

int run_cli_rank(Distribution& job, int argc, const char* const* argv) {
  if (job.is_root()) {
    const int code = run_cli_on(argc, argv, std::cout, std::cerr, &job);
    std::cout.flush();
    std::cerr.flush();
    return job.finish(code, {});
  }
  std::ostringstream out, err;
  const int code = run_cli_on(argc, argv, out, err, &job);
  return job.finish(code, err.str());
}

}  // namespace orchsim::cli
