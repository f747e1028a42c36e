// The recommendation: the Pareto-optimal strategies on (cost, time, risk) and a weighted choice
// among them, with a short plain-English rationale whose every word is chosen by the numbers
// (cheaper/costlier, faster/slower, and whether a difference is clear at 95%). Pure functions.
//
// Criteria (means over replications): cost = cost_usd, time = makespan_min, risk = p_failed.
// Weighted score = Σ weight × (value − best) / (worst − best) per criterion (0 when all strategies
// are equal on it); the lowest score wins, ties to the earlier strategy. With constraints, the
// choice under them (reports/constrained_choice.h) is made too and shown beside it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/constrained_choice.h"
#include "reports/tradeoff.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

struct Weights {
  double cost = 1;
  double time = 1;
  double risk = 1;
};

// "cost=1,time=2,risk=0.5" (any subset, any order); nullopt with `error` set when malformed.
std::optional<Weights> parse_weights(std::string_view text, std::string& error);

struct Recommendation {
  Weights weights;
  std::vector<std::size_t> pareto;  // strategy indices, in result order
  std::vector<double> scores;       // per strategy
  std::size_t choice = 0;
  std::string rationale;  // Markdown, a few sentences
  double negligible = kDefaultNegligible;  // the verdicts' practical-significance threshold (reports/tradeoff.h)
  std::optional<ConstrainedChoice> constrained;  // set when any constraint was given
};

Recommendation recommend(const sim::ExperimentResult& result, const Weights& weights,
                         double negligible = kDefaultNegligible, const Constraints& constraints = {});

}  // namespace orchsim::reports
