#include "reports/constrained_choice.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace orchsim::reports {

namespace {

using sim::MetricId;

ConstraintCheck check(const sim::StrategyResult& s, const Constraints& c) {
  ConstraintCheck k;
  const auto& makespan = s.summary(MetricId::kMakespanMin);
  k.mean_makespan_min = makespan.mean;
  for (const auto& q : makespan.quantiles) {
    if (std::fabs(q.p - 0.95) < 1e-9) k.p95_min = q.value;
  }
  const auto& cps = s.summary(MetricId::kCostPerSuccessUsd);
  if (cps.defined()) {
    k.cost_per_success = cps.mean;
    k.objective = cps.mean + c.value_of_time.value_or(0) * k.mean_makespan_min;
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // A limit the strategy has no figure for is missed, by an unbounded amount.
  const auto over = [](std::optional<double> value, double limit) {
    return !value ? kInf : std::max(0.0, (*value - limit) / limit);
  };
  if (c.deadline_min) {
    k.meets_deadline = k.p95_min && *k.p95_min <= *c.deadline_min;
    k.overshoot += over(k.p95_min, *c.deadline_min);
  }
  if (c.budget_usd) {
    k.meets_budget = k.cost_per_success && *k.cost_per_success <= *c.budget_usd;
    k.overshoot += over(k.cost_per_success, *c.budget_usd);
  }
  return k;
}

// Is a cheaper than b? Strategies without an objective (no successful run) rank last.
bool cheaper(const ConstraintCheck& a, const ConstraintCheck& b) {
  if (!a.objective) return false;
  return !b.objective || *a.objective < *b.objective;
}

std::string limits_text(const Constraints& c) {
  std::vector<std::string> parts;
  if (c.deadline_min) parts.push_back(fmt::format("P95 ≤ {:g} min", *c.deadline_min));
  if (c.budget_usd) parts.push_back(fmt::format("cost/success ≤ ${:.2f}", *c.budget_usd));
  if (c.value_of_time) parts.push_back(fmt::format("time valued at ${:.2f}/min", *c.value_of_time));
  return fmt::format("{}", fmt::join(parts, ", "));
}

// "P95 40.0 min, $3.10 per successful run" (+ " + $0.50/min × 34.0 min = $20.10").
std::string figures_text(const ConstraintCheck& k, const Constraints& c) {
  std::string text = k.p95_min ? fmt::format("P95 {:.1f} min", *k.p95_min) : "no P95";
  if (!k.cost_per_success) return text + ", no successful run";
  text += fmt::format(", ${:.2f} per successful run", *k.cost_per_success);
  if (c.value_of_time) {
    text += fmt::format(" + ${:.2f}/min × {:.1f} min = ${:.2f}", *c.value_of_time, k.mean_makespan_min, *k.objective);
  }
  return text;
}

// "misses the deadline (P95 52.0 min) and is over budget ($4.10)"; empty when it meets both.
std::string misses_text(const ConstraintCheck& k) {
  std::vector<std::string> misses;
  if (!k.meets_deadline) {
    misses.push_back(k.p95_min ? fmt::format("misses the deadline (P95 {:.1f} min)", *k.p95_min)
                               : "has no P95 makespan");
  }
  if (!k.meets_budget) {
    misses.push_back(k.cost_per_success ? fmt::format("is over budget (${:.2f})", *k.cost_per_success)
                                        : "has no successful run");
  }
  return fmt::format("{}", fmt::join(misses, " and "));
}

}  // namespace

ConstrainedChoice choose_under_constraints(const sim::ExperimentResult& r, const Constraints& constraints) {
  ConstrainedChoice out;
  out.constraints = constraints;
  const std::size_t n = r.strategies.size();
  if (n == 0) return out;
  for (const auto& s : r.strategies) out.checks.push_back(check(s, constraints));
  for (std::size_t i = 0; i < n; ++i) {
    const auto& k = out.checks[i];
    if (k.meets() && (!out.choice || cheaper(k, out.checks[*out.choice]))) out.choice = i;
    const auto& c = out.checks[out.closest];
    if (k.overshoot < c.overshoot || (k.overshoot == c.overshoot && cheaper(k, c))) out.closest = i;
  }
  if (out.choice) out.closest = *out.choice;
  std::vector<std::string> others;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string misses = misses_text(out.checks[i]);
    if (i != out.closest && !misses.empty()) others.push_back(r.strategies[i].strategy.name + " " + misses);
  }
  const std::string rest = others.empty() ? "" : fmt::format(" — {}", fmt::join(others, ", "));
  const std::string head = fmt::format("Under your constraints ({}): ", limits_text(constraints));
  if (out.choice) {
    out.text = fmt::format("{}**{}** ({}){}.", head, r.strategies[*out.choice].strategy.name,
                           figures_text(out.checks[*out.choice], constraints), rest);
  } else {
    out.text = fmt::format("{}no strategy meets them; the closest is **{}**, which {}{}.", head,
                           r.strategies[out.closest].strategy.name, misses_text(out.checks[out.closest]), rest);
  }
  return out;
}

}  // namespace orchsim::reports
