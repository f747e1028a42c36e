#include "reports/tradeoff.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

#include <fmt/format.h>

namespace orchsim::reports {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::kHolds: return "yes";
    case Verdict::kFails: return "**no**";
    case Verdict::kNoDifference: return "no clear difference";
    case Verdict::kNotApplicable: return "n/a";
  }
  return "?";
}

namespace {

// Enough decimals to show the interval's first significant digit, within [min, 4].
int decimals_for(double half, int min) {
  if (!(half > 0)) return min;
  return std::clamp(static_cast<int>(std::ceil(-std::log10(half))), min, 4);
}

}  // namespace

std::string format_figure(const sim::MetricSummary& s) {
  if (!s.defined()) return "–";
  const double half = s.half_width();
  const std::string_view unit = s.def->unit;
  if (unit == "probability") return fmt::format("{:.1f}% [{:.1f}, {:.1f}]", s.mean * 100, s.lo * 100, s.hi * 100);
  if (unit == "fraction") return fmt::format("{:.1f}% ± {:.1f}", s.mean * 100, half * 100);
  if (unit == "USD") {
    const int d = decimals_for(half, 2);
    return fmt::format("${:.{}f} ± {:.{}f}", s.mean, d, half, d);
  }
  const int d = decimals_for(half, 1);
  if (unit == "count" && half == 0 && s.mean == std::round(s.mean)) return fmt::format("{:.0f}", s.mean);
  const std::string suffix = unit == "count" ? "" : fmt::format(" {}", unit);
  return fmt::format("{:.{}f}{} ± {:.{}f}", s.mean, d, suffix, half, d);
}

Difference difference(const sim::StrategyResult& a, const sim::StrategyResult& b, sim::MetricId metric) {
  const auto& sa = a.summary(metric);
  const auto& sb = b.summary(metric);
  Difference d;
  if (!sa.defined() || !sb.defined()) return d;
  d.defined = true;
  if (sa.def->kind == sim::MetricKind::kValue && a.replications.size() == b.replications.size()) {
    // Common random numbers: replication i of both strategies saw the same draws, so the paired
    // difference has a much narrower interval than the two means' intervals suggest.
    std::vector<double> diffs;
    for (std::size_t i = 0; i < a.replications.size(); ++i) {
      diffs.push_back(sa.def->value(a.replications[i].metrics) - sa.def->value(b.replications[i].metrics));
    }
    const auto s = sim::Summary::of(diffs);
    d.value = s.mean;
    d.lo = s.mean - s.ci95;
    d.hi = s.mean + s.ci95;
  } else {
    const double half = std::hypot(sa.half_width(), sb.half_width());
    d.value = sa.mean - sb.mean;
    d.lo = d.value - half;
    d.hi = d.value + half;
  }
  return d;
}

namespace {

using sim::MetricId;
using Side = std::function<bool(const sim::StrategyResult&)>;

struct Factor {
  std::string factor;
  MetricId metric;  // the metric the verdict compares
  std::string claim;
  bool side_a_higher;  // the claim: side A's value is higher than side B's
  std::function<std::string(const sim::StrategyResult&)> figure;
};

bool lower_is_better(const sim::MetricDef& m) { return m.better != sim::Better::kHigher; }

// The best strategy on `metric` among those `in` selects (by mean); nullopt when none qualifies.
std::optional<std::size_t> best_of(const sim::ExperimentResult& r, MetricId metric, const Side& in) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    const auto& s = r.strategies[i].summary(metric);
    if (!in(r.strategies[i]) || !s.defined()) continue;
    if (!best) {
      best = i;
      continue;
    }
    const double m = s.mean, b = r.strategies[*best].summary(metric).mean;
    if (lower_is_better(*s.def) ? m < b : m > b) best = i;
  }
  return best;
}

std::string winner(const sim::ExperimentResult& r, MetricId metric) {
  const auto all = [](const sim::StrategyResult&) { return true; };
  const auto best = best_of(r, metric, all);
  if (!best) return "–";
  std::vector<std::string> tied{r.strategies[*best].strategy.name};
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    if (i == *best || !r.strategies[i].summary(metric).defined()) continue;
    if (!difference(r.strategies[i], r.strategies[*best], metric).significant()) tied.push_back(r.strategies[i].strategy.name);
  }
  if (tied.size() == 1) return tied.front();
  if (tied.size() == r.strategies.size()) return "tie";
  return fmt::format("tie: {}", fmt::join(tied, ", "));
}

TradeoffTable build(const sim::ExperimentResult& r, std::string title, const Side& side_a, const Side& side_b,
                    const std::string& a_name, const std::string& b_name, const std::vector<Factor>& factors) {
  TradeoffTable t;
  t.title = std::move(title);
  for (const auto& s : r.strategies) t.strategies.push_back(s.strategy.name);
  for (const Factor& f : factors) {
    TradeoffRow row;
    row.factor = f.factor;
    row.claim = f.claim;
    for (const auto& s : r.strategies) row.figures.push_back(f.figure(s));
    row.winner = winner(r, f.metric);
    const auto a = best_of(r, f.metric, side_a);
    const auto b = best_of(r, f.metric, side_b);
    if (!a || !b) {
      row.verdict = Verdict::kNotApplicable;
      row.evidence = !a && !b ? "no strategy measured this"
                              : fmt::format("no {} strategy measured this", !a ? a_name : b_name);
      t.rows.push_back(std::move(row));
      continue;
    }
    const auto& sa = r.strategies[*a];
    const auto& sb = r.strategies[*b];
    const Difference d = difference(sa, sb, f.metric);
    const auto& def = sa.summary(f.metric).def;
    if (!d.significant()) row.verdict = Verdict::kNoDifference;
    else row.verdict = (d.value > 0) == f.side_a_higher ? Verdict::kHolds : Verdict::kFails;
    row.evidence = fmt::format("best {} ({}) − best {} ({}) on {}: {:+.4g} {} [{:+.4g}, {:+.4g}]", a_name,
                               sa.strategy.name, b_name, sb.strategy.name, def->name, d.value, def->unit, d.lo, d.hi);
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string figure_of(const sim::StrategyResult& s, MetricId metric) { return format_figure(s.summary(metric)); }

std::string orchestration_figure(const sim::StrategyResult& s) {
  const auto n = [&](MetricId id) { return static_cast<long>(std::lround(s.summary(id).mean)); };
  const long jobs = n(MetricId::kJobs), clusters = n(MetricId::kClusters), edges = n(MetricId::kCrossJobEdges);
  return fmt::format("{} job{}, {} cluster{}, {} cross-job edge{}", jobs, jobs == 1 ? "" : "s", clusters,
                     clusters == 1 ? "" : "s", edges, edges == 1 ? "" : "s");
}

}  // namespace

TradeoffTable performance_tradeoff(const sim::ExperimentResult& r) {
  const Side multi = [](const sim::StrategyResult& s) { return s.summary(MetricId::kJobs).mean > 1; };
  const Side single = [](const sim::StrategyResult& s) { return s.summary(MetricId::kJobs).mean == 1; };
  const std::vector<Factor> factors{
      {"execution speed", MetricId::kMakespanMin, "multiple jobs slower (cluster startup per job)", true,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kMakespanMin); }},
      {"resource usage", MetricId::kPaidCoreH, "multiple jobs use more resources (a cluster each)", true,
       [](const sim::StrategyResult& s) {
         return fmt::format("{} ({:.0f}% busy)", figure_of(s, MetricId::kPaidCoreH), 100 * s.summary(MetricId::kUtilisation).mean);
       }},
      {"cost", MetricId::kCostUsd, "multiple jobs cost more (more clusters)", true,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kCostUsd); }},
      {"orchestration complexity", MetricId::kOrchestrationItems, "multiple jobs more complex (dependencies across jobs)", true,
       orchestration_figure},
      {"failure isolation", MetricId::kBlastRadius, "multiple jobs isolate failures (one job's failure doesn't hit others)",
       false, [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kBlastRadius); }},
      {"flexibility", MetricId::kPreferredNodeShare, "multiple jobs more flexible (a cluster configuration per job)", true,
       [](const sim::StrategyResult& s) {
         return fmt::format("{:.0f}% of tasks on preferred node", 100 * s.summary(MetricId::kPreferredNodeShare).mean);
       }},
  };
  return build(r, "Performance & trade-off summary (seed: multiple jobs vs multiple tasks in one job)", multi, single,
               "multi-job", "one-job", factors);
}

TradeoffTable cluster_tradeoff(const sim::ExperimentResult& r) {
  const Side same = [](const sim::StrategyResult& s) { return s.summary(MetricId::kClusters).mean == 1; };
  const Side separate = [](const sim::StrategyResult& s) { return s.summary(MetricId::kClusters).mean > 1; };
  const std::vector<Factor> factors{
      {"execution speed", MetricId::kMakespanMin, "same cluster faster", false,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kMakespanMin); }},
      {"cost", MetricId::kCostUsd, "same cluster cheaper", false,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kCostUsd); }},
      {"resource contention", MetricId::kContentionMin, "same cluster: possible contention (tasks wait for or share cores)", true,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kContentionMin); }},
      {"startup delay", MetricId::kStartupBlockedMin, "separate clusters: slower startup", false,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kStartupBlockedMin); }},
      {"stability", MetricId::kPFailed, "separate clusters more stable", true,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kPFailed); }},
  };
  return build(r, "Same cluster vs separate clusters", same, separate, "same-cluster", "separate-cluster", factors);
}

}  // namespace orchsim::reports
