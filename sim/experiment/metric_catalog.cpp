#include "sim/experiment/metric_catalog.h"

#include <array>

namespace orchsim::sim {

namespace {

constexpr double kMin = 60.0;
constexpr double kHour = 3600.0;

// 1 for a run ending SUCCESS (the p_success event), else 0: the denominator of the success-aware metrics.
double succeeded(const RunMetrics& m) { return m.outcome == JobResult::kSuccess ? 1.0 : 0.0; }

// The catalog. Definitions are the contract of each column: keep them exact, and keep README.md's
// list of outputs in step (a test checks every id appears there).
constexpr std::array<MetricDef, kMetricCount> kCatalog{{
    MetricDef{MetricId::kMakespanMin, "makespan_min", "time", "min", MetricKind::kValue, Better::kLower,
              "wall-clock time from the pipeline run's start to its end",
              [](const RunMetrics& m) { return m.makespan_s / kMin; }},
    MetricDef{MetricId::kSuccessMakespanMin, "success_makespan_min", "time", "min", MetricKind::kRatio, Better::kLower,
              "makespan_min over the runs ending SUCCESS only: Σ their makespan / their number",
              [](const RunMetrics& m) { return succeeded(m) * m.makespan_s / kMin; }, succeeded,
              "no run succeeded"},
    MetricDef{MetricId::kSetupMin, "setup_min", "time", "task-min", MetricKind::kValue, Better::kLower,
              "sum over attempts of the time from the attempt's start until its cluster was up",
              [](const RunMetrics& m) { return m.setup_s / kMin; }},
    MetricDef{MetricId::kQueueMin, "queue_min", "time", "task-min", MetricKind::kValue, Better::kLower,
              "sum over attempts of the time spent on an up cluster waiting for cores (contention)",
              [](const RunMetrics& m) { return m.queue_s / kMin; }},
    MetricDef{MetricId::kContentionMin, "contention_min", "time", "task-min", MetricKind::kValue, Better::kLower,
              "queue_min plus the running time lost to sharing cores: Σ over attempts of ∫ (1 − cores given / "
              "cores it would get alone) dt",
              [](const RunMetrics& m) { return (m.queue_s + m.shared_s) / kMin; }},
    MetricDef{MetricId::kExecutionMin, "execution_min", "time", "task-min", MetricKind::kValue, Better::kNeither,
              "sum over attempts of the time executing, failed attempts included",
              [](const RunMetrics& m) { return m.execution_s / kMin; }},
    MetricDef{MetricId::kRetryWaitMin, "retry_wait_min", "time", "task-min", MetricKind::kValue, Better::kLower,
              "sum over retried tasks (and for_each iterations) of the time from a failed attempt's end to the "
              "same task's (iteration's) next attempt's start",
              [](const RunMetrics& m) { return m.retry_wait_s / kMin; }},
    MetricDef{MetricId::kStartupBlockedMin, "startup_blocked_min", "time", "min", MetricKind::kValue, Better::kLower,
              "wall-clock time in the run during which a cluster was starting and no attempt was executing",
              [](const RunMetrics& m) { return m.startup_blocked_s / kMin; }},
    MetricDef{MetricId::kStartupShare, "startup_share", "capacity", "fraction", MetricKind::kRatio, Better::kLower,
              "Σ startup_blocked_min / Σ makespan_min: the share of the makespan lost to cluster startup",
              [](const RunMetrics& m) { return m.startup_blocked_s; },
              [](const RunMetrics& m) { return m.makespan_s; }, "no run took any time"},
    MetricDef{MetricId::kCostUsd, "cost_usd", "money", "USD", MetricKind::kValue, Better::kLower,
              "the bill of every cluster instance of the run (VM + DBU), per-second billing",
              [](const RunMetrics& m) { return m.cost_usd(); }},
    MetricDef{MetricId::kCostPerSuccessUsd, "cost_per_success_usd", "money", "USD", MetricKind::kRatio, Better::kLower,
              "Σ cost_usd of all runs, failed ones included / the number of runs ending SUCCESS: what one "
              "successful run costs when failed runs are paid for and run again (= mean cost_usd / p_success)",
              [](const RunMetrics& m) { return m.cost_usd(); }, succeeded, "no run succeeded"},
    MetricDef{MetricId::kVmUsd, "vm_usd", "money", "USD", MetricKind::kValue, Better::kLower, "the cloud VM part of cost_usd",
              [](const RunMetrics& m) { return m.vm_usd; }},
    MetricDef{MetricId::kDbuUsd, "dbu_usd", "money", "USD", MetricKind::kValue, Better::kLower, "the DBU part of cost_usd",
              [](const RunMetrics& m) { return m.dbu_usd; }},
    MetricDef{MetricId::kStartupUsd, "startup_usd", "money", "USD", MetricKind::kValue, Better::kLower,
              "the part of cost_usd billed while clusters were starting",
              [](const RunMetrics& m) { return m.startup_usd; }},
    MetricDef{MetricId::kIdleUsd, "idle_usd", "money", "USD", MetricKind::kValue, Better::kLower,
              "the part of cost_usd billed while clusters were up, for the cores no attempt used: per "
              "instance, up-time bill × (1 − busy core-s / paid core-s); and pool instances idle above min_idle",
              [](const RunMetrics& m) { return m.idle_usd; }},
    MetricDef{MetricId::kPoolStandingUsd, "pool_standing_usd", "money", "USD", MetricKind::kValue, Better::kLower,
              "the part of cost_usd that is the run's share of its pools' min_idle instances, billed around the "
              "clock: min_idle × VM $/h × 24 / runs_per_day per pool",
              [](const RunMetrics& m) { return m.pool_standing_usd; }},
    MetricDef{MetricId::kWastedUsd, "wasted_usd", "failure", "USD", MetricKind::kValue, Better::kLower,
              "the up-time bill attributed to failed attempts (their core-seconds × the instance's $ per "
              "paid core-second)",
              [](const RunMetrics& m) { return m.wasted_usd; }},
    MetricDef{MetricId::kBusyCoreH, "busy_core_h", "capacity", "core-h", MetricKind::kValue, Better::kNeither,
              "core-hours given to attempts", [](const RunMetrics& m) { return m.busy_core_s / kHour; }},
    MetricDef{MetricId::kPaidCoreH, "paid_core_h", "capacity", "core-h", MetricKind::kValue, Better::kLower,
              "worker core-hours billed while clusters were up (the resources the run held); a single-node "
              "cluster's driver cores; serverless: its task's cores; a shared all-purpose cluster: the core-hours "
              "the run used",
              [](const RunMetrics& m) { return m.paid_core_s / kHour; }},
    MetricDef{MetricId::kUtilisation, "utilisation", "capacity", "fraction", MetricKind::kRatio, Better::kHigher,
              "Σ busy_core_h / Σ paid_core_h",
              [](const RunMetrics& m) { return m.busy_core_s; }, [](const RunMetrics& m) { return m.paid_core_s; },
              "no core was paid for"},
    MetricDef{MetricId::kClusterStarts, "cluster_starts", "capacity", "count", MetricKind::kValue, Better::kLower,
              "cluster instances started (a job cluster lost and replaced counts twice)",
              [](const RunMetrics& m) { return double(m.cluster_starts); }},
    MetricDef{MetricId::kAttempts, "attempts", "failure", "count", MetricKind::kValue, Better::kLower, "work attempts started",
              [](const RunMetrics& m) { return double(m.attempts); }},
    MetricDef{MetricId::kRetries, "retries", "failure", "count", MetricKind::kValue, Better::kLower,
              "attempts re-executed: attempts − tasks (and for_each iterations) attempted",
              [](const RunMetrics& m) { return double(m.attempts - m.tasks_attempted); }},
    MetricDef{MetricId::kFailedAttempts, "failed_attempts", "failure", "count", MetricKind::kValue, Better::kLower,
              "attempts that ended in failure (task error, timeout, cluster loss, launch failure, preemption)",
              [](const RunMetrics& m) { return double(m.failed_attempts); }},
    MetricDef{MetricId::kWastedCoreH, "wasted_core_h", "failure", "core-h", MetricKind::kValue, Better::kLower,
              "core-hours given to attempts that failed", [](const RunMetrics& m) { return m.wasted_core_s / kHour; }},
    MetricDef{MetricId::kFaults, "faults", "failure", "count", MetricKind::kValue, Better::kLower,
              "incidents: each failed attempt is one, except that infrastructure failures on the same cluster "
              "at the same instant (a driver crash) are one incident together",
              [](const RunMetrics& m) { return double(m.faults); }},
    MetricDef{MetricId::kTasksHit, "tasks_hit", "failure", "count", MetricKind::kValue, Better::kLower,
              "Σ over faults of the distinct tasks each one failed", [](const RunMetrics& m) { return double(m.tasks_hit); }},
    MetricDef{MetricId::kBlastRadius, "blast_radius", "failure", "tasks/fault", MetricKind::kRatio, Better::kLower,
              "Σ tasks_hit / Σ faults: tasks hit per fault",
              [](const RunMetrics& m) { return double(m.tasks_hit); }, [](const RunMetrics& m) { return double(m.faults); },
              "no fault hit a task"},
    MetricDef{MetricId::kTimeToRecoverMin, "time_to_recover_min", "failure", "min", MetricKind::kRatio, Better::kLower,
              "over faults whose every hit task later succeeded: mean time from the fault to the last of them "
              "succeeding",
              [](const RunMetrics& m) { return m.recovery_s / kMin; },
              [](const RunMetrics& m) { return double(m.recovered_faults); }, "no fault was recovered from"},
    MetricDef{MetricId::kFaultsInjected, "faults_injected", "failure", "count", MetricKind::kValue, Better::kNeither,
              "faults the world injected (crashes, spot losses, launch failures, task errors…), including "
              "those that hit no running task",
              [](const RunMetrics& m) { return double(m.faults_injected); }},
    MetricDef{MetricId::kAlerts, "alerts", "failure", "count", MetricKind::kValue, Better::kLower,
              "failure and retry alerts sent, after de-duplication and rate limits",
              [](const RunMetrics& m) { return double(m.alerts); }},
    MetricDef{MetricId::kAlertsPerIncident, "alerts_per_incident", "failure", "alerts/fault", MetricKind::kRatio, Better::kLower,
              "Σ alerts / Σ faults", [](const RunMetrics& m) { return double(m.alerts); },
              [](const RunMetrics& m) { return double(m.faults); }, "no fault hit a task"},
    MetricDef{MetricId::kRollbacks, "rollbacks", "failure", "count", MetricKind::kValue, Better::kLower,
              "rollbacks the engine started (tables restored to their last known good version)",
              [](const RunMetrics& m) { return double(m.rollbacks); }},
    MetricDef{MetricId::kAlertsSuppressed, "alerts_suppressed", "failure", "count", MetricKind::kValue, Better::kNeither,
              "alerts of any kind that were due but held back by the de-duplication window or the rate limit",
              [](const RunMetrics& m) { return double(m.alerts_suppressed); }},
    MetricDef{MetricId::kTablesRestored, "tables_restored", "failure", "count", MetricKind::kValue, Better::kLower,
              "table RESTOREs done by rollbacks (one per table and rolled-back run)",
              [](const RunMetrics& m) { return double(m.tables_restored); }},
    MetricDef{MetricId::kRollbackMin, "rollback_min", "failure", "min", MetricKind::kValue, Better::kLower,
              "sum over rollbacks of the time from the rollback's start to its run's end (restores)",
              [](const RunMetrics& m) { return m.rollback_s / kMin; }},
    MetricDef{MetricId::kPSuccess, "p_success", "failure", "probability", MetricKind::kProportion, Better::kHigher,
              "share of runs ending SUCCESS", [](const RunMetrics& m) { return m.outcome == JobResult::kSuccess ? 1.0 : 0.0; }},
    MetricDef{MetricId::kPSuccessWithFailures, "p_success_with_failures", "failure", "probability", MetricKind::kProportion, Better::kLower,
              "share of runs ending SUCCESS_WITH_FAILURES",
              [](const RunMetrics& m) { return m.outcome == JobResult::kSuccessWithFailures ? 1.0 : 0.0; }},
    MetricDef{MetricId::kPFailed, "p_failed", "failure", "probability", MetricKind::kProportion, Better::kLower,
              "share of runs ending in any other result (FAILED, TIMEDOUT, CANCELED…)",
              [](const RunMetrics& m) {
                return m.outcome == JobResult::kSuccess || m.outcome == JobResult::kSuccessWithFailures ? 0.0 : 1.0;
              }},
    MetricDef{MetricId::kJobs, "jobs", "orchestration", "count", MetricKind::kValue, Better::kLower, "jobs in the deployment",
              [](const RunMetrics& m) { return double(m.jobs); }},
    MetricDef{MetricId::kClusters, "clusters", "orchestration", "count", MetricKind::kValue, Better::kLower,
              "cluster definitions (computes) in the deployment", [](const RunMetrics& m) { return double(m.clusters); }},
    MetricDef{MetricId::kCrossJobEdges, "cross_job_edges", "orchestration", "count", MetricKind::kValue, Better::kLower,
              "run_job triggers and the dependencies between them: edges configured across jobs",
              [](const RunMetrics& m) { return double(m.cross_job_edges); }},
    MetricDef{MetricId::kPreferredNodeShare, "preferred_node_share", "flexibility", "fraction", MetricKind::kRatio, Better::kHigher,
              "Σ tasks placed on their preferred node type / Σ workload tasks (a task without a preference "
              "counts as placed well)",
              [](const RunMetrics& m) { return double(m.tasks_on_preferred_node); },
              [](const RunMetrics& m) { return double(m.workload_tasks); }, "the workload has no task"},
    MetricDef{MetricId::kOrchestrationItems, "orchestration_items", "orchestration", "count", MetricKind::kValue, Better::kLower,
              "jobs + clusters + cross_job_edges: the things to configure and monitor",
              [](const RunMetrics& m) { return double(m.jobs + m.clusters + m.cross_job_edges); }},
}};

// Row i of the table describes MetricId(i): a lookup is an index, and a row added, dropped or moved
// without its enumerator fails to compile.
constexpr bool catalog_matches_ids() {
  for (std::size_t i = 0; i < kCatalog.size(); ++i) {
    if (metric_index(kCatalog[i].id) != i || kCatalog[i].name.empty()) return false;
  }
  return true;
}
static_assert(catalog_matches_ids(), "kCatalog must list every MetricId once, in enum order");

constexpr bool ratios_say_when_undefined() {
  for (const MetricDef& m : kCatalog) {
    if ((m.kind == MetricKind::kRatio) != !m.undefined_when.empty()) return false;
  }
  return true;
}
static_assert(ratios_say_when_undefined(), "every kRatio metric (and only those) says when it is undefined");

}  // namespace

std::optional<double> MetricDef::of(const RunMetrics& m) const {
  if (kind != MetricKind::kRatio) return value(m);
  const double d = denominator(m);
  if (d == 0) return std::nullopt;
  return value(m) / d;
}

std::span<const MetricDef> metric_catalog() { return kCatalog; }

const MetricDef& metric(MetricId id) { return kCatalog[metric_index(id)]; }

}  // namespace orchsim::sim
