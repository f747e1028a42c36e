#include "cli/fit_command.h"

#include <ostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/command_line.h"
#include "cli/exit_codes.h"
#include "cli/history_profile.h"
#include "cli/output_file.h"
#include "models/history_fit.h"
#include "reports/profile_yaml_writer.h"
#include "sim/input/run_records_reader.h"

namespace orchsim::cli {

namespace po = boost::program_options;

int fit_history_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "orchsim fit HISTORY... [--job K] [--empirical] [-o profile.yaml]\n\n"
      "Fits the recorded runs of one job (Jobs API runs JSON, system-table exports; docs/calibration.md)\n"
      "and writes a --profile for compare: per task key its duration (lognormal by maximum likelihood, or\n"
      "the samples when the lognormal fits poorly or --empirical) and failure probability, per compute its\n"
      "startup, each with its sample size and 95% interval as a comment.\n\noptions");
  std::vector<std::string> files;
  std::string job;
  std::string output;
  options.add_options()("help,h", "show this help")("job", po::value(&job),
                                                    "the job (job_id or name) when the history holds several")(
      "empirical", "use the samples themselves for every duration and startup, never a lognormal")(
      "output,o", po::value(&output), "write the profile to this file (atomically) instead of stdout");
  const po::variables_map vm = parse_with_files(args, options, files, "history file");
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  if (files.empty()) throw po::error("fit: missing the HISTORY files (see 'orchsim fit --help')");

  const models::RunRecords records = sim::load_run_records(files);
  const std::vector<models::JobRunRecord> runs = models::runs_of_job(records, job);
  const models::HistoryFit fit = models::fit_history(runs, {.empirical = vm.count("empirical") > 0});
  const std::string yaml = reports::profile_yaml(fit, files);
  print_fit_summary(fit, err);
  if (output.empty()) {
    out << yaml;
  } else {
    write_file_atomically(output, yaml);
    err << fmt::format("wrote {}\n", output);
  }
  return kExitOk;
}

}  // namespace orchsim::cli
