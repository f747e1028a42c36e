// The real-trace rung of the validation ladder: each WfCommons trace replayed through the real
// engine on one shared cluster with the trace's cores (one execution context per core, no startup,
// no failures), its simulated makespan next to the recorded one. Used by sim/validation/validation.cpp.
//
// Two rows per trace:
//  - zero overhead: tasks take exactly their recorded runtimes. The recorded run paid every
//    overhead of its workflow system, so the simulated makespan must not exceed it (the only way
//    a trace row can fail).
//  - calibrated overhead: a per-task dispatch overhead o (each task holds its slot for o before it
//    runs, as a workflow system's submit/schedule/stage-in latency does). For each trace, o_fit is
//    found by bisection so that the simulated makespan equals the recorded one: the overhead the
//    trace implies. The row then predicts each trace with the median o_fit of the OTHER traces
//    given (leave-one-out), so its error is out of sample; with a single trace the row shows the
//    in-sample fit and says so. Informational: a model of overhead, not a law, so it cannot fail.
#pragma once

#include <vector>

#include "sim/input/wfcommons.h"
#include "sim/validation/check_result.h"

namespace orchsim::sim {

std::vector<CheckResult> trace_checks(const std::vector<WfCommonsTrace>& traces);

}  // namespace orchsim::sim
