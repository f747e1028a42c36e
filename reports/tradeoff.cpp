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
    case Verdict::kNegligible: return "negligible";
    case Verdict::kNoDifference: return "no clear difference";
    case Verdict::kNotExercised: return "not exercised";
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
  if (!s.defined()) return s.def->undefined_when.empty() ? "–" : fmt::format("undefined: {}", s.def->undefined_when);
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
  std::string idle;  // what the metric being the same in every replication usually means
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

// A difference too small to matter: within `negligible` × the larger of the two means.
bool is_negligible(const Difference& d, double mean_a, double mean_b, double negligible) {
  const double threshold = negligible * std::max(std::abs(mean_a), std::abs(mean_b));
  return d.significant() ? std::abs(d.value) < threshold : d.lo >= -threshold && d.hi <= threshold;
}

bool tied(const sim::StrategyResult& a, const sim::StrategyResult& b, MetricId metric, double negligible) {
  const Difference d = difference(a, b, metric);
  return !d.significant() || is_negligible(d, a.summary(metric).mean, b.summary(metric).mean, negligible);
}

std::string winner(const sim::ExperimentResult& r, MetricId metric, double negligible) {
  std::vector<std::string> undefined;
  for (const auto& s : r.strategies) {
    if (!s.summary(metric).defined()) undefined.push_back(s.strategy.name);
  }
  if (undefined.size() == r.strategies.size()) return "–";
  if (!undefined.empty()) return fmt::format("none: undefined for {}", fmt::join(undefined, ", "));
  const auto all = [](const sim::StrategyResult&) { return true; };
  const std::size_t best = *best_of(r, metric, all);
  std::vector<std::string> ties{r.strategies[best].strategy.name};
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    if (i != best && tied(r.strategies[i], r.strategies[best], metric, negligible)) {
      ties.push_back(r.strategies[i].strategy.name);
    }
  }
  if (ties.size() == 1) return ties.front();
  if (ties.size() == r.strategies.size()) return "tie";
  return fmt::format("tie: {}", fmt::join(ties, ", "));
}

// The one value `metric` takes in every replication of every strategy (nullopt when it varies or is
// never defined): then the scenario does not exercise what the row is about.
std::optional<double> constant_over(const sim::ExperimentResult& r, MetricId metric) {
  const sim::MetricDef& def = sim::metric(metric);
  std::optional<double> seen;
  for (const auto& s : r.strategies) {
    for (const auto& rep : s.replications) {
      const auto v = def.of(rep.metrics);
      if (!v) continue;
      if (seen && *seen != *v) return std::nullopt;
      seen = v;
    }
  }
  return seen;
}

// The verdict on factor f between the best of each side, a and b, with its evidence.
void judge(TradeoffRow& row, const sim::ExperimentResult& r, const Factor& f, const sim::StrategyResult& a,
           const sim::StrategyResult& b, const std::string& a_name, const std::string& b_name, double negligible) {
  const auto& def = sim::metric(f.metric);
  row.pair = fmt::format("{} vs {}", a.strategy.name, b.strategy.name);
  if (const auto same = constant_over(r, f.metric)) {
    row.verdict = Verdict::kNotExercised;
    row.evidence = fmt::format("{} = {:.4g} {} in every replication of every strategy: {}", def.name, *same, def.unit,
                               f.idle);
    return;
  }
  const Difference d = difference(a, b, f.metric);
  if (is_negligible(d, a.summary(f.metric).mean, b.summary(f.metric).mean, negligible)) row.verdict = Verdict::kNegligible;
  else if (!d.significant()) row.verdict = Verdict::kNoDifference;
  else row.verdict = (d.value > 0) == f.side_a_higher ? Verdict::kHolds : Verdict::kFails;
  row.evidence = fmt::format("best {} ({}) − best {} ({}) on {}: {:+.4g} {} [{:+.4g}, {:+.4g}]", a_name, a.strategy.name,
                             b_name, b.strategy.name, def.name, d.value, def.unit, d.lo, d.hi);
  if (row.verdict == Verdict::kNegligible) {
    row.evidence += fmt::format("; within ±{:g}% of the larger mean", negligible * 100);
  }
}

// Why factor f has no pair to compare: a side has no strategy, or its metric is undefined there.
void unjudged(TradeoffRow& row, const sim::ExperimentResult& r, const Factor& f, const Side& side_a, const Side& side_b,
              const std::string& a_name, const std::string& b_name) {
  const bool has_a = std::any_of(r.strategies.begin(), r.strategies.end(), side_a);
  const bool has_b = std::any_of(r.strategies.begin(), r.strategies.end(), side_b);
  row.pair = "–";
  if (!has_a || !has_b) {
    row.verdict = Verdict::kNotApplicable;
    row.evidence = !has_a && !has_b ? fmt::format("no {} and no {} strategy in the scenario", a_name, b_name)
                                    : fmt::format("no {} strategy in the scenario", !has_a ? a_name : b_name);
    return;
  }
  const bool a_defined = best_of(r, f.metric, side_a).has_value(), b_defined = best_of(r, f.metric, side_b).has_value();
  row.verdict = Verdict::kNotExercised;
  row.evidence = fmt::format("{} is undefined for every {}strategy: {}", sim::metric(f.metric).name,
                             a_defined ? b_name + " " : b_defined ? a_name + " " : "", sim::metric(f.metric).undefined_when);
}

TradeoffTable build(const sim::ExperimentResult& r, std::string title, const Side& side_a, const Side& side_b,
                    const std::string& a_name, const std::string& b_name, const std::vector<Factor>& factors,
                    double negligible) {
  TradeoffTable t;
  t.title = std::move(title);
  for (const auto& s : r.strategies) t.strategies.push_back(s.strategy.name);
  for (const Factor& f : factors) {
    TradeoffRow row;
    row.factor = f.factor;
    row.claim = f.claim;
    for (const auto& s : r.strategies) row.figures.push_back(f.figure(s));
    row.winner = winner(r, f.metric, negligible);
    const auto a = best_of(r, f.metric, side_a);
    const auto b = best_of(r, f.metric, side_b);
    if (a && b) judge(row, r, f, r.strategies[*a], r.strategies[*b], a_name, b_name, negligible);
    else unjudged(row, r, f, side_a, side_b, a_name, b_name);
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

TradeoffTable performance_tradeoff(const sim::ExperimentResult& r, double negligible) {
  const Side multi = [](const sim::StrategyResult& s) { return s.summary(MetricId::kJobs).mean > 1; };
  const Side single = [](const sim::StrategyResult& s) { return s.summary(MetricId::kJobs).mean == 1; };
  const std::vector<Factor> factors{
      {"execution speed", MetricId::kMakespanMin, "multiple jobs slower (cluster startup per job)", true,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kMakespanMin); }, "no layout changes how long a run takes"},
      {"resource usage", MetricId::kPaidCoreH, "multiple jobs use more resources (a cluster each)", true,
       [](const sim::StrategyResult& s) {
         return fmt::format("{} ({:.0f}% busy)", figure_of(s, MetricId::kPaidCoreH), 100 * s.summary(MetricId::kUtilisation).mean);
       }, "every layout holds the same cores"},
      {"cost", MetricId::kCostUsd, "multiple jobs cost more (more clusters)", true,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kCostUsd); }, "every layout bills alike"},
      {"orchestration complexity", MetricId::kOrchestrationItems, "multiple jobs more complex (dependencies across jobs)", true,
       orchestration_figure, "every layout has as many jobs, clusters and edges"},
      {"failure isolation", MetricId::kBlastRadius, "multiple jobs isolate failures (one job's failure doesn't hit others)",
       false, [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kBlastRadius); },
       "every fault hit as many tasks under every layout"},
      {"flexibility", MetricId::kPreferredNodeShare, "multiple jobs more flexible (a cluster configuration per job)", true,
       [](const sim::StrategyResult& s) {
         return fmt::format("{:.0f}% of tasks on preferred node", 100 * s.summary(MetricId::kPreferredNodeShare).mean);
       }, "no layout moves a task off (or onto) its preferred node type"},
  };
  return build(r, "Performance & trade-off summary (seed: multiple jobs vs multiple tasks in one job)", multi, single,
               "multi-job", "one-job", factors, negligible);
}

TradeoffTable cluster_tradeoff(const sim::ExperimentResult& r, double negligible) {
  // Serverless is a side of its own: no cluster of the customer's is shared or separate.
  const Side same = [](const sim::StrategyResult& s) {
    return !s.all_serverless() && s.summary(MetricId::kClusters).mean == 1;
  };
  const Side separate = [](const sim::StrategyResult& s) {
    return !s.all_serverless() && s.summary(MetricId::kClusters).mean > 1;
  };
  const std::vector<Factor> factors{
      {"execution speed", MetricId::kMakespanMin, "same cluster faster", false,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kMakespanMin); }, "no layout changes how long a run takes"},
      {"cost", MetricId::kCostUsd, "same cluster cheaper", false,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kCostUsd); }, "every layout bills alike"},
      {"resource contention", MetricId::kContentionMin, "same cluster: possible contention (tasks wait for or share cores)", true,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kContentionMin); },
       "no task waited for or shared cores, or all alike"},
      {"startup delay", MetricId::kStartupBlockedMin, "separate clusters: slower startup", false,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kStartupBlockedMin); },
       "startups block every layout for as long"},
      {"stability", MetricId::kPFailed, "separate clusters more stable", true,
       [](const sim::StrategyResult& s) { return figure_of(s, MetricId::kPFailed); }, "no run failed, or every run did"},
  };
  return build(r, "Same cluster vs separate clusters", same, separate, "same-cluster", "separate-cluster", factors,
               negligible);
}

}  // namespace orchsim::reports
