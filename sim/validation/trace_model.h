// The calibrated replay of a WfCommons trace: what the trace records (each task's runtime, the
// machine it ran on, the sizes of the files it read and wrote, each machine's cores) plus three
// workflow-system parameters, as a deterministic list schedule. Used by the real-trace rung
// (sim/validation/validation_traces.cpp) to fit the parameters on some instances of a workflow
// family and predict the others. A pure function of its inputs; any thread.
//
// A task whose parents have all ended is *released* by the workflow system: releases are serial,
// one every `release_interval_s` in the order tasks became ready (the submit loop of a workflow
// manager, which holds no core); `latency_s` later it reaches its recorded machine (submission,
// negotiation: no core held either) and queues FIFO for one of that machine's cores. It then holds
// `cores` cores (at most the machine's) for its stage-in and stage-out, (input + output bytes) /
// `bandwidth_bps`, plus its recorded runtime. A task whose machine is not recorded runs on a pool of
// all the trace's cores (as many cores as tasks when the trace lists no machine).
// This is not the engine: the engine's own replay of the trace is the zero-overhead bound row.
#pragma once

#include <string>
#include <vector>

#include "sim/input/wfcommons.h"

namespace orchsim::sim {

struct TraceModel {
  double release_interval_s = 0;  // s: serial, per task
  double latency_s = 0;           // L: per task, in parallel
  double bandwidth_bps = 0;       // bytes per second for staging; 0: staging takes no time
};

// The trace reduced to what the model reads: per task its parents, runtime, machine, cores and
// staged bytes; per machine its cores.
class TraceTimings {
 public:
  explicit TraceTimings(const WfCommonsTrace& trace);

  // The simulated makespan in seconds.
  double makespan_s(const TraceModel& model) const;

  // The release interval (to 1 ms) whose makespan reaches `target_s` with the other parameters of
  // `model`; 0 when even a zero interval is too slow.
  double fit_release_interval_s(TraceModel model, double target_s) const;

 private:
  struct Task {
    std::vector<std::size_t> children;
    std::size_t parents = 0;
    double runtime_s = 0;
    double bytes = 0;
    std::size_t machine = 0;
    int cores = 1;
  };
  std::vector<Task> tasks_;
  std::vector<int> machine_cores_;
};

}  // namespace orchsim::sim
