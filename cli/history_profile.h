// The fitted profile of `compare --history`, `backtest` and `orchsim fit`: a job's recorded runs
// fitted (models/history_fit.h), written as profile YAML (reports/profile_yaml_writer.h) and read back
// through the profile loader, so that it applies exactly as the same file given with `--profile`
// would. A user's `--profile` adds what history cannot tell (prices, runtime values, pools); its
// rules and startups come after the fitted ones, so what the user states wins. Called on the CLI's thread.
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "models/history_fit.h"
#include "sim/input/load_input.h"

namespace orchsim::cli {

struct FittedProfile {
  models::HistoryFit fit;
  std::string yaml;
};

// Fits `runs`, matched to the task keys of the job `input` loads (loaded once with the user's
// profile only), and sets input.profile to the fitted profile merged with the user's.
FittedProfile apply_fitted_profile(std::span<const models::JobRunRecord> runs, const std::vector<std::string>& sources,
                                   const models::FitOptions& fit_options, const std::string& bundle,
                                   sim::InputOptions& input);

// The stderr summary of a fit: runs, tasks, computes, then each note.
void print_fit_summary(const models::HistoryFit& fit, std::ostream& err);

}  // namespace orchsim::cli
