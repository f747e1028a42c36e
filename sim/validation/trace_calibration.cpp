#include "sim/validation/trace_calibration.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "engine/check.h"

namespace orchsim::sim {

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::vector<double> sorted_runtimes(const WfCommonsTrace& t) {
  std::vector<double> v;
  v.reserve(t.workload.tasks.size());
  for (const auto& task : t.workload.tasks) v.push_back(task.duration.to_seconds());
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

std::string trace_family(const std::string& file) {
  const std::string stem = std::filesystem::path(file).stem().string();
  return stem.substr(0, stem.find('-'));
}

bool same_run(const WfCommonsTrace& a, const WfCommonsTrace& b) {
  return a.makespan_s == b.makespan_s && a.workload.tasks.size() == b.workload.tasks.size() &&
         sorted_runtimes(a) == sorted_runtimes(b);
}

TraceCalibrator::TraceCalibrator(const std::vector<const WfCommonsTrace*>& traces, double bandwidth_bps)
    : bandwidth_bps_(bandwidth_bps) {
  for (const WfCommonsTrace* t : traces) {
    ORCHSIM_CHECK(t->makespan_s.has_value(), "a trace without a recorded makespan cannot be calibrated");
    timings_.emplace_back(*t);
    recorded_s_.push_back(*t->makespan_s);
  }
}

double TraceCalibrator::makespan_s(std::size_t trace, const TraceModel& model) const {
  return timings_.at(trace).makespan_s(model);
}

double TraceCalibrator::release_fit(std::size_t trace, double latency_s) {
  const auto key = std::make_pair(trace, latency_s);
  const auto found = release_fits_.find(key);
  if (found != release_fits_.end()) return found->second;
  const double s = timings_.at(trace).fit_release_interval_s(
      {.latency_s = latency_s, .bandwidth_bps = bandwidth_bps_}, recorded_s_.at(trace));
  release_fits_.emplace(key, s);
  return s;
}

TraceModel TraceCalibrator::fit(const std::vector<std::size_t>& from) {
  ORCHSIM_CHECK(!from.empty(), "a model is fitted on at least one trace");
  if (from.size() == 1) return {.release_interval_s = release_fit(from[0], 0), .bandwidth_bps = bandwidth_bps_};
  std::vector<TraceModel> models;
  std::vector<double> losses;
  for (int step = 0; step * kLatencyStep_s <= kLatencyMax_s; ++step) {
    const double latency = step * kLatencyStep_s;
    std::vector<double> fits;
    for (const std::size_t i : from) fits.push_back(release_fit(i, latency));
    models.push_back({.release_interval_s = median(fits), .latency_s = latency, .bandwidth_bps = bandwidth_bps_});
    double loss = 0;
    for (const std::size_t i : from) loss += std::pow(std::log(makespan_s(i, models.back()) / recorded_s_[i]), 2);
    losses.push_back(loss);
  }
  // The fits are to the millisecond: losses within kLossTie of the least are a tie.
  const double least = *std::min_element(losses.begin(), losses.end());
  std::size_t best = 0;
  while (losses[best] > least + kLossTie) ++best;
  return models[best];
}

}  // namespace orchsim::sim
