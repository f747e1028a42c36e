#include "cli/check.h"

#include <ostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/databricks_input_options.h"
#include "cli/command_line.h"
#include "cli/exit_codes.h"
#include "engine/error.h"
#include "sim/input/load_input.h"
#include "sim/input/run_records_reader.h"

namespace orchsim::cli {

namespace po = boost::program_options;

int check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "orchsim check FILE...\n\n"
      "Checks each FILE as orchsim would read it — a scenario, a sweep (every grid point is loaded), a\n"
      "WfCommons trace or a Databricks job or bundle folder, recognised by content — and reports every\n"
      "problem of every file as\n"
      "file:line:col, without running anything. Exit 0 when all are good, 2 otherwise.\n\noptions");
  std::vector<std::string> files;
  bool history = false;
  options.add_options()("help,h", "show this help")(
      "history", po::bool_switch(&history),
      "read each FILE as Databricks run records (Jobs API runs JSON, system-table CSV/JSON; docs/calibration.md)");
  DatabricksInputOptions databricks;
  add_databricks_options(options, databricks);
  const po::variables_map vm = parse_with_files(args, options, files, "input file");
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  if (files.empty()) {
    err << "error: check: missing the FILE to check (see 'orchsim check --help')\n";
    return kExitBadInput;
  }
  sim::InputOptions input_wanted = input_options(databricks, "check");
  input_wanted.use = sim::InputUse::kCheck;
  bool all_good = true;
  for (const std::string& file : files) {
    try {
      if (history) {
        const models::RunRecords records = sim::load_run_records({file});
        out << fmt::format("{}: ok (run records: {} finished runs)\n", file, records.runs.size());
        continue;
      }
      const sim::LoadedInput input = sim::load_input(file, input_wanted);
      out << fmt::format("{}: ok ({})\n", file, sim::describe(input));
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) err << "error: " << d.to_string() << "\n";
      all_good = false;
    }
  }
  return all_good ? kExitOk : kExitBadInput;
}

}  // namespace orchsim::cli
