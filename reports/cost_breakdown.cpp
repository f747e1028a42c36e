#include "reports/cost_breakdown.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "reports/charts.h"
#include "reports/svg.h"

namespace orchsim::reports {

CostBreakdown cost_breakdown(const sim::StrategyResult& s) {
  CostBreakdown b;
  for (const auto& r : s.replications) {
    const sim::RunMetrics& m = r.metrics;
    b.vm += m.vm_usd;
    b.dbu += m.dbu_usd;
    b.startup += m.startup_usd;
    b.idle += m.idle_usd;
    b.pool_standing += m.pool_standing_usd;
    b.wasted += m.wasted_usd;
    b.successful_work += m.cost_usd() - m.startup_usd - m.idle_usd - m.pool_standing_usd - m.wasted_usd;
    b.cost += m.cost_usd();
  }
  const double n = static_cast<double>(std::max<std::size_t>(1, s.replications.size()));
  for (double* v : {&b.vm, &b.dbu, &b.startup, &b.idle, &b.pool_standing, &b.wasted, &b.successful_work, &b.cost}) *v /= n;
  return b;
}

namespace {

struct Part {
  double CostBreakdown::*value;
  const char* legend;
  const char* style;
};

// The bill bar in blues; the use bar in the Gantt chart's colours (grey startup, green work, red
// failure) with idle pale yellow and pool standing a darker yellow.
constexpr std::array<Part, 2> kBill{{{&CostBreakdown::vm, "VM", "fill=\"#0072B2\""},
                                     {&CostBreakdown::dbu, "DBU", "fill=\"#56B4E9\""}}};
constexpr std::array<Part, 5> kUse{{{&CostBreakdown::startup, "cluster startup", "fill=\"#a0a0a0\""},
                                    {&CostBreakdown::idle, "idle cores", "fill=\"#f3e6a0\""},
                                    {&CostBreakdown::pool_standing, "pool standing", "fill=\"#c9a227\""},
                                    {&CostBreakdown::wasted, "failed attempts", "fill=\"#d7403a\""},
                                    {&CostBreakdown::successful_work, "successful work", "fill=\"#3a9d5d\""}}};

constexpr double kWidth = 940, kLeft = 60, kPlotW = 750, kTop = 56, kBar = 16, kName = 16, kGroup = 62;

template <std::size_t N>
void stacked_bar(Svg& svg, const CostBreakdown& b, const std::array<Part, N>& parts, double y, double usd_per_px,
                 const char* label) {
  svg.text(kLeft - 8, y + kBar - 4, label, "end", 10, "fill=\"#555555\"");
  double x = kLeft;
  for (const Part& p : parts) {
    const double w = std::max(0.0, b.*p.value) / usd_per_px;
    if (w > 0) svg.rect(x, y, w, kBar, p.style);
    x += w;
  }
  svg.text(x + 6, y + kBar - 4, fmt::format("${:.2f}", b.cost), "start", 11);
}

void legend(Svg& svg, double y) {
  double x = kLeft;
  const auto item = [&](const Part& p) {
    svg.rect(x, y, 14, 10, p.style);
    svg.text(x + 20, y + 9, p.legend, "start", 11);
    x += 34 + 6.2 * static_cast<double>(std::string_view(p.legend).size());
  };
  for (const Part& p : kBill) item(p);
  x += 20;
  for (const Part& p : kUse) item(p);
}

}  // namespace

std::string cost_breakdown_svg(const sim::ExperimentResult& r) {
  std::vector<CostBreakdown> bars;
  double most = 1e-9;
  for (const auto& s : r.strategies) {
    bars.push_back(cost_breakdown(s));
    most = std::max(most, bars.back().cost);
  }
  const double bottom = kTop + kGroup * static_cast<double>(bars.size());
  const double step = nice_step(most, 6);
  const double axis_max = std::max(step, std::ceil(most / step) * step);
  const double usd_per_px = axis_max / kPlotW;
  Svg svg(kWidth, bottom + 70, "Cost breakdown");
  svg.text(kLeft, 22, "Cost per run, broken down (means over the replications)", "start", 15, "font-weight=\"bold\"");
  svg.text(kLeft, 40, "per strategy: by bill line (VM, DBU) and by use; both bars sum to the mean cost_usd", "start",
           11, "fill=\"#555555\"");
  for (double v = 0; v <= axis_max + 1e-12; v += step) {
    svg.line(kLeft + v / usd_per_px, kTop - 4, kLeft + v / usd_per_px, bottom, "stroke=\"#e5e5e5\"");
    svg.text(kLeft + v / usd_per_px, bottom + 16, fmt::format("${:g}", v), "middle", 11);
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    // The name above its bars: a long name never runs off the chart's left edge.
    const double y = kTop + kName + kGroup * static_cast<double>(i);
    svg.text(kLeft, y - 5, r.strategies[i].strategy.name, "start", 12, "font-weight=\"bold\"");
    stacked_bar(svg, bars[i], kBill, y, usd_per_px, "bill");
    stacked_bar(svg, bars[i], kUse, y + kBar + 4, usd_per_px, "use");
  }
  svg.line(kLeft, bottom, kLeft + kPlotW, bottom, "stroke=\"#333333\"");
  legend(svg, bottom + 34);
  return svg.str();
}

}  // namespace orchsim::reports
