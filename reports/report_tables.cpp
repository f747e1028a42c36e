#include "reports/report_tables.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/experiment/metric_catalog.h"

namespace orchsim::reports {

Table tradeoff_table(const TradeoffTable& t) {
  Table table;
  table.header.push_back("factor");
  for (const auto& s : t.strategies) table.header.push_back(s);
  table.header.insert(table.header.end(), {"winner", "compares", "seed says", "holds?"});
  for (const auto& row : t.rows) {
    std::vector<std::string> cells{row.factor};
    cells.insert(cells.end(), row.figures.begin(), row.figures.end());
    cells.insert(cells.end(), {row.winner, row.pair, row.claim, to_string(row.verdict)});
    table.rows.push_back(std::move(cells));
  }
  return table;
}

Table evidence_table(const TradeoffTable& t) {
  Table table{.header = {"factor", "compares", "holds?", "evidence (difference of means, 95% CI)"}, .rows = {}, .numeric = {}};
  for (const auto& row : t.rows) table.rows.push_back({row.factor, row.pair, to_string(row.verdict), row.evidence});
  return table;
}

Table metrics_table(const sim::ExperimentResult& r) {
  Table table;
  table.header = {"metric", "unit"};
  table.numeric = {false, false};
  for (const auto& s : r.strategies) {
    table.header.push_back(s.strategy.name);
    table.numeric.push_back(true);
  }
  for (std::size_t m = 0; m < sim::metric_catalog().size(); ++m) {
    const auto& def = sim::metric_catalog()[m];
    std::vector<std::string> cells{std::string(def.name), std::string(def.unit)};
    for (const auto& s : r.strategies) {
      const auto& ms = s.summaries[m];
      if (!ms.defined()) cells.push_back(format_figure(ms));
      else if (def.kind == sim::MetricKind::kProportion) cells.push_back(fmt::format("{:.4f} [{:.4f}, {:.4f}]", ms.mean, ms.lo, ms.hi));
      else cells.push_back(fmt::format("{:.4f} ± {:.4f}", ms.mean, ms.half_width()));
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

Table quantile_table(const sim::ExperimentResult& r) {
  Table table{.header = {"strategy", "metric", "p50", "p95", "p99"}, .rows = {}, .numeric = {false, false, true, true, true}};
  for (const auto& s : r.strategies) {
    for (const sim::MetricId id : {sim::MetricId::kMakespanMin, sim::MetricId::kCostUsd}) {
      const auto& ms = s.summary(id);
      std::vector<std::string> cells{s.strategy.name, std::string(sim::metric(id).name)};
      for (const auto& q : ms.quantiles) cells.push_back(fmt::format("{:.3f} [{:.3f}, {:.3f}]", q.value, q.lo, q.hi));
      while (cells.size() < 5) cells.push_back("–");
      table.rows.push_back(std::move(cells));
    }
  }
  return table;
}

void write_task_cost_table(TextWriter& out, TableFormat format, const sim::ExperimentResult& r) {
  std::vector<std::string> header{"task"};
  std::vector<bool> numeric{false};
  for (const auto& s : r.strategies) {
    header.push_back(s.strategy.name);
    numeric.push_back(true);
  }
  TableWriter table(out, format, header, std::move(numeric));
  for (std::size_t t = 0; t < r.task_names.size(); ++t) {
    table.cell(r.task_names[t]);
    for (const auto& s : r.strategies) {
      table.format_cell("${:.4f} ± {:.4f}", s.task_cost_usd[t].mean, s.task_cost_usd[t].ci95);
    }
    table.end_row();
  }
  table.end();
}

void write_cluster_cost_table(TextWriter& out, TableFormat format, const sim::ExperimentResult& r) {
  const std::vector<std::string> header{"strategy", "cluster", "cost"};
  TableWriter table(out, format, header, {false, false, true});
  for (const auto& s : r.strategies) {
    for (std::size_t c = 0; c < s.compute_names.size(); ++c) {
      table.cell(s.strategy.name);
      table.cell(s.compute_names[c]);
      table.format_cell("${:.4f} ± {:.4f}", s.compute_cost_usd[c].mean, s.compute_cost_usd[c].ci95);
      table.end_row();
    }
  }
  table.end();
}

Table recommendation_table(const sim::ExperimentResult& r, const Recommendation& rec) {
  Table table{.header = {"strategy", "cost", "makespan", "P(failed)", "P(success)", "cost per successful run",
                         "makespan of successful runs", "Pareto-optimal", "weighted score"},
              .rows = {},
              .numeric = {false, true, true, true, true, true, true, false, true}};
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    const auto& s = r.strategies[i];
    const bool pareto = std::find(rec.pareto.begin(), rec.pareto.end(), i) != rec.pareto.end();
    table.rows.push_back({i == rec.choice ? fmt::format("**{}**", s.strategy.name) : s.strategy.name,
                          format_figure(s.summary(sim::MetricId::kCostUsd)),
                          format_figure(s.summary(sim::MetricId::kMakespanMin)),
                          format_figure(s.summary(sim::MetricId::kPFailed)),
                          format_figure(s.summary(sim::MetricId::kPSuccess)),
                          format_figure(s.summary(sim::MetricId::kCostPerSuccessUsd)),
                          format_figure(s.summary(sim::MetricId::kSuccessMakespanMin)), pareto ? "yes" : "no",
                          rec.scores.empty() ? "–" : fmt::format("{:.3f}", rec.scores[i])});
  }
  return table;
}

std::string check_verdict(const sim::ModelCheck& c) {
  if (!c.analytic) return "—";
  switch (c.kind) {
    case sim::ModelCheckKind::kMean: return c.agrees ? "in 95% CI" : "**outside 95% CI**";
    case sim::ModelCheckKind::kLowerBound: return c.agrees ? "holds" : "**violated**";
    case sim::ModelCheckKind::kExact: return c.agrees ? "equal" : "**differs**";
  }
  return "—";
}

namespace {

std::string check_number(double v) { return fmt::format("{:.6g}", v); }

// What the replications measured, in the form the check compares.
std::string check_simulated(const sim::ModelCheck& c) {
  if (c.n == 0) return "–";
  switch (c.kind) {
    case sim::ModelCheckKind::kMean:
      if (sim::metric(c.metric).kind == sim::MetricKind::kProportion) {
        return fmt::format("{:.4f} [{:.4f}, {:.4f}]", c.simulated, c.lo, c.hi);
      }
      return fmt::format("{} ± {:.3g}", check_number(c.simulated), (c.hi - c.lo) / 2);
    case sim::ModelCheckKind::kLowerBound: return fmt::format("shortest of {} successful runs: {}", c.n, check_number(c.simulated));
    case sim::ModelCheckKind::kExact:
      return c.lo == c.hi ? fmt::format("{} (all {} runs)", check_number(c.simulated), c.n)
                          : fmt::format("{} (range {} – {})", check_number(c.simulated), check_number(c.lo), check_number(c.hi));
  }
  return "–";
}

}  // namespace

Table model_check_table(const sim::ExperimentResult& r) {
  Table table{.header = {"strategy", "quantity", "unit", "analytic", "simulated", "rel. err", "agrees?", "model / why not"},
              .rows = {},
              .numeric = {false, false, false, true, true, true, false, false}};
  for (const auto& s : r.strategies) {
    for (const auto& c : s.model_checks) {
      table.rows.push_back({s.strategy.name, c.quantity, std::string(sim::metric(c.metric).unit),
                            c.analytic ? check_number(*c.analytic) : "—", check_simulated(c),
                            c.relative_error ? fmt::format("{:.3f}%", *c.relative_error * 100) : "–", check_verdict(c),
                            c.analytic ? c.model : "not applicable: " + c.reason});
    }
  }
  return table;
}

}  // namespace orchsim::reports
