// Calibration of the trace model (sim/validation/trace_model.h) within a workflow family: which
// family a trace file belongs to, whether two files record the same run, and the parameters fitted
// on some instances to predict another. Used by the real-trace rung (validation_traces.cpp).
// Not thread-safe (a TraceCalibrator caches fits); trace_checks makes one per family.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/input/wfcommons.h"
#include "sim/validation/trace_model.h"

namespace orchsim::sim {

// The family of a trace file: its file name up to the first '-' (WfInstances names its files
// <family>-<testbed>-<parameters>-<index>.json, e.g. "1000genome" for
// 1000genome-chameleon-2ch-100k-001.json); the whole stem when there is no '-'.
std::string trace_family(const std::string& file);

// Two files record the same run when they have the same recorded makespan and the same multiset of
// task runtimes (a schema 1.4 and a 1.5 copy of one execution name tasks differently).
bool same_run(const WfCommonsTrace& a, const WfCommonsTrace& b);

// The serial release interval s is fitted per instance by bisection; with one instance to learn
// from the latency L is 0 and s is that instance's fit. With two or more, L is the value of the
// grid 0, 15, …, 300 s whose median s minimises Σ ln²(simulated / recorded) over them (the least
// such L on a tie, within kLossTie: the fits are to the millisecond), and s is that median. The bandwidth is a stated parameter, not fitted.
class TraceCalibrator {
 public:
  static constexpr double kLatencyStep_s = 15;
  static constexpr double kLatencyMax_s = 300;
  static constexpr double kLossTie = 1e-6;  // ≈ a 0.1% error

  // `traces` must outlive the calibrator; each must have a recorded makespan.
  TraceCalibrator(const std::vector<const WfCommonsTrace*>& traces, double bandwidth_bps);

  double makespan_s(std::size_t trace, const TraceModel& model) const;
  // The model fitted on the traces `from` (indices into the constructor's list, at least one).
  TraceModel fit(const std::vector<std::size_t>& from);

 private:
  double release_fit(std::size_t trace, double latency_s);

  std::vector<TraceTimings> timings_;
  std::vector<double> recorded_s_;
  double bandwidth_bps_;
  std::map<std::pair<std::size_t, double>, double> release_fits_;  // (trace, L) → s
};

}  // namespace orchsim::sim
