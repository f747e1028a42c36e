#include "cli/soak.h"

#include <chrono>
#include <iostream>
#include <ostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/exit_codes.h"
#include "cli/progress_bar.h"
#include "cli/unsigned_option.h"
#include "sim/validation/soak.h"
#include "sim/validation/soak_scenario.h"

namespace orchsim::cli {

namespace po = boost::program_options;

namespace {

// The most runs one command may ask for (README: Limits): about a day on one core.
constexpr std::uint64_t kMaxSoakRuns = 1'000'000'000;
constexpr std::size_t kViolationsShown = 20;

}  // namespace

int soak(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "orchsim soak [options]\n\n"
      "Simulates random scenarios (random DAGs, run_if rules, retries, timeouts, for_each, conditions,\n"
      "disabled tasks, tables and rollback, alerts) under random faults, once each, and checks the\n"
      "engine's invariants on every event. Run i uses seed S + i; a violation prints the seed that\n"
      "replays it alone. Exit 1 on a violation.\n\noptions");
  std::string runs = "1000", seed = "1", replications = "4", threads;  // text: see parse_unsigned_option
  bool print_scenario = false;
  options.add_options()
      ("help,h", "show this help")
      ("runs,n", po::value(&runs), "random scenarios to run (default 1000)")
      ("seed,s", po::value(&seed), "seed of the first run (default 1)")
      ("replications,r", po::value(&replications), "replications of each scenario, each with its own fault draws (default 4)")
      ("threads,j", po::value(&threads), fmt::format("worker threads, at most {} (default: all cores)", kMaxThreads).c_str())
      ("print-scenario", po::bool_switch(&print_scenario), "print the scenario file of seed S and exit");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  sim::SoakOptions so;
  so.runs = parse_unsigned_option(runs, "runs", 1, kMaxSoakRuns);
  so.seed = parse_unsigned_option(seed, "seed", 0, UINT64_MAX);
  so.replications = static_cast<std::uint32_t>(parse_unsigned_option(replications, "replications", 1, 1000));
  if (vm.count("threads")) {
    so.threads = static_cast<unsigned>(parse_unsigned_option(threads, "threads", 0, kMaxThreads, " (0: all cores)"));
  }
  if (print_scenario) {
    out << sim::soak_scenario_yaml(so.seed);
    return kExitOk;
  }
  ProgressBar bar(err, &err == &std::cerr && ProgressBar::stderr_is_terminal(), "runs");
  so.progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
  const auto started = std::chrono::steady_clock::now();
  const sim::SoakReport report = sim::run_soak(so);
  bar.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  out << fmt::format("soak: {} runs (scenario seeds {} to {}), {} replications simulated, {} engine events checked; "
                     "{} violation{}\n",
                     report.runs, so.seed, so.seed + (report.runs - 1), report.simulated, report.events,
                     report.violations.size(), report.violations.size() == 1 ? "" : "s");
  out << fmt::format("not checked: {} scenarios refused by the loader, {} replications stopped as unbounded (horizon or "
                     "work limit)\n",
                     report.refused, report.unbounded);
  for (const std::string& r : report.refusals) out << "  refused: " << r << "\n";
  for (std::size_t i = 0; i < report.violations.size() && i < kViolationsShown; ++i) {
    const sim::SoakViolation& v = report.violations[i];
    out << fmt::format("violation (seed {}): {}\n  replay: orchsim soak --seed {} --runs 1 --replications {}; "
                       "scenario: orchsim soak --seed {} --print-scenario\n",
                       v.seed, v.message, v.seed, so.replications, v.seed);
  }
  const double per_s = seconds > 0 ? 1 / seconds : 0.0;
  err << fmt::format("({:.2f} s, {:.0f} runs/s, {:.0f} replications/s)\n", seconds, static_cast<double>(report.runs) * per_s,
                     static_cast<double>(report.simulated) * per_s);
  return report.violations.empty() ? kExitOk : kExitCheckFailed;
}

}  // namespace orchsim::cli
