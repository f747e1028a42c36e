#include "models/history_fit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engine/error.h"

namespace orchsim::models {

namespace {

bool succeeded(const std::string& state) { return state == "SUCCESS" || state == "SUCCESS_WITH_FAILURES"; }
bool failed(const std::string& state) { return state == "FAILED" || state == "INTERNAL_ERROR"; }

// The 95% distribution-free interval of the median: the order statistics of ranks n/2 ∓ 1.96·√n/2
// (the normal approximation of the Binomial(n, ½) count below the median).
std::pair<double, double> median_interval(const std::vector<double>& sorted) {
  const double n = static_cast<double>(sorted.size());
  const double half = 1.959963984540054 * std::sqrt(n) / 2;
  const auto lo = static_cast<std::size_t>(std::clamp(std::floor(n / 2 - half), 1.0, n));
  const auto hi = static_cast<std::size_t>(std::clamp(std::ceil(n / 2 + half + 1), 1.0, n));
  return {sorted[lo - 1], sorted[hi - 1]};
}

SecondsFit fit_seconds(std::vector<double> values, const FitOptions& options, const std::string& what,
                       std::vector<std::string>& notes) {
  std::sort(values.begin(), values.end());
  SecondsFit f;
  f.n = values.size();
  if (f.n < options.min_samples) {
    notes.push_back(fmt::format("{}: only {} samples (fewer than {}): fitted, but take it as a rough guess", what,
                                f.n, options.min_samples));
  }
  if (values.front() > 0) f.lognormal = fit_lognormal(values);
  const bool rejected = f.lognormal && f.lognormal->ks_p && *f.lognormal->ks_p < options.min_p;
  f.empirical = options.empirical || !f.lognormal || rejected;
  if (!f.empirical) {
    f.distribution = f.lognormal->distribution();
    f.median = f.lognormal->median;
    f.median_lo = f.lognormal->median_lo;
    f.median_hi = f.lognormal->median_hi;
    return f;
  }
  if (rejected && !options.empirical) {
    notes.push_back(fmt::format("{}: a lognormal fits poorly (Lilliefors p = {:.4f} < {}): the samples are used", what,
                                *f.lognormal->ks_p, options.min_p));
  } else if (!f.lognormal) {
    notes.push_back(fmt::format("{}: a sample is 0 s, which no lognormal holds: the samples are used", what));
  }
  f.distribution = Distribution::empirical(values);
  f.median = f.distribution.quantile(0.5);
  std::tie(f.median_lo, f.median_hi) = median_interval(values);
  return f;
}

// Per compute of one run, the setup of its first attempt (by start time), when recorded.
void collect_startups(const JobRunRecord& run, std::map<std::string, std::vector<double>>& startups) {
  std::map<std::string, const TaskAttemptRecord*> first;
  for (const TaskAttemptRecord& a : run.attempts) {
    if (a.compute.empty() || !a.setup_ms) continue;
    auto [it, added] = first.try_emplace(a.compute, &a);
    if (!added && a.start_ms < it->second->start_ms) it->second = &a;
  }
  for (const auto& [compute, a] : first) startups[compute].push_back(static_cast<double>(*a->setup_ms) / 1000);
}

}  // namespace

double attempt_seconds(const TaskAttemptRecord& a) {
  const std::int64_t ms = a.execution_ms ? *a.execution_ms : a.end_ms - a.start_ms - a.setup_ms.value_or(0);
  return static_cast<double>(ms) / 1000;
}

std::vector<JobRunRecord> runs_of_job(const RunRecords& records, const std::string& job) {
  std::vector<JobRunRecord> runs;
  std::set<std::string> jobs;
  for (const JobRunRecord& r : records.runs) {
    const std::string id = std::to_string(r.job_id);
    jobs.insert(r.job_name.empty() ? id : fmt::format("{} ({})", r.job_name, id));
    if (job.empty() || job == id || job == r.job_name) runs.push_back(r);
  }
  const SourceLocation where = records.runs.empty() ? SourceLocation{} : records.runs.front().where;
  std::string listed;
  for (const std::string& j : jobs) listed += fmt::format("{}{}", listed.empty() ? "" : ", ", j);
  Diagnostics d;
  if (records.runs.empty()) d.error(where, "the run history holds no run");
  else if (runs.empty()) d.error(where, fmt::format("no run of job '{}' in the history (jobs: {})", job, listed));
  else if (job.empty() && jobs.size() > 1) d.error(where, fmt::format("the history holds several jobs ({}): say which with --job", listed));
  d.throw_if_any();
  std::stable_sort(runs.begin(), runs.end(), [](const JobRunRecord& a, const JobRunRecord& b) { return a.start_ms < b.start_ms; });
  return runs;
}

HistoryFit fit_history(std::span<const JobRunRecord> runs, const FitOptions& options) {
  HistoryFit fit;
  fit.runs = runs.size();
  if (!runs.empty()) fit.job = runs.front().job_name.empty() ? std::to_string(runs.front().job_id) : runs.front().job_name;
  std::map<std::string, TaskFit> tasks;
  std::map<std::string, std::vector<double>> durations;
  std::map<std::string, std::vector<double>> startups;
  for (const JobRunRecord& run : runs) {
    for (const TaskAttemptRecord& a : run.attempts) {
      TaskFit& t = tasks[a.task_key];
      t.task_key = a.task_key;
      if (succeeded(a.result_state)) {
        ++t.succeeded;
        durations[a.task_key].push_back(std::max(0.0, attempt_seconds(a)));
      } else if (failed(a.result_state)) {
        ++t.failed;
      } else {
        ++t.other;
      }
    }
    collect_startups(run, startups);
  }
  for (auto& [key, t] : tasks) {
    t.failure = wilson_interval(t.failed, t.succeeded + t.failed);
    if (auto it = durations.find(key); it != durations.end()) {
      t.duration = fit_seconds(it->second, options, fmt::format("task '{}' duration", key), fit.notes);
    } else {
      fit.notes.push_back(fmt::format("task '{}': no successful attempt, so no duration", key));
    }
    if (t.succeeded + t.failed < options.min_samples) {
      fit.notes.push_back(fmt::format("task '{}': only {} attempts (fewer than {}) for its failure probability", key,
                                      t.succeeded + t.failed, options.min_samples));
    }
    fit.tasks.push_back(std::move(t));
  }
  for (auto& [compute, values] : startups) {
    fit.computes.push_back({compute, fit_seconds(std::move(values), options, fmt::format("compute '{}' startup", compute), fit.notes)});
  }
  return fit;
}

void match_task_keys(HistoryFit& fit, const std::vector<std::string>& job_task_keys) {
  const std::set<std::string> keys(job_task_keys.begin(), job_task_keys.end());
  std::set<std::string> fitted;
  for (TaskFit& t : fit.tasks) {
    fitted.insert(t.task_key);
    t.in_job = keys.count(t.task_key) > 0;
    if (!t.in_job) fit.notes.push_back(fmt::format("task '{}' is in the history but not in the job: ignored", t.task_key));
  }
  for (const std::string& k : job_task_keys) {
    if (!fitted.count(k)) fit.notes.push_back(fmt::format("task '{}' of the job has no record: its profile or default stands", k));
  }
}

}  // namespace orchsim::models
