#include "reports/json.h"

#include <cmath>

#include <fmt/format.h>

namespace orchsim::reports {

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else out += c;
    }
  }
  return out + "\"";
}

namespace {

std::string number(double v) { return std::isfinite(v) ? fmt::format("{:.6g}", v) : "null"; }

}  // namespace

std::string experiment_json(const sim::ExperimentResult& result) {
  std::string out = "{\n";
  out += fmt::format("  \"scenario\": {},\n  \"seed\": {},\n  \"replications\": {},\n  \"strategies\": [",
                     json_string(result.scenario), result.seed, result.replications);
  for (std::size_t s = 0; s < result.strategies.size(); ++s) {
    const auto& sr = result.strategies[s];
    out += fmt::format("{}\n    {{\n      \"name\": {},\n      \"metrics\": {{", s ? "," : "", json_string(sr.strategy.name));
    for (std::size_t m = 0; m < sr.summaries.size(); ++m) {
      const auto& ms = sr.summaries[m];
      out += fmt::format("{}\n        {}: {{\"unit\": {}, \"n\": {}", m ? "," : "", json_string(ms.def->id),
                         json_string(ms.def->unit), ms.n);
      if (ms.defined()) {
        out += fmt::format(", \"mean\": {}, \"ci_low\": {}, \"ci_high\": {}", number(ms.mean), number(ms.lo), number(ms.hi));
      }
      for (const auto& q : ms.quantiles) {
        const int pct = static_cast<int>(std::lround(q.p * 100));
        out += fmt::format(", \"p{0}\": {1}, \"p{0}_low\": {2}, \"p{0}_high\": {3}", pct, number(q.value),
                           number(q.lo), number(q.hi));
      }
      out += "}";
    }
    out += "\n      }\n    }";
  }
  out += "\n  ]\n}\n";
  return out;
}

}  // namespace orchsim::reports
