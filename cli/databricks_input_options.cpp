#include "cli/databricks_input_options.h"

#include <fmt/format.h>

namespace orchsim::cli {

namespace po = boost::program_options;

void add_databricks_options(po::options_description& options, DatabricksInputOptions& o) {
  options.add_options()
      ("job", po::value(&o.input.job), "Databricks: the job to read (default: every job no other job runs, together)")
      ("target", po::value(&o.input.bundle.target), "Databricks bundle: the target whose overrides apply")
      ("var", po::value(&o.vars), "Databricks bundle: a variable, k=v (repeatable)")
      ("profile", po::value(&o.input.profile_path),
       "Databricks: task durations, cores, failure rates, … (docs/databricks.md); default: per task type");
}

sim::InputOptions input_options(const DatabricksInputOptions& o, const char* command) {
  sim::InputOptions input = o.input;
  for (const std::string& v : o.vars) {
    const auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0) throw po::error(fmt::format("{}: --var takes k=v, got '{}'", command, v));
    input.bundle.vars.emplace_back(v.substr(0, eq), v.substr(eq + 1));
  }
  return input;
}

}  // namespace orchsim::cli
