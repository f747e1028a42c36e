// The validation ladder (`orchsim validate`): small built-in scenarios, each simulated with many
// replications through the real engine and the simulated world, next to the exact or analytic value
// from docs/model.md §13 (models/analytic*.h), plus the real-trace check for WfCommons traces.
//
// How a check passes, never tuned by hand:
//  - a mean (kMean) or a rate (kProportion): the analytic value lies in the simulated value's
//    confidence interval (Student t for means, Wilson for rates). The table shows 99% intervals; the
//    pass/fail interval is at 1 − 0.01/K for the K statistical checks of the run (Bonferroni), so
//    that the whole ladder, not each row, has a 1% chance of a false alarm on a correct simulator;
//  - a quantile (kQuantile): the distribution-free order-statistic intervals of the simulated sample
//    and of a large Monte Carlo sample of the formula's own distribution overlap (same level);
//  - exact (kExact): |simulated − analytic| <= 1 µs per task (the Duration resolution; processor
//    sharing reschedules completions to the microsecond), or 1e-9 relative for dollars;
//  - a bound (kBound): the simulated value is on the right side of the bound, with the same slack;
//  - a trace (kTrace): the zero-overhead makespan must not exceed the recorded one (the recorded
//    run included every overhead); a makespan predicted from the other instances of the trace's
//    family must be within `trace_max_error` of the recorded one, and so must each family's median
//    error (sim/validation/validation_traces.h). Rows that check nothing (a family of one, a
//    duplicate run) are informational.
// Called from the CLI's thread; replications run on `threads` worker threads and every number is
// the same at any thread count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/validation/check_result.h"

namespace orchsim::sim {

struct ValidationOptions {
  bool quick = false;  // fewer replications and smaller sizes: the CI ladder (a few seconds)
  std::uint64_t seed = 42;
  unsigned threads = 0;              // 0: all hardware threads
  std::vector<std::string> traces;   // WfCommons JSON files for the real-trace check
  double trace_max_error = 0.25;     // a predicted makespan fails beyond this relative error
  double trace_bandwidth_bps = 125e6;  // staging bandwidth of the trace model (1 Gbit/s)
  double family_confidence = 0.99;   // for the ladder as a whole
};

struct ValidationReport {
  std::vector<CheckResult> checks;
  std::size_t statistical_checks = 0;  // K
  double per_check_confidence = 0;     // 1 − (1 − family)/K
  bool quick = false;
  std::uint64_t seed = 0;

  bool passed() const;
};

// Runs the ladder. Throws InputError, before any simulation, when a trace cannot be read, is
// malformed, or is no WfCommons trace (read through sim/input/load_input.h).
ValidationReport run_validation(const ValidationOptions& options);

}  // namespace orchsim::sim
