// `orchsim fit HISTORY... [--job K] [--empirical] [-o profile.yaml]`: reads run records
// (sim/input/run_records_reader.h), fits the runs of one job (models/history_fit.h) and writes the
// profile (reports/profile_yaml_writer.h) to the file, all or nothing through the atomic writer
// (cli/output_file.h), or to stdout; a summary with every note goes to stderr. Exit 0, or 2 on bad
// input. Called on the CLI's thread.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace orchsim::cli {

int fit_history_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
