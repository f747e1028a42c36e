#include "sim/validation/validation_traces.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/check.h"
#include "models/deployment.h"
#include "sim/experiment/replication.h"

namespace orchsim::sim {

namespace {

class TraceReplay {
 public:
  explicit TraceReplay(const WfCommonsTrace& trace) : trace_(trace) {
    Diagnostics d;
    auto dag = trace.workload.dag(d);
    ORCHSIM_CHECK(dag.has_value(), "an imported trace has an invalid DAG");
    dag_ = std::move(*dag);
    double mem = 0;
    bool mem_known = !trace.machines.empty();
    for (const auto& m : trace.machines) {
      cores_ += m.cores;
      mem += m.mem_gib.value_or(0);
      mem_known = mem_known && m.mem_gib.has_value();
    }
    if (cores_ == 0) {  // no machines listed: as wide as the widest possible stage
      cores_ = static_cast<int>(trace.workload.tasks.size());
    }
    // All the trace's cores as one pool; memory as recorded (unknown: never a constraint).
    catalog_.put({.name = "trace_machines", .vcpus = cores_, .mem_gib = mem_known ? mem : 1e9, .dbu_per_hour = 0,
                  .vm_usd_per_hour = 0});
  }

  int cores() const { return cores_; }

  double makespan_s(Duration overhead) const {
    models::StrategySpec strategy{.name = "trace_replay", .kind = models::StrategyKind::kSingleJobSharedCluster};
    strategy.cluster.node_type = "trace_machines";
    strategy.cluster.workers = 1;
    strategy.cluster.startup = models::Distribution::fixed(0);
    strategy.cluster.max_contexts = cores_;
    strategy.cluster.dispatch_overhead = overhead;
    Diagnostics d;
    const auto deployment = models::plan(trace_.workload, dag_, strategy, catalog_, d);
    ORCHSIM_CHECK(deployment.has_value(), "trace replay cannot be planned");
    const auto r = run_replication(*deployment, trace_.workload, world_, 0, 0);
    ORCHSIM_CHECK(r.outcome == JobResult::kSuccess, "a failure-free trace replay did not succeed");
    return r.makespan.to_seconds();
  }

  // The per-task overhead whose replay takes `target_s`, to the millisecond (0 if even no overhead
  // is too slow). The makespan does not decrease as the overhead grows.
  double fit_overhead_s(double target_s) const {
    if (makespan_s(Duration::zero()) >= target_s) return 0;
    double lo = 0, hi = target_s;
    while (hi - lo > 1e-3) {
      const double mid = (lo + hi) / 2;
      (makespan_s(Duration::from_seconds(mid)) < target_s ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
  }

 private:
  const WfCommonsTrace& trace_;
  Dag dag_;
  int cores_ = 0;
  models::Catalog catalog_;
  models::WorldModel world_;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

std::vector<CheckResult> trace_checks(const std::vector<WfCommonsTrace>& traces) {
  std::vector<CheckResult> rows;
  std::vector<TraceReplay> replays;
  std::vector<double> fitted;
  for (const auto& t : traces) {
    replays.emplace_back(t);
    fitted.push_back(t.makespan_s ? replays.back().fit_overhead_s(*t.makespan_s) : 0);
  }
  for (std::size_t i = 0; i < traces.size(); ++i) {
    const WfCommonsTrace& t = traces[i];
    const TraceReplay& replay = replays[i];
    const std::string rung = "real trace";
    const std::string tag = fmt::format("{} ({} tasks, {} cores)", t.name, t.workload.tasks.size(), replay.cores());
    if (!t.makespan_s) {
      rows.push_back({.rung = rung, .name = tag + ": no makespanInSeconds recorded, nothing to compare",
                      .unit = "s", .kind = CheckKind::kTrace, .passed = true, .rule = "no recorded makespan"});
      continue;
    }
    const double recorded = *t.makespan_s;
    const double zero = replay.makespan_s(Duration::zero());
    rows.push_back({.rung = rung, .name = tag + ": zero overhead, simulated ≤ recorded makespan", .unit = "s",
                    .kind = CheckKind::kTrace, .analytic = recorded, .simulated = zero, .samples = 1,
                    .passed = zero <= recorded + 1e-6,
                    .rule = "the recorded run paid every overhead: the ideal replay cannot be slower"});
    std::vector<double> others;
    for (std::size_t j = 0; j < traces.size(); ++j) {
      if (j != i && traces[j].makespan_s) others.push_back(fitted[j]);
    }
    const bool out_of_sample = !others.empty();
    const double overhead = out_of_sample ? median(others) : fitted[i];
    const double predicted = replay.makespan_s(Duration::from_seconds(overhead));
    rows.push_back(
        {.rung = rung,
         .name = fmt::format("{}: calibrated overhead {:.2f} s/task ({}; this trace's own fit {:.2f} s)", tag, overhead,
                             out_of_sample ? fmt::format("median fit of the {} other traces", others.size())
                                           : "in-sample fit, equal by construction",
                             fitted[i]),
         .unit = "s", .kind = CheckKind::kTrace, .analytic = recorded, .simulated = predicted, .samples = 1,
         .passed = true, .rule = "informational: leave-one-out prediction of the makespan"});
  }
  return rows;
}

}  // namespace orchsim::sim
