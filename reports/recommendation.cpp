#include "reports/recommendation.h"

#include <array>
#include <cmath>

#include <fmt/format.h>

#include "engine/parse_number.h"
#include "reports/tradeoff.h"

namespace orchsim::reports {

std::optional<Weights> parse_weights(std::string_view text, std::string& error) {
  Weights w;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) {
      error = fmt::format("'{}' is not name=value (expected e.g. cost=1,time=1,risk=1)", item);
      return std::nullopt;
    }
    const std::string_view name = item.substr(0, eq);
    const std::string_view value = item.substr(eq + 1);
    const std::optional<double> parsed = parse_number(value);
    if (!parsed || *parsed < 0) {
      error = fmt::format("weight '{}' must be a number >= 0", value);
      return std::nullopt;
    }
    const double v = *parsed;
    if (name == "cost") w.cost = v;
    else if (name == "time") w.time = v;
    else if (name == "risk") w.risk = v;
    else {
      error = fmt::format("unknown weight '{}' (expected cost, time or risk)", name);
      return std::nullopt;
    }
  }
  return w;
}

namespace {

using sim::MetricId;

struct Criterion {
  MetricId metric;
  double Weights::*weight;
};
constexpr std::array<Criterion, 3> kCriteria{{{MetricId::kCostUsd, &Weights::cost},
                                              {MetricId::kMakespanMin, &Weights::time},
                                              {MetricId::kPFailed, &Weights::risk}}};

std::string percent(double a, double b) { return b != 0 ? fmt::format("{:.0f}%", std::fabs(a - b) / b * 100) : "—"; }

// "38% cheaper ($1.23 vs $1.98)" or "about as costly ($1.23 vs $1.24)", from the paired difference.
std::string compare_phrase(const sim::StrategyResult& s, const sim::StrategyResult& t, MetricId metric) {
  const auto& a = s.summary(metric);
  const auto& b = t.summary(metric);
  const Difference d = difference(s, t, metric);
  if (metric == MetricId::kCostUsd) {
    const std::string values = fmt::format("${:.2f} vs ${:.2f}", a.mean, b.mean);
    if (!d.significant()) return fmt::format("about as costly ({}, no clear difference)", values);
    return fmt::format("{} {} ({})", percent(a.mean, b.mean), d.value < 0 ? "cheaper" : "more expensive", values);
  }
  if (metric == MetricId::kMakespanMin) {
    const std::string values = fmt::format("{:.1f} vs {:.1f} min", a.mean, b.mean);
    if (!d.significant()) return fmt::format("about as fast ({}, no clear difference)", values);
    return fmt::format("{} {} ({})", percent(a.mean, b.mean), d.value < 0 ? "faster" : "slower", values);
  }
  const std::string values = fmt::format("P(failed) {:.2f}% vs {:.2f}%", a.mean * 100, b.mean * 100);
  if (!d.significant()) return fmt::format("as reliable ({}, no clear difference)", values);
  return fmt::format("{} likely to fail ({})", d.value < 0 ? "less" : "more", values);
}

// The strategies no other is at least as good as on every criterion and better on one.
std::vector<std::size_t> pareto_front(const sim::ExperimentResult& r) {
  const std::size_t n = r.strategies.size();
  const auto value = [&](std::size_t s, MetricId metric) { return r.strategies[s].summary(metric).mean; };
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < n; ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < n && !dominated; ++j) {
      bool no_worse = true, better = false;
      for (const auto& c : kCriteria) {
        no_worse = no_worse && value(j, c.metric) <= value(i, c.metric);
        better = better || value(j, c.metric) < value(i, c.metric);
      }
      dominated = j != i && no_worse && better;
    }
    if (!dominated) front.push_back(i);
  }
  return front;
}

}  // namespace

Recommendation recommend(const sim::ExperimentResult& r, const Weights& weights, double negligible,
                         const Constraints& constraints) {
  Recommendation rec;
  rec.weights = weights;
  rec.negligible = negligible;
  if (constraints.any()) rec.constrained = choose_under_constraints(r, constraints);
  const std::size_t n = r.strategies.size();
  if (n == 0) return rec;
  const auto value = [&](std::size_t s, MetricId metric) { return r.strategies[s].summary(metric).mean; };
  rec.pareto = pareto_front(r);
  rec.scores.assign(n, 0.0);
  for (const auto& c : kCriteria) {
    double lo = value(0, c.metric), hi = lo;
    for (std::size_t i = 1; i < n; ++i) {
      lo = std::min(lo, value(i, c.metric));
      hi = std::max(hi, value(i, c.metric));
    }
    if (hi <= lo) continue;
    for (std::size_t i = 0; i < n; ++i) rec.scores[i] += weights.*c.weight * (value(i, c.metric) - lo) / (hi - lo);
  }
  for (std::size_t i = 1; i < n; ++i) {
    if (rec.scores[i] < rec.scores[rec.choice]) rec.choice = i;
  }

  const auto& chosen = r.strategies[rec.choice];
  std::vector<std::string> pareto_names;
  for (std::size_t i : rec.pareto) pareto_names.push_back(r.strategies[i].strategy.name);
  std::string text = fmt::format("**{}** (weights cost={:g}, time={:g}, risk={:g}). Pareto-optimal on cost, time "
                                 "and risk: {}.",
                                 chosen.strategy.name, weights.cost, weights.time, weights.risk,
                                 fmt::join(pareto_names, ", "));
  if (n == 1) {
    rec.rationale = text + " It is the only strategy in the scenario.";
    return rec;
  }
  std::size_t runner_up = rec.choice == 0 ? 1 : 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i != rec.choice && rec.scores[i] < rec.scores[runner_up]) runner_up = i;
  }
  const auto& other = r.strategies[runner_up];
  text += fmt::format(" Against the next best, {}, it is {}, {}, and {}.", other.strategy.name,
                      compare_phrase(chosen, other, MetricId::kCostUsd),
                      compare_phrase(chosen, other, MetricId::kMakespanMin),
                      compare_phrase(chosen, other, MetricId::kPFailed));
  // Its weak spots: where some other strategy is clearly better, including blast radius.
  std::vector<std::string> weak;
  for (const MetricId metric :
       {MetricId::kCostUsd, MetricId::kMakespanMin, MetricId::kPFailed, MetricId::kBlastRadius}) {
    if (!chosen.summary(metric).defined()) continue;
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == rec.choice || !r.strategies[i].summary(metric).defined()) continue;
      const Difference d = difference(chosen, r.strategies[i], metric);
      if (d.significant() && d.value > 0 && (!best || value(i, metric) < value(*best, metric))) best = i;
    }
    if (!best) continue;
    const auto& b = r.strategies[*best];
    if (metric == MetricId::kBlastRadius) {
      weak.push_back(fmt::format("a fault hits {:.2f} tasks on average, against {:.2f} under {}",
                                 chosen.summary(metric).mean, b.summary(metric).mean, b.strategy.name));
    } else {
      weak.push_back(fmt::format("{} is {}", b.strategy.name, compare_phrase(b, chosen, metric)));
    }
  }
  if (weak.empty()) text += " No other strategy is clearly better on cost, time, risk or blast radius.";
  else text += fmt::format(" Where it gives ground: {}.", fmt::join(weak, "; "));
  rec.rationale = text;
  return rec;
}

}  // namespace orchsim::reports
