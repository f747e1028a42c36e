// Tidy CSV of an experiment: one row per (strategy, replication). Columns are stable and
// documented in README.md. Numbers are printed with fixed precision so the file is byte-identical
// for the same seed and inputs.
#pragma once

#include <string>

#include "sim/experiment.h"

namespace orchsim::reports {

std::string replication_csv(const sim::ExperimentResult& result);

}  // namespace orchsim::reports
