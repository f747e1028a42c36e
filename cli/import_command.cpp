#include "cli/import_command.h"

#include <ostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "reports/scenario_yaml_writer.h"
#include "sim/input/load_input.h"

namespace orchsim::cli {

namespace po = boost::program_options;

int import_scenario(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "orchsim import INPUT [-o scenario.yaml]\n\n"
      "Writes what orchsim reads from INPUT as an editable scenario file: every task, the compute,\n"
      "prices and strategies, with a comment on each task saying where it came from. Settings at\n"
      "their default are left out (scenarios/README.md lists them).\n\noptions");
  std::string output;
  options.add_options()
      ("help,h", "show this help")
      ("output,o", po::value(&output), "write to this file (atomically) instead of stdout");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>(), "input file");
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
  if (!vm.count("file")) throw po::error("import: missing the INPUT file (see 'orchsim import --help')");

  const std::string file = vm["file"].as<std::string>();
  const sim::ScenarioSpec s = std::move(*sim::load_input(file, {.use = sim::InputUse::kScenario}).scenario);
  const std::string yaml = reports::scenario_yaml({.source = file, .name = s.name, .description = s.description,
                                                   .seed = s.experiment.seed, .replications = s.experiment.replications,
                                                   .workload = s.workload, .catalog = s.catalog, .world = s.world,
                                                   .strategies = s.strategies});
  if (output.empty()) {
    out << yaml;
  } else {
    write_file_atomically(output, yaml);
    err << fmt::format("wrote {} ({} tasks, {} strategies)\n", output, s.workload.tasks.size(), s.strategies.size());
  }
  return kExitOk;
}

}  // namespace orchsim::cli
