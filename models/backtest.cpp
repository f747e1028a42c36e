#include "models/backtest.h"

#include <algorithm>
#include <cmath>

#include "models/student_t.h"
#include "models/wilson_interval.h"

namespace orchsim::models {

namespace {

constexpr double kZ975 = 1.959963984540054;

std::optional<Estimate> mean_interval(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  const double n = static_cast<double>(v.size());
  double sum = 0;
  for (double x : v) sum += x;
  const double mean = sum / n;
  double squares = 0;
  for (double x : v) squares += (x - mean) * (x - mean);
  const double half = v.size() < 2 ? 0 : student_t_quantile(0.95, v.size() - 1) * std::sqrt(squares / (n - 1) / n);
  return Estimate{mean, mean - half, mean + half, v.size()};
}

BacktestFigure figure(std::string name, std::optional<Estimate> simulated, std::optional<Estimate> recorded) {
  BacktestFigure f{.name = std::move(name), .simulated = simulated, .recorded = recorded, .verdict = "n/a"};
  if (simulated && recorded) {
    f.verdict = simulated->lo <= recorded->hi && recorded->lo <= simulated->hi ? "consistent" : "differs";
  }
  return f;
}

std::optional<Estimate> quantile_of(const std::vector<double>& v, double p) {
  if (v.empty()) return std::nullopt;
  return quantile_interval(v, p);
}

std::optional<Estimate> failure_of(const BacktestSamples& s) {
  if (s.runs == 0) return std::nullopt;
  const Proportion p = wilson_interval(s.failed, s.runs);
  return Estimate{p.rate, p.lo, p.hi, s.runs};
}

}  // namespace

Estimate quantile_interval(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const double n = static_cast<double>(values.size());
  const auto at = [&](double rank) {
    return values[static_cast<std::size_t>(std::clamp(rank, 1.0, n)) - 1];
  };
  const double half = kZ975 * std::sqrt(n * p * (1 - p));
  return Estimate{at(std::ceil(n * p)), at(std::floor(n * p - half)), at(std::ceil(n * p + half + 1)), values.size()};
}

std::vector<BacktestFigure> compare_backtest(const BacktestSamples& simulated, const BacktestSamples& recorded) {
  std::vector<BacktestFigure> out;
  out.push_back(figure("makespan p50 (s)", quantile_of(simulated.makespans_s, 0.5), quantile_of(recorded.makespans_s, 0.5)));
  out.push_back(figure("makespan p90 (s)", quantile_of(simulated.makespans_s, 0.9), quantile_of(recorded.makespans_s, 0.9)));
  out.push_back(figure("P(run failed)", failure_of(simulated), failure_of(recorded)));
  out.push_back(figure("DBU cost per run (USD)", mean_interval(simulated.dbu_cost_usd), mean_interval(recorded.dbu_cost_usd)));
  return out;
}

BacktestSamples recorded_samples(std::span<const JobRunRecord> runs, double usd_per_dbu) {
  BacktestSamples s;
  s.runs = runs.size();
  bool billed = !runs.empty();
  for (const JobRunRecord& r : runs) {
    if (r.result_state == "SUCCESS" || r.result_state == "SUCCESS_WITH_FAILURES") s.makespans_s.push_back(static_cast<double>(r.end_ms - r.start_ms) / 1000);
    else ++s.failed;
    if (r.list_cost_usd) s.dbu_cost_usd.push_back(*r.list_cost_usd);
    else if (r.dbus) s.dbu_cost_usd.push_back(*r.dbus * usd_per_dbu);
    else billed = false;
  }
  if (!billed) s.dbu_cost_usd.clear();
  return s;
}

}  // namespace orchsim::models
