#include "cli/cli.h"

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/output_file.h"
#include "engine/check.h"
#include "engine/error.h"
#include "reports/comparison_table.h"
#include "reports/replication_csv.h"
#include "sim/experiment.h"
#include "sim/scenario/scenario_loader.h"

namespace orchsim::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kUsage = R"(orchsim — simulate Databricks-style pipeline layouts and compare what they cost

usage: orchsim <command> [options]

commands:
  compare FILE    run every strategy of a scenario and print the comparison table

run 'orchsim <command> --help' for a command's options.
exit codes: 0 ok, 1 a check failed, 2 bad input or usage, 3 internal error.
)";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

int compare(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("orchsim compare FILE [options]\n\n"
                                  "Simulates every strategy of the scenario FILE for N seeded replications and\n"
                                  "prints a Markdown table: makespan, cost and cluster startups per strategy,\n"
                                  "each as mean ± 95% confidence half-width.\n\noptions");
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  unsigned threads = 0;
  std::string csv;
  options.add_options()
      ("help,h", "show this help")
      ("replications,n", po::value(&replications), "replications per strategy (default: the scenario's)")
      ("seed,s", po::value(&seed), "experiment seed (default: the scenario's)")
      ("threads,j", po::value(&threads), "worker threads (default: all cores); output does not depend on it")
      ("csv", po::value(&csv), "also write one CSV row per (strategy, replication) to this path");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>(), "scenario file");
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  if (!vm.count("file")) throw UsageError("compare: missing the scenario FILE (see 'orchsim compare --help')");
  if (vm.count("replications") && replications == 0) throw UsageError("compare: --replications must be >= 1");

  const auto started = std::chrono::steady_clock::now();
  const sim::ScenarioSpec scenario = sim::load_scenario(vm["file"].as<std::string>());
  sim::ExperimentOptions eo{.replications = replications, .seed = {}, .threads = threads};
  if (vm.count("seed")) eo.seed = seed;
  const sim::ExperimentResult result = sim::run_experiment(scenario, eo);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (!csv.empty()) write_file_atomically(csv, reports::replication_csv(result));
  out << fmt::format("Comparing {} strategies on {} — {} replications each, seed {}\n\n",
                     result.strategies.size(), scenario.file, result.replications, result.seed);
  out << reports::comparison_table(result);
  err << fmt::format("({:.2f} s)\n", seconds);
  return kExitOk;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
      (args.empty() ? err : out) << kUsage;
      return args.empty() ? kExitBadInput : kExitOk;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (command == "compare") return compare(args, out, err);
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
  } catch (const InvariantError& e) {
    err << "internal error (a bug in orchsim, please report): " << e.what() << "\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    err << "error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace orchsim::cli
