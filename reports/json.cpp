#include "reports/json.h"

#include <cmath>

#include <fmt/format.h>

#include "engine/json_escape.h"
#include "sim/experiment/metric_catalog.h"

namespace orchsim::reports {

std::string json_number(double v) { return std::isfinite(v) ? fmt::format("{:.6g}", v) : "null"; }

std::string strategies_json(const sim::ExperimentResult& result, std::size_t indent) {
  std::string out = "[";
  for (std::size_t s = 0; s < result.strategies.size(); ++s) {
    const auto& sr = result.strategies[s];
    out += fmt::format("{}\n    {{\n      \"name\": {},\n      \"metrics\": {{", s ? "," : "", json_string(sr.strategy.name));
    for (std::size_t m = 0; m < sr.summaries.size(); ++m) {
      const auto& ms = sr.summaries[m];
      out += fmt::format("{}\n        {}: {{\"unit\": {}, \"n\": {}", m ? "," : "", json_string(ms.def->name),
                         json_string(ms.def->unit), ms.n);
      if (ms.defined()) {
        out += fmt::format(", \"mean\": {}, \"ci_low\": {}, \"ci_high\": {}", json_number(ms.mean), json_number(ms.lo), json_number(ms.hi));
      } else if (!ms.def->undefined_when.empty()) {
        out += fmt::format(", \"undefined\": {}", json_string(ms.def->undefined_when));
      }
      for (const auto& q : ms.quantiles) {
        const int pct = static_cast<int>(std::lround(q.p * 100));
        out += fmt::format(", \"p{0}\": {1}, \"p{0}_low\": {2}, \"p{0}_high\": {3}", pct, json_number(q.value),
                           json_number(q.lo), json_number(q.hi));
      }
      out += "}";
    }
    out += "\n      },\n      \"model_checks\": [";
    for (std::size_t k = 0; k < sr.model_checks.size(); ++k) {
      const auto& c = sr.model_checks[k];
      const char* kind = c.kind == sim::ModelCheckKind::kMean ? "mean" : c.kind == sim::ModelCheckKind::kLowerBound ? "lower_bound" : "exact";
      out += fmt::format("{}\n        {{\"check\": {}, \"metric\": {}, \"kind\": \"{}\", \"analytic\": {}, \"n\": {}",
                         k ? "," : "", json_string(c.quantity), json_string(sim::metric(c.metric).name), kind,
                         c.analytic ? json_number(*c.analytic) : "null", c.n);
      if (c.n > 0) {
        out += fmt::format(", \"simulated\": {}, \"low\": {}, \"high\": {}", json_number(c.simulated), json_number(c.lo), json_number(c.hi));
      }
      out += fmt::format(", \"relative_error\": {}, \"agrees\": {}, \"model\": {}, \"reason\": {}}}",
                         c.relative_error ? json_number(*c.relative_error) : "null",
                         c.analytic ? (c.agrees ? "true" : "false") : "null", json_string(c.model), json_string(c.reason));
    }
    out += "\n      ]\n    }";
  }
  out += "\n  ]";
  // Written at the indent of a top-level key; nest it deeper by indenting every line.
  if (indent > 2) {
    std::string nested;
    for (char c : out) {
      nested += c;
      if (c == '\n') nested.append(indent - 2, ' ');
    }
    out = std::move(nested);
  }
  return out;
}

std::string experiment_json(const sim::ExperimentResult& result) {
  return fmt::format("{{\n  \"scenario\": {},\n  \"seed\": {},\n  \"replications\": {},\n  \"strategies\": {}\n}}\n",
                     json_string(result.scenario), result.seed, result.replications, strategies_json(result, 2));
}

}  // namespace orchsim::reports
