// fit_history: the simulator's inputs fitted to a job's recorded runs (models/run_records.h), for
// `orchsim fit`, `compare --history` and `backtest` (docs/calibration.md "Fitting"):
// - per task key, the duration of its successful attempts (execution_duration, else end − start −
//   setup): a lognormal by maximum likelihood with its Lilliefors goodness of fit, or the empirical
//   distribution of the samples when asked or when the lognormal is rejected (p < FitOptions::min_p);
// - per task key, the per-attempt failure probability (failed / (succeeded + failed)) with its 95%
//   Wilson interval;
// - per compute, the startup: the setup_duration of the first attempt on that compute in each run.
// Small samples (< FitOptions::min_samples) and task keys the job does not have are listed in
// notes. Pure, any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "models/distributions.h"
#include "models/lognormal_fit.h"
#include "models/run_records.h"
#include "models/wilson_interval.h"

namespace orchsim::models {

struct FitOptions {
  bool empirical = false;       // `--empirical`: always the samples themselves
  std::size_t min_samples = 5;  // fewer is fitted but reported as a small sample
  double min_p = 0.01;          // a lognormal rejected at this level falls back to the samples
};

// A fitted positive quantity in seconds (a duration or a startup).
struct SecondsFit {
  std::size_t n = 0;
  std::optional<LognormalFit> lognormal;  // unset when a sample is 0 (a lognormal cannot hold it)
  bool empirical = false;                 // `distribution` is the samples
  Distribution distribution;              // what the simulator draws
  double median = 0;                      // of `distribution`
  double median_lo = 0;                   // its 95% interval (lognormal: e^(μ ± t·s/√n);
  double median_hi = 0;                   //   samples: the distribution-free order-statistic one)
};

struct TaskFit {
  std::string task_key;
  std::optional<SecondsFit> duration;  // unset: no successful attempt
  std::size_t succeeded = 0;
  std::size_t failed = 0;  // FAILED, INTERNAL_ERROR
  std::size_t other = 0;   // neither (TIMEDOUT, CANCELED, SKIPPED, UPSTREAM_FAILED, …): not counted
  Proportion failure;      // failed of succeeded + failed
  bool in_job = true;      // false: the imported job has no task of this key (match_task_keys)
};

struct StartupFit {
  std::string compute;  // job_cluster_key, existing_cluster_id or "serverless", as recorded
  SecondsFit startup;
};

struct HistoryFit {
  std::string job;  // the job's name (or id) as recorded
  std::size_t runs = 0;
  std::vector<TaskFit> tasks;        // by task key
  std::vector<StartupFit> computes;  // by compute
  std::vector<std::string> notes;    // small samples, fallbacks, unmatched keys
};

// The runs of job `job` (its job_id or job_name; empty: the only job of the records), in start order.
// Throws InputError (at the first run's location) when `job` matches nothing or, empty, the records
// hold several jobs; the message lists them.
std::vector<JobRunRecord> runs_of_job(const RunRecords& records, const std::string& job);

HistoryFit fit_history(std::span<const JobRunRecord> runs, const FitOptions& options);

// Marks the fitted keys the job does not have (in_job = false) and notes them and the job's tasks
// that no record mentions.
void match_task_keys(HistoryFit& fit, const std::vector<std::string>& job_task_keys);

// The duration of a successful attempt in seconds, as fit_history takes it.
double attempt_seconds(const TaskAttemptRecord& attempt);

}  // namespace orchsim::models
