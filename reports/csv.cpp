#include "reports/csv.h"

#include <fmt/format.h>

#include "reports/csv_escape.h"
#include "reports/text_writer.h"
#include "sim/experiment/metric_catalog.h"

namespace orchsim::reports {

std::string replication_csv(const sim::ExperimentResult& result) {
  std::string out = "strategy,replication,outcome";
  for (const auto& m : sim::metric_catalog()) fmt::format_to(std::back_inserter(out), ",{}", m.name);
  out += '\n';
  for (const auto& s : result.strategies) {
    const std::string name = csv_field(s.strategy.name);
    for (std::size_t i = 0; i < s.replications.size(); ++i) {
      const auto& r = s.replications[i].metrics;
      fmt::format_to(std::back_inserter(out), "{},{},{}", name, i, to_string(r.outcome));
      for (const auto& m : sim::metric_catalog()) {
        if (const auto v = m.of(r)) fmt::format_to(std::back_inserter(out), ",{:.6f}", *v);
        else out += ',';
      }
      out += '\n';
    }
  }
  return out;
}

std::string summary_csv(const sim::ExperimentResult& result) {
  std::string out = "strategy,metric,unit,n,mean,ci_low,ci_high,p50,p50_low,p50_high,p95,p95_low,p95_high,p99,"
                    "p99_low,p99_high\n";
  for (const auto& s : result.strategies) {
    for (const auto& m : s.summaries) {
      fmt::format_to(std::back_inserter(out), "{},{},{},{}", csv_field(s.strategy.name), m.def->name, m.def->unit, m.n);
      if (m.defined()) fmt::format_to(std::back_inserter(out), ",{:.6f},{:.6f},{:.6f}", m.mean, m.lo, m.hi);
      else out += ",,,";
      for (std::size_t q = 0; q < sim::kQuantiles.size(); ++q) {
        if (q < m.quantiles.size()) {
          fmt::format_to(std::back_inserter(out), ",{:.6f},{:.6f},{:.6f}", m.quantiles[q].value, m.quantiles[q].lo,
                         m.quantiles[q].hi);
        } else {
          out += ",,,";
        }
      }
      out += '\n';
    }
  }
  return out;
}

namespace {

// One row per (strategy, named item) of a per-item cost summary: 1e5 and more, so rendered sized.
template <class Names, class Costs>
std::string cost_csv(const sim::ExperimentResult& result, std::string_view item, Names names, Costs costs) {
  return render_sized([&](TextWriter& out) {
    out.format("strategy,{},n,cost_usd_mean,cost_usd_ci_low,cost_usd_ci_high\n", item);
    for (const auto& s : result.strategies) {
      const std::string strategy = csv_field(s.strategy.name);
      const auto& estimates = costs(s);
      for (std::size_t i = 0; i < estimates.size(); ++i) {
        const auto& c = estimates[i];
        out.format("{},{},{},{:.6f},{:.6f},{:.6f}\n", strategy, csv_field(names(s)[i]), s.replications.size(), c.mean,
                   c.mean - c.ci95, c.mean + c.ci95);
      }
    }
  });
}

}  // namespace

std::string task_cost_csv(const sim::ExperimentResult& result) {
  return cost_csv(
      result, "task", [&](const sim::StrategyResult&) -> const auto& { return result.task_names; },
      [](const sim::StrategyResult& s) -> const auto& { return s.task_cost_usd; });
}

std::string cluster_cost_csv(const sim::ExperimentResult& result) {
  return cost_csv(
      result, "cluster", [](const sim::StrategyResult& s) -> const auto& { return s.compute_names; },
      [](const sim::StrategyResult& s) -> const auto& { return s.compute_cost_usd; });
}

std::string model_check_csv(const sim::ExperimentResult& result) {
  std::string out = "strategy,check,metric,unit,kind,analytic,n,simulated,low,high,relative_error,agrees,model,reason\n";
  for (const auto& s : result.strategies) {
    for (const auto& c : s.model_checks) {
      const char* kind = c.kind == sim::ModelCheckKind::kMean ? "mean" : c.kind == sim::ModelCheckKind::kLowerBound ? "lower_bound" : "exact";
      fmt::format_to(std::back_inserter(out), "{},{},{},{},{},", csv_field(s.strategy.name), csv_field(c.quantity),
                     sim::metric(c.metric).name, sim::metric(c.metric).unit, kind);
      if (c.analytic) fmt::format_to(std::back_inserter(out), "{:.6f}", *c.analytic);
      fmt::format_to(std::back_inserter(out), ",{}", c.n);
      if (c.n > 0) fmt::format_to(std::back_inserter(out), ",{:.6f},{:.6f},{:.6f}", c.simulated, c.lo, c.hi);
      else out += ",,,";
      out += ',';
      if (c.relative_error) fmt::format_to(std::back_inserter(out), "{:.6f}", *c.relative_error);
      fmt::format_to(std::back_inserter(out), ",{},{},{}\n", c.analytic ? (c.agrees ? "yes" : "no") : "",
                     csv_field(c.model), csv_field(c.reason));
    }
  }
  return out;
}

}  // namespace orchsim::reports
