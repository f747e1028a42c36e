// profile_yaml: a fitted history (models/history_fit.h) written as a `--profile` file
// (docs/databricks.md "The profile"), for `orchsim fit -o profile.yaml` and, read back at once,
// `compare --history` and `backtest`. Each task key the job has becomes a `tasks` rule with its
// duration distribution and failure probability, each compute a `startup` entry; every value
// carries a comment with its sample size and 95% interval (and the lognormal's goodness of fit), and
// the header lists the fit's notes (small samples, fallbacks, unmatched keys). Pure; any thread.
#pragma once

#include <string>
#include <vector>

#include "models/history_fit.h"

namespace orchsim::reports {

// `sources`: the history files, named in the header.
std::string profile_yaml(const models::HistoryFit& fit, const std::vector<std::string>& sources);

}  // namespace orchsim::reports
