// wilson_interval: a proportion with its 95% Wilson score interval (Wilson 1927), the one copy of it:
// sim/experiment summaries (P(FAILED) over replications) and the history fit (a task's per-attempt
// failure probability, models/history_fit.h) both call it. Pure, any thread.
#pragma once

#include <cstddef>

namespace orchsim::models {

// Rate of `successes` in `n` trials with the 95% Wilson score interval [lo, hi] (not centred on
// the rate, so both ends are given). n == 0 gives all zeros.
struct Proportion {
  double rate = 0;
  double lo = 0;
  double hi = 0;
};
Proportion wilson_interval(std::size_t successes, std::size_t n);

}  // namespace orchsim::models
