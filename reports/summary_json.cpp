#include "reports/summary_json.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "engine/json_escape.h"
#include "reports/assumptions.h"
#include "reports/json.h"
#include "reports/tradeoff.h"

namespace orchsim::reports {

namespace {

std::string optional_number(std::optional<double> v) { return v ? json_number(*v) : "null"; }
const char* boolean(bool b) { return b ? "true" : "false"; }

// Stable codes for the verdicts (to_string() is for Markdown and may carry emphasis).
const char* verdict_code(Verdict v) {
  switch (v) {
    case Verdict::kHolds: return "holds";
    case Verdict::kFails: return "fails";
    case Verdict::kNegligible: return "negligible";
    case Verdict::kNoDifference: return "no_clear_difference";
    case Verdict::kNotExercised: return "not_exercised";
    case Verdict::kNotApplicable: return "not_applicable";
  }
  return "not_applicable";
}

std::string assumptions_json(const sim::ExperimentResult& r, const Recommendation& rec) {
  const Constraints c = rec.constrained ? rec.constrained->constraints : Constraints{};
  return fmt::format(
      "{{\n    \"seed\": {},\n    \"replications\": {},\n    \"target_relative_ci\": {},\n"
      "    \"weights\": {{\"cost\": {}, \"time\": {}, \"risk\": {}}},\n    \"negligible\": {},\n"
      "    \"constraints\": {{\"deadline_p95_min\": {}, \"budget_cost_per_success_usd\": {}, "
      "\"value_of_time_usd_per_min\": {}}},\n{}\n  }}",
      r.seed, r.replications, optional_number(r.target_relative_ci), json_number(rec.weights.cost),
      json_number(rec.weights.time), json_number(rec.weights.risk), json_number(rec.negligible),
      optional_number(c.deadline_min), optional_number(c.budget_usd), optional_number(c.value_of_time),
      billing_assumptions_json(r, "    "));
}

std::string recommendation_json(const sim::ExperimentResult& r, const Recommendation& rec) {
  std::string rows;
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    const bool pareto = std::find(rec.pareto.begin(), rec.pareto.end(), i) != rec.pareto.end();
    rows += fmt::format("{}\n      {{\"name\": {}, \"pareto\": {}, \"score\": {}}}", i ? "," : "",
                        json_string(r.strategies[i].strategy.name), boolean(pareto),
                        i < rec.scores.size() ? json_number(rec.scores[i]) : "null");
  }
  const std::string choice = r.strategies.empty() ? "null" : json_string(r.strategies[rec.choice].strategy.name);
  return fmt::format("{{\n    \"choice\": {},\n    \"rationale\": {},\n    \"strategies\": [{}\n    ]\n  }}", choice,
                     json_string(rec.rationale), rows);
}

std::string constrained_json(const sim::ExperimentResult& r, const Recommendation& rec) {
  if (!rec.constrained || r.strategies.empty()) return "null";
  const ConstrainedChoice& c = *rec.constrained;
  std::string rows;
  for (std::size_t i = 0; i < c.checks.size(); ++i) {
    const ConstraintCheck& k = c.checks[i];
    rows += fmt::format(
        "{}\n      {{\"name\": {}, \"p95_makespan_min\": {}, \"cost_per_success_usd\": {}, \"mean_makespan_min\": {}, "
        "\"objective_usd\": {}, \"meets_deadline\": {}, \"meets_budget\": {}, \"overshoot\": {}}}",
        i ? "," : "", json_string(r.strategies[i].strategy.name), optional_number(k.p95_min),
        optional_number(k.cost_per_success), json_number(k.mean_makespan_min), optional_number(k.objective),
        boolean(k.meets_deadline), boolean(k.meets_budget), json_number(k.overshoot));
  }
  return fmt::format("{{\n    \"choice\": {},\n    \"closest\": {},\n    \"text\": {},\n    \"strategies\": [{}\n    ]\n  }}",
                     c.choice ? json_string(r.strategies[*c.choice].strategy.name) : "null",
                     json_string(r.strategies[c.closest].strategy.name), json_string(c.text), rows);
}

std::string verdicts_json(const sim::ExperimentResult& r, double negligible) {
  std::string rows;
  for (const auto& t : {performance_tradeoff(r, negligible), cluster_tradeoff(r, negligible)}) {
    for (const auto& row : t.rows) {
      const char* holds = row.verdict == Verdict::kHolds ? "true" : row.verdict == Verdict::kFails ? "false" : "null";
      rows += fmt::format(
          "{}\n    {{\"table\": {}, \"factor\": {}, \"compares\": {}, \"winner\": {}, \"claim\": {}, \"verdict\": \"{}\", "
          "\"holds\": {}, \"evidence\": {}}}",
          rows.empty() ? "" : ",", json_string(t.title), json_string(row.factor), json_string(row.pair),
          json_string(row.winner), json_string(row.claim), verdict_code(row.verdict), holds, json_string(row.evidence));
    }
  }
  return "[" + rows + "\n  ]";
}

}  // namespace

std::string summary_json(const sim::ExperimentResult& result, const Recommendation& rec) {
  std::string out = experiment_json(result);
  out.resize(out.rfind("\n}"));  // reopen the object after "strategies"
  out += fmt::format(",\n  \"schema_version\": {},\n  \"assumptions\": {},\n  \"recommendation\": {},\n"
                     "  \"constrained_choice\": {},\n  \"verdicts\": {}\n}}\n",
                     kSummarySchemaVersion, assumptions_json(result, rec), recommendation_json(result, rec),
                     constrained_json(result, rec), verdicts_json(result, rec.negligible));
  return out;
}

}  // namespace orchsim::reports
