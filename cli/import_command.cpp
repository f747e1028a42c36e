#include "cli/import_command.h"

#include <ostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/command_line.h"
#include "cli/databricks_input_options.h"
#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "reports/scenario_yaml_writer.h"
#include "sim/input/load_input.h"

namespace orchsim::cli {

namespace po = boost::program_options;

namespace {

// What the Databricks import took from defaults, per task, and what it read but does not model, as
// comments of the written scenario.
void add_import_notes(const sim::DatabricksImport& import, reports::ScenarioParts& parts) {
  parts.task_notes.resize(parts.workload.tasks.size());
  for (const auto& d : import.summary.defaulted) {
    std::string what;
    for (const std::string& w : d.what) what += fmt::format("{}{}", what.empty() ? "" : ", ", w);
    for (std::size_t i = 0; i < parts.workload.tasks.size(); ++i) {
      if (parts.workload.tasks[i].key == d.task) parts.task_notes[i].push_back(fmt::format("{}: default for task type {}", what, d.type));
    }
  }
  parts.header_notes.push_back(import.roots.size() > 1 ? fmt::format("Databricks jobs '{}', compared together.",
                                                                      fmt::join(import.roots, "', '"))
                                                        : fmt::format("Databricks job '{}'.", import.job));
  if (import.trigger && !import.scenario.schedule) {
    parts.header_notes.push_back(fmt::format("Its trigger ({} {}{}) is not simulated: one run per replication.",
                                             import.trigger->kind, import.trigger->detail,
                                             import.trigger->paused ? ", paused" : ""));
  }
  for (const auto& u : import.summary.unmodelled) parts.header_notes.push_back("Read but not modelled: " + u.field);
  for (const auto& n : import.summary.notes) parts.header_notes.push_back("Note: " + n);
}

}  // namespace

int import_scenario(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "orchsim import INPUT [--job K] [--target T] [--var k=v] [--profile P] [-o scenario.yaml]\n\n"
      "Writes what orchsim reads from INPUT (a scenario, or a Databricks job: bundle folder or YAML,\n"
      "Jobs API JSON, dbx file) as an editable scenario file: every task, the compute, prices and\n"
      "strategies, with a comment on each task saying where it came from and which defaults it took.\n"
      "Settings at their default are left out (scenarios/README.md lists them).\n\noptions");
  std::string output;
  DatabricksInputOptions databricks;
  options.add_options()
      ("help,h", "show this help")
      ("output,o", po::value(&output), "write to this file (atomically) instead of stdout");
  add_databricks_options(options, databricks);
  const po::variables_map vm = parse_with_file(args, options, "input file");
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  if (!vm.count("file")) throw po::error("import: missing the INPUT file (see 'orchsim import --help')");

  const std::string file = vm["file"].as<std::string>();
  sim::LoadedInput loaded = sim::load_input(file, input_options(databricks, "import"));
  const sim::ScenarioSpec s = std::move(*loaded.scenario);
  reports::ScenarioParts parts{.source = file, .name = s.name, .description = s.description,
                               .seed = s.experiment.seed, .replications = s.experiment.replications,
                               .workload = s.workload, .catalog = s.catalog, .world = s.world,
                               .strategies = s.strategies};
  parts.schedule = s.schedule ? &*s.schedule : nullptr;
  parts.horizon_replications = s.experiment.horizon_replications;
  if (loaded.databricks) {
    err << loaded.databricks->summary.to_text();
    add_import_notes(*loaded.databricks, parts);
  }
  const std::string yaml = reports::scenario_yaml(parts);
  if (output.empty()) {
    out << yaml;
  } else {
    write_file_atomically(output, yaml);
    err << fmt::format("wrote {} ({} tasks, {} strategies)\n", output, s.workload.tasks.size(), s.strategies.size());
  }
  return kExitOk;
}

}  // namespace orchsim::cli
