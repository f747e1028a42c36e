// The options that say what of a Databricks file to read (`--job`, `--target`, `--var k=v`,
// `--profile`), for the commands that load an input to lay it out again or check it: `export`,
// `import` and `check` (`compare` declares the same options itself). They fill sim::InputOptions; load_input rejects
// them for a file that is not a Databricks job. Called on the CLI's thread.
#pragma once

#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "sim/input/load_input.h"

namespace orchsim::cli {

struct DatabricksInputOptions {
  sim::InputOptions input{.use = sim::InputUse::kScenario};
  std::vector<std::string> vars;  // `--var k=v` as given
};

void add_databricks_options(boost::program_options::options_description& options, DatabricksInputOptions& o);

// The InputOptions, with each `--var k=v` split; a --var without `=` or key is a usage error
// (boost::program_options::error, exit 2) naming `command`.
sim::InputOptions input_options(const DatabricksInputOptions& o, const char* command);

}  // namespace orchsim::cli
