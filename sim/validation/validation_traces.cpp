#include "sim/validation/validation_traces.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/check.h"
#include "models/deployment.h"
#include "sim/experiment/replication.h"
#include "sim/validation/trace_calibration.h"

namespace orchsim::sim {

namespace {

const std::string kRung = "real trace";

// The engine's replay: all the trace's cores as one shared cluster, no overhead.
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
    // Memory as recorded (unknown: never a constraint).
    catalog_.put({.name = "trace_machines", .vcpus = cores_, .mem_gib = mem_known ? mem : 1e9, .dbu_per_hour = 0,
                  .vm_usd_per_hour = 0});
  }

  int cores() const { return cores_; }

  double makespan_s() const {
    models::StrategySpec strategy{.name = "trace_replay", .kind = models::StrategyKind::kSingleJobSharedCluster};
    strategy.cluster.node_type = "trace_machines";
    strategy.cluster.workers = 1;
    strategy.cluster.workers_written = true;  // the trace's machine as it is, not sized
    strategy.cluster.startup = models::Distribution::fixed(0);
    strategy.cluster.max_contexts = cores_;
    Diagnostics d;
    const auto deployment = models::plan(trace_.workload, dag_, strategy, catalog_, world_.pricing, d);
    ORCHSIM_CHECK(deployment.has_value(), "trace replay cannot be planned");
    const auto r = run_replication(*deployment, trace_.workload, world_, 0, 0);
    ORCHSIM_CHECK(r.outcome == JobResult::kSuccess, "a failure-free trace replay did not succeed");
    return r.makespan.to_seconds();
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

CheckResult info(std::string name, std::string rule) {
  return {.rung = kRung, .name = std::move(name), .unit = "s", .kind = CheckKind::kTrace, .passed = true,
          .informational = true, .rule = std::move(rule)};
}

CheckResult bound_row(const WfCommonsTrace& t) {
  const TraceReplay replay(t);
  const std::size_t n = t.workload.tasks.size();
  const std::string tag = fmt::format("{} ({} task{}, {} cores)", t.file, n, n == 1 ? "" : "s", replay.cores());
  if (!t.makespan_s) return info(tag + ": no makespanInSeconds recorded, nothing to compare", "no recorded makespan");
  const double zero = replay.makespan_s();
  return {.rung = kRung, .name = tag + ": engine replay, zero overhead, simulated ≤ recorded makespan", .unit = "s",
          .kind = CheckKind::kTrace, .analytic = *t.makespan_s, .simulated = zero, .samples = 1,
          .passed = zero <= *t.makespan_s + 1e-6,
          .rule = "the recorded run paid every overhead: the ideal replay cannot be slower"};
}

// The ideal error is 0: the row shows the median error and fails above max_error.
CheckResult median_row(const std::string& what, const std::vector<double>& errors, double max_error) {
  const double m = median(errors);
  return {.rung = kRung,
          .name = fmt::format("{}: median |predicted − recorded| / recorded of {} prediction{} (max {:g}%)", what,
                              errors.size(), errors.size() == 1 ? "" : "s", max_error * 100),
          .unit = "%", .kind = CheckKind::kTrace, .analytic = 0, .simulated = m * 100, .samples = errors.size(),
          .passed = m <= max_error, .rule = fmt::format("passes when the median error ≤ {:g}% (here {:.1f}%)", max_error * 100, m * 100)};
}

// Each instance of one family predicted from the others; returns the relative errors.
std::vector<double> predict_family(const std::string& family, const std::vector<const WfCommonsTrace*>& members,
                                   const TraceCheckOptions& options, std::vector<CheckResult>& rows) {
  TraceCalibrator calibrator(members, options.bandwidth_bps);
  std::vector<double> errors;
  for (std::size_t i = 0; i < members.size(); ++i) {
    std::vector<std::size_t> others;
    for (std::size_t j = 0; j < members.size(); ++j) {
      if (j != i) others.push_back(j);
    }
    const TraceModel model = calibrator.fit(others);
    const WfCommonsTrace& t = *members[i];
    const double recorded = *t.makespan_s;
    const double predicted = calibrator.makespan_s(i, model);
    const double error = std::fabs(predicted - recorded) / recorded;
    errors.push_back(error);
    const std::size_t n = t.workload.tasks.size(), machines = t.machines.size();
    const std::string tag = fmt::format("{} ({} task{}, {} machine{})", t.file, n, n == 1 ? "" : "s", machines,
                                        machines == 1 ? "" : "s");
    rows.push_back({.rung = kRung,
                    .name = fmt::format("{} predicted from the {} other {} instance{}: s = {:.2f} s/task serial, "
                                        "L = {:g} s, B = {:g} MB/s",
                                        tag, others.size(), family, others.size() == 1 ? "" : "s",
                                        model.release_interval_s, model.latency_s, model.bandwidth_bps / 1e6),
                    .unit = "s", .kind = CheckKind::kTrace, .analytic = recorded, .simulated = predicted,
                    .samples = 1, .passed = error <= options.max_error,
                    .rule = fmt::format("passes when |predicted − recorded| / recorded ≤ {:g}% (here {:.1f}%)",
                                        options.max_error * 100, error * 100)});
  }
  return errors;
}

}  // namespace

std::vector<CheckResult> trace_checks(const std::vector<WfCommonsTrace>& traces, const TraceCheckOptions& options) {
  std::vector<CheckResult> rows;
  // Families in order of first appearance, each with its distinct runs that record a makespan.
  std::vector<std::pair<std::string, std::vector<const WfCommonsTrace*>>> families;
  std::vector<const WfCommonsTrace*> kept;
  for (const WfCommonsTrace& t : traces) {
    const auto original = std::find_if(kept.begin(), kept.end(), [&](const WfCommonsTrace* k) { return same_run(*k, t); });
    if (original != kept.end()) {
      rows.push_back(info(fmt::format("{}: the same run as {} (same makespan and task runtimes), not used", t.file,
                                      (*original)->file),
                          "duplicate run"));
      continue;
    }
    kept.push_back(&t);
    rows.push_back(bound_row(t));
    if (!t.makespan_s || *t.makespan_s <= 0) continue;
    const std::string family = trace_family(t.file);
    auto f = std::find_if(families.begin(), families.end(), [&](const auto& p) { return p.first == family; });
    if (f == families.end()) f = families.insert(families.end(), {family, {}});
    f->second.push_back(&t);
  }
  std::vector<double> all_errors;
  for (const auto& [family, members] : families) {
    if (members.size() < 2) {
      rows.push_back(info(fmt::format("family {}: one instance ({}), nothing to predict it from", family,
                                      members[0]->file),
                          "a prediction needs another instance of the family"));
      continue;
    }
    const std::vector<double> errors = predict_family(family, members, options, rows);
    rows.push_back(median_row("family " + family, errors, options.max_error));
    all_errors.insert(all_errors.end(), errors.begin(), errors.end());
  }
  if (!all_errors.empty()) rows.push_back(median_row("all families", all_errors, options.max_error));
  return rows;
}

}  // namespace orchsim::sim
