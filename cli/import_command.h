// `orchsim import INPUT [-o scenario.yaml]`: loads INPUT through load_input (any format it reads
// into a scenario) and writes the equivalent editable scenario YAML (reports/scenario_yaml_writer.h),
// to the file through the atomic, symlink-safe writer (cli/output_file.h) or to stdout. Loading
// the written file gives the same workload, catalog, world and strategies. Called on the CLI's
// thread.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace orchsim::cli {

int import_scenario(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
