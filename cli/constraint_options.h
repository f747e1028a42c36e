// The decision constraints of `orchsim compare`: --deadline (a duration like the scenario's, "45m",
// "1h30m", "90s"), --budget (USD per successful run) and --value-of-time (USD per minute), read as
// text and checked here, so that a bad value is a po::error (exit 2) naming the option. Used by
// cli.cpp; the choice itself is reports/constrained_choice.h.
#pragma once

#include <string>

#include <boost/program_options.hpp>

#include "reports/constrained_choice.h"

namespace orchsim::cli {

struct ConstraintOptions {
  std::string deadline;
  std::string budget;
  std::string value_of_time;
};

void add_constraint_options(boost::program_options::options_description& options, ConstraintOptions& o);

// The constraints given in `vm` (none given: Constraints{} with any() false).
reports::Constraints parse_constraints(const boost::program_options::variables_map& vm, const ConstraintOptions& o);

}  // namespace orchsim::cli
