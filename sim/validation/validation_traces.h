// The real-trace rung of the validation ladder. Used by sim/validation/validation.cpp. Rows are
// labelled by the trace's file as given (two traces may share an internal name).
//
//  - zero overhead, per trace: the trace replayed through the real engine on one shared cluster
//    with all its cores (one execution context per core, no startup, no failures, recorded
//    runtimes). The recorded run paid every overhead of its workflow system, so the replay must not
//    exceed the recorded makespan.
//  - predicted, per trace of a family with two or more distinct instances: the trace model
//    (sim/validation/trace_model.h: serial release interval, latency, staging at a stated
//    bandwidth, the recorded machines and their cores) is fitted on the family's OTHER instances
//    (sim/validation/trace_calibration.h) and predicts this one's makespan; the row fails when
//    |predicted − recorded| / recorded > max_error.
//  - per family, and over all families: the median of those errors, failing above max_error.
//  - informational: a file that records the same run as an earlier one (not used), a family of
//    one instance (nothing to predict it from), a trace without a recorded makespan.
#pragma once

#include <vector>

#include "sim/input/wfcommons.h"
#include "sim/validation/check_result.h"

namespace orchsim::sim {

struct TraceCheckOptions {
  double max_error = 0.25;
  double bandwidth_bps = 125e6;
};

std::vector<CheckResult> trace_checks(const std::vector<WfCommonsTrace>& traces, const TraceCheckOptions& options);

}  // namespace orchsim::sim
