// student_t_quantile: the two-sided Student-t quantile, the one copy of it: sim/experiment
// summaries (the t interval of a mean over replications), validation, the lognormal fit (the
// interval of a fitted median, models/lognormal_fit.h) and the backtest's means. Pure, any thread.
#pragma once

#include <cstddef>

namespace orchsim::models {

// t_{1-alpha/2, dof} for confidence 1 - alpha; exact table for 95% up to 30 dof, then a
// Cornish-Fisher expansion (error < 1e-4 for dof >= 30).
double student_t_quantile(double confidence, std::size_t dof);

}  // namespace orchsim::models
