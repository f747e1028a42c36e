// `orchsim soak [--runs N] [--seed S] [--replications R] [--threads N] [--print-scenario]`: the
// invariant soak (sim/validation/soak.h) over N random scenarios, each simulated R times under
// random faults. Prints what was checked and every violation with the seed that replays it
// (`--seed X --runs 1`), the runs per second on stderr; exit 1 on a violation. `--print-scenario`
// prints seed S's scenario file instead, for `orchsim compare`. Called on the CLI's thread.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace orchsim::cli {

int soak(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace orchsim::cli
