#include "cli/export_command.h"

#include <ostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/command_line.h"
#include "cli/databricks_input_options.h"
#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "engine/error.h"
#include "models/deployment.h"
#include "reports/databricks_bundle_writer.h"
#include "reports/databricks_json_writer.h"
#include "sim/input/load_input.h"

namespace orchsim::cli {

namespace po = boost::program_options;

namespace {

// The strategy named `name`, or InputError naming the file and listing the scenario's strategies.
const models::StrategySpec& find_strategy(const sim::ScenarioSpec& scenario, const std::string& name) {
  std::string names;
  for (const auto& s : scenario.strategies) {
    if (s.name == name) return s;
    names += fmt::format("{}{}", names.empty() ? "" : ", ", s.name);
  }
  Diagnostics diagnostics;
  diagnostics.error({scenario.file, 0, 0}, fmt::format("no strategy named '{}' (this scenario has: {})", name, names));
  diagnostics.throw_if_any();
  throw std::logic_error("unreachable");
}

}  // namespace

int export_deployment(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "orchsim export SCENARIO --strategy NAME [--format bundle|json] [-o OUT]\n"
      "               [--job K] [--target T] [--var k=v] [--profile P]\n\n"
      "Writes the deployment of one strategy of the scenario (or of a Databricks job, read as compare\n"
      "reads it) as Databricks job definitions: an Asset Bundle configuration (bundle, default) or\n"
      "Jobs API 2.1 JSON (json), to OUT or stdout. Values your workspace must supply are variables\n"
      "(bundle) or example values (json); what Databricks\n"
      "cannot express is listed on stderr as notes.\n\noptions");
  std::string strategy, format = "bundle", output;
  DatabricksInputOptions databricks;
  options.add_options()
      ("help,h", "show this help")
      ("strategy,s", po::value(&strategy), "the strategy to export (its name in the scenario)")
      ("format,f", po::value(&format), "bundle (Asset Bundle YAML, default) or json (Jobs API 2.1)")
      ("output,o", po::value(&output), "write to this file (atomically) instead of stdout");
  add_databricks_options(options, databricks);
  const po::variables_map vm = parse_with_file(args, options, "scenario file");
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  if (!vm.count("file")) throw po::error("export: missing the SCENARIO file (see 'orchsim export --help')");
  if (!vm.count("strategy")) throw po::error("export: missing --strategy NAME (see 'orchsim export --help')");
  if (format != "bundle" && format != "json") {
    throw po::error(fmt::format("export: --format must be bundle or json (got '{}')", format));
  }

  sim::LoadedInput loaded = sim::load_input(vm["file"].as<std::string>(), input_options(databricks, "export"));
  if (loaded.databricks) err << loaded.databricks->summary.to_text();
  const sim::ScenarioSpec scenario = std::move(*loaded.scenario);
  const models::StrategySpec& chosen = find_strategy(scenario, strategy);
  Diagnostics diagnostics;
  const auto dag = scenario.workload.dag(diagnostics);
  diagnostics.throw_if_any();
  const auto deployment = models::plan(scenario.workload, *dag, chosen, scenario.catalog, scenario.world.pricing, diagnostics);
  diagnostics.throw_if_any();

  const std::string header = fmt::format(
      "Written by orchsim export: strategy '{}' of scenario '{}' ({}).\n"
      "Edit the variables (runtime version, alert recipient, cluster and pool ids) and the code paths "
      "(./src/<task>) before deploying.", chosen.name, scenario.name, scenario.file);
  const reports::DatabricksExport written = format == "bundle"
                                                ? reports::databricks_bundle(*deployment, scenario.name, header)
                                                : reports::databricks_json(*deployment);
  if (output.empty()) out << written.text;
  else write_file_atomically(output, written.text);
  for (const auto& note : written.notes) err << "note: " << note << "\n";
  return kExitOk;
}

}  // namespace orchsim::cli
