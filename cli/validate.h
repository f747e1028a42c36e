// `orchsim validate [--quick] [--out DIR] [--seed S] [--threads N] [--max-error E] [--bandwidth MB/s]
// [TRACE...]`: runs the validation ladder (sim/validation/validation.h), prints its table, writes it
// as DIR/validation.md and DIR/validation.csv, and exits 1 when a check fails (2 on bad input). The
// table renderers are here because only this command uses them. Called on the CLI's thread.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sim/validation/validation.h"

namespace orchsim::cli {

// The ladder as a Markdown table (with a header line stating the pass rule) and as CSV.
std::string validation_markdown(const sim::ValidationReport& report);
std::string validation_csv(const sim::ValidationReport& report);

int validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
