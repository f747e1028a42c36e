// `orchsim export SCENARIO --strategy NAME [--format bundle|json] [-o OUT]`: plans the scenario's
// strategy NAME (models::plan) and writes the deployment as a Databricks Asset Bundle YAML
// (reports/databricks_bundle_writer.h) or Jobs API JSON (reports/databricks_json_writer.h), to OUT
// through the atomic, symlink-safe writer (cli/output_file.h) or to stdout. What the Databricks
// settings cannot say is printed to stderr as `note:` lines. A strategy the scenario does not have
// is bad input (exit 2, the message lists the scenario's strategies). Called on the CLI's thread.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace orchsim::cli {

int export_deployment(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
