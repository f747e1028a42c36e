#include "reports/sweep_report.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "engine/json_escape.h"
#include "reports/charts.h"
#include "reports/csv_escape.h"
#include "reports/html_report.h"
#include "reports/json.h"
#include "reports/svg.h"
#include "reports/table.h"
#include "reports/tradeoff.h"
#include "sim/experiment/metric_catalog.h"

namespace orchsim::reports {

namespace {

std::size_t inner_count(const sim::SweepResult& s) { return s.axes.size() == 2 ? s.axes[1].labels.size() : 1; }

const sim::ExperimentResult& point(const sim::SweepResult& s, std::size_t i, std::size_t j) {
  return s.points[i * inner_count(s) + j];
}

// A numeric x axis: linear over the values' range with 5% margins, or log10 when every value is
// positive and the largest is at least 100 times the smallest.
struct XScale {
  bool log = false;
  double lo = 0;  // in axis units (log10 of the value when log)
  double hi = 1;

  double at(double v) const { return log ? std::log10(v) : v; }
  double fraction(double v) const { return (at(v) - lo) / (hi - lo); }
  // Linear: a "nice" step; log: 1, 2 and 5 times each power of ten in range (1 only, over more
  // than three decades).
  std::vector<double> ticks() const {
    std::vector<double> out;
    if (!log) {
      const double step = nice_step(hi - lo, 6);
      for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push_back(std::round(v / step) * step);
      return out;
    }
    const bool dense = hi - lo <= 3.2;
    for (int k = static_cast<int>(std::floor(lo)); k <= static_cast<int>(std::ceil(hi)); ++k) {
      for (const double m : {1.0, 2.0, 5.0}) {
        if (m != 1 && !dense) continue;
        const double v = m * std::pow(10.0, k);
        if (std::log10(v) >= lo - 1e-12 && std::log10(v) <= hi + 1e-12) out.push_back(v);
      }
    }
    return out;
  }
};

XScale x_scale(const std::vector<double>& values) {
  XScale x;
  const auto [mn, mx] = std::minmax_element(values.begin(), values.end());
  x.log = *mn > 0 && *mx >= 100 * *mn;
  double lo = x.at(*mn), hi = x.at(*mx);
  if (hi <= lo) {
    const double pad = std::max(std::fabs(lo) * 0.5, 1.0);
    lo -= pad;
    hi += pad;
  }
  const double margin = (hi - lo) * 0.05;
  x.lo = lo - margin;
  x.hi = hi + margin;
  return x;
}

}  // namespace

std::string sweep_csv(const sim::SweepResult& s) {
  std::string out = "parameter_1,value_1,parameter_2,value_2,strategy,metric,unit,n,mean,ci_low,ci_high\n";
  for (std::size_t i = 0; i < s.axes[0].labels.size(); ++i) {
    for (std::size_t j = 0; j < inner_count(s); ++j) {
      const auto& p = point(s, i, j);
      const std::string axis2 = s.axes.size() == 2
                                    ? fmt::format("{},{}", csv_field(s.axes[1].parameter), csv_field(s.axes[1].labels[j]))
                                    : ",";
      for (const auto& st : p.strategies) {
        for (const auto& m : st.summaries) {
          fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{}", csv_field(s.axes[0].parameter),
                         csv_field(s.axes[0].labels[i]), axis2, csv_field(st.strategy.name), m.def->name, m.def->unit, m.n);
          if (m.defined()) fmt::format_to(std::back_inserter(out), ",{:.6f},{:.6f},{:.6f}\n", m.mean, m.lo, m.hi);
          else out += ",,,\n";
        }
      }
    }
  }
  return out;
}

std::string sweep_line_svg(const sim::SweepResult& s, sim::MetricId metric_id, std::size_t j) {
  constexpr double kWidth = 760, kHeight = 460, kLeft = 80, kRight = 210, kTop = 56, kBottom = 64;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const std::size_t nx = s.axes[0].labels.size();
  const auto& first = point(s, 0, j);
  const std::size_t ns = first.strategies.size();
  double lo = 1e300, hi = -1e300;
  for (std::size_t i = 0; i < nx; ++i) {
    for (const auto& st : point(s, i, j).strategies) {
      const auto& m = st.summary(metric_id);
      if (!m.defined()) continue;
      lo = std::min(lo, m.lo);
      hi = std::max(hi, m.hi);
    }
  }
  if (lo > hi) lo = 0, hi = 1;
  const double span = std::max(hi - lo, std::max(std::fabs(hi), 1e-9) * 0.05);
  lo -= span * 0.1;
  hi += span * 0.1;
  // x: placed by value when the first axis is numeric (log scale when positive values span two
  // decades or more), else evenly by position.
  const std::optional<sim::NumericAxis>& numeric = s.numeric.empty() ? std::nullopt : s.numeric[0];
  XScale xs;
  if (numeric) xs = x_scale(numeric->values);
  const auto px = [&](std::size_t i) {
    if (numeric) return kLeft + plot_w * xs.fraction(numeric->values[i]);
    return kLeft + plot_w * (nx == 1 ? 0.5 : (0.05 + 0.9 * double(i) / double(nx - 1)));
  };
  const auto py = [&](double v) { return kTop + plot_h * (1 - (v - lo) / (hi - lo)); };
  const auto& def = sim::metric(metric_id);

  Svg svg(kWidth, kHeight, fmt::format("{} vs {}", def.name, s.axes[0].parameter));
  svg.text(kLeft, 24, fmt::format("{} ({}) against {}", def.name, def.unit, s.axes[0].parameter), "start", 15,
           "font-weight=\"bold\"");
  svg.text(kLeft, 42,
           s.axes.size() == 2 ? fmt::format("at {} = {}; means with 95% CI whiskers", s.axes[1].parameter, s.axes[1].labels[j])
                              : std::string("means with 95% CI whiskers"),
           "start", 11, "fill=\"#555555\"");
  const double step = nice_step(hi - lo, 6);
  for (double v = std::ceil(lo / step) * step; v <= hi; v += step) {
    svg.line(kLeft, py(v), kLeft + plot_w, py(v), "stroke=\"#e5e5e5\"");
    svg.text(kLeft - 6, py(v) + 4, fmt::format("{:g}", std::round(v / step) * step), "end", 11);
  }
  if (numeric) {
    for (const double v : xs.ticks()) {
      const double x = kLeft + plot_w * xs.fraction(v);
      svg.line(x, kTop, x, kTop + plot_h, "stroke=\"#eeeeee\"");
      svg.line(x, kTop + plot_h, x, kTop + plot_h + 5, "stroke=\"#333333\"");
      svg.text(x, kTop + plot_h + 18, fmt::format("{:g}", v), "middle", 11);
    }
  } else {
    for (std::size_t i = 0; i < nx; ++i) svg.text(px(i), kTop + plot_h + 18, s.axes[0].labels[i], "middle", 11);
  }
  svg.rect(kLeft, kTop, plot_w, plot_h, "fill=\"none\" stroke=\"#333333\"");
  std::string x_title = s.axes[0].parameter;
  if (numeric && !numeric->unit.empty()) x_title += " (" + numeric->unit + ")";
  if (numeric && xs.log) x_title += ", log scale";
  svg.text(kLeft + plot_w / 2, kHeight - 16, x_title, "middle", 12);
  for (std::size_t k = 0; k < ns; ++k) {
    const std::string colour = series_colour(k);
    std::string points;
    for (std::size_t i = 0; i < nx; ++i) {
      const auto& m = point(s, i, j).strategies[k].summary(metric_id);
      if (!m.defined()) continue;
      points += fmt::format("{:.2f},{:.2f} ", px(i), py(m.mean));
      svg.line(px(i), py(m.lo), px(i), py(m.hi), fmt::format("stroke=\"{}\" stroke-width=\"1.5\"", colour));
      svg.circle(px(i), py(m.mean), 3.5, fmt::format("fill=\"{}\"", colour));
    }
    svg.polyline(points, fmt::format("fill=\"none\" stroke=\"{}\" stroke-width=\"2\"", colour));
    const double ly = kTop + 10 + 22.0 * static_cast<double>(k);
    svg.line(kLeft + plot_w + 12, ly, kLeft + plot_w + 32, ly, fmt::format("stroke=\"{}\" stroke-width=\"3\"", colour));
    svg.text(kLeft + plot_w + 38, ly + 4, first.strategies[k].strategy.name, "start", 12);
  }
  return svg.str();
}

std::string winner_heatmap_svg(const sim::SweepResult& s, const Weights& weights) {
  const std::size_t nx = s.axes[0].labels.size(), ny = inner_count(s);
  constexpr double kLeft = 150, kTop = 70, kCellW = 110, kCellH = 44;
  const double width = kLeft + kCellW * double(nx) + 40;
  const std::size_t ns = s.points.front().strategies.size();
  const double height = kTop + kCellH * double(ny) + 70 + 20.0 * double(ns);
  Svg svg(width, height, "Recommended strategy per point");
  svg.text(16, 24, "Recommended strategy at each point of the sweep", "start", 15, "font-weight=\"bold\"");
  svg.text(16, 42, fmt::format("weighted choice, cost={:g} time={:g} risk={:g}; the label is the winner's cost and makespan",
                               weights.cost, weights.time, weights.risk),
           "start", 11, "fill=\"#555555\"");
  for (std::size_t i = 0; i < nx; ++i) {
    for (std::size_t j = 0; j < ny; ++j) {
      const auto& p = point(s, i, j);
      const Recommendation rec = recommend(p, weights);
      const double x = kLeft + kCellW * double(i), y = kTop + kCellH * double(ny - 1 - j);
      svg.rect(x, y, kCellW, kCellH, fmt::format("fill=\"{}\" fill-opacity=\"0.75\" stroke=\"#ffffff\" stroke-width=\"2\"",
                                                 series_colour(rec.choice)));
      const auto& w = p.strategies[rec.choice];
      svg.text(x + kCellW / 2, y + kCellH / 2 + 4,
               fmt::format("${:.2f} · {:.1f}m", w.summary(sim::MetricId::kCostUsd).mean,
                           w.summary(sim::MetricId::kMakespanMin).mean), "middle", 11,
               "fill=\"#000000\"");
    }
  }
  for (std::size_t i = 0; i < nx; ++i) {
    svg.text(kLeft + kCellW * (double(i) + 0.5), kTop + kCellH * double(ny) + 16, s.axes[0].labels[i], "middle", 11);
  }
  svg.text(kLeft + kCellW * double(nx) / 2, kTop + kCellH * double(ny) + 34, s.axes[0].parameter, "middle", 12);
  if (s.axes.size() == 2) {
    for (std::size_t j = 0; j < ny; ++j) {
      svg.text(kLeft - 8, kTop + kCellH * (double(ny - 1 - j) + 0.5) + 4, s.axes[1].labels[j], "end", 11);
    }
    svg.text(16, kTop - 8, s.axes[1].parameter, "start", 12);
  }
  const auto& strategies = s.points.front().strategies;
  for (std::size_t k = 0; k < ns; ++k) {
    const double ly = kTop + kCellH * double(ny) + 52 + 20.0 * double(k);
    svg.rect(kLeft, ly - 10, 14, 14, fmt::format("fill=\"{}\" fill-opacity=\"0.75\"", series_colour(k)));
    svg.text(kLeft + 20, ly + 1, strategies[k].strategy.name, "start", 12);
  }
  return svg.str();
}

namespace {

// "B", or "none (closest: A)".
std::string constrained_cell(const sim::ExperimentResult& p, const Constraints& constraints) {
  const ConstrainedChoice c = choose_under_constraints(p, constraints);
  if (c.choice) return p.strategies[*c.choice].strategy.name;
  return fmt::format("none (closest: {})", p.strategies[c.closest].strategy.name);
}

Table sweep_table(const sim::SweepResult& s, const Weights& weights, const Constraints& constraints) {
  Table table;
  table.header.push_back(s.axes[0].parameter);
  if (s.axes.size() == 2) table.header.push_back(s.axes[1].parameter);
  for (const auto& st : s.points.front().strategies) {
    table.header.push_back(st.strategy.name + " cost");
    table.header.push_back(st.strategy.name + " makespan");
  }
  table.header.push_back("recommended");
  if (constraints.any()) table.header.push_back("under constraints");
  for (std::size_t i = 0; i < s.axes[0].labels.size(); ++i) {
    for (std::size_t j = 0; j < inner_count(s); ++j) {
      const auto& p = point(s, i, j);
      std::vector<std::string> row{s.axes[0].labels[i]};
      if (s.axes.size() == 2) row.push_back(s.axes[1].labels[j]);
      for (const auto& st : p.strategies) {
        row.push_back(format_figure(st.summary(sim::MetricId::kCostUsd)));
        row.push_back(format_figure(st.summary(sim::MetricId::kMakespanMin)));
      }
      row.push_back(p.strategies[recommend(p, weights).choice].strategy.name);
      if (constraints.any()) row.push_back(constrained_cell(p, constraints));
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

}  // namespace

std::string sweep_markdown(const sim::SweepResult& s, const Weights& weights, const Constraints& constraints) {
  const Table table = sweep_table(s, weights, constraints);
  const auto& first = s.points.front();
  return fmt::format("# orchsim sweep: {}\n\nScenario `{}`, seed {}, {} replications per strategy and point (the same "
                     "random numbers at every point). Recommended: weighted choice with cost={:g}, time={:g}, risk={:g}.\n\n{}",
                     s.name, s.file, first.seed, first.replications, weights.cost, weights.time, weights.risk,
                     to_markdown(table));
}

std::string sweep_json(const sim::SweepResult& s, const Weights& weights, const Constraints& constraints) {
  const auto& first = s.points.front();
  std::string out = fmt::format("{{\n  \"sweep\": {},\n  \"seed\": {},\n  \"replications\": {},\n"
                                "  \"weights\": {{\"cost\": {}, \"time\": {}, \"risk\": {}}},\n  \"parameters\": [",
                                json_string(s.name), first.seed, first.replications, json_number(weights.cost),
                                json_number(weights.time), json_number(weights.risk));
  for (std::size_t a = 0; a < s.axes.size(); ++a) {
    const auto& numeric = s.numeric[a];
    std::string labels, values;
    for (std::size_t i = 0; i < s.axes[a].labels.size(); ++i) {
      labels += fmt::format("{}{}", i ? ", " : "", json_string(s.axes[a].labels[i]));
      if (numeric) values += fmt::format("{}{}", i ? ", " : "", json_number(numeric->values[i]));
    }
    out += fmt::format("{}\n    {{\"parameter\": {}, \"labels\": [{}], \"values\": {}, \"unit\": {}}}", a ? "," : "",
                       json_string(s.axes[a].parameter), labels, numeric ? "[" + values + "]" : "null",
                       numeric ? json_string(numeric->unit) : "null");
  }
  out += "\n  ],\n  \"points\": [";
  for (std::size_t i = 0; i < s.axes[0].labels.size(); ++i) {
    for (std::size_t j = 0; j < inner_count(s); ++j) {
      const auto& p = point(s, i, j);
      std::string labels = json_string(s.axes[0].labels[i]);
      if (s.axes.size() == 2) labels += ", " + json_string(s.axes[1].labels[j]);
      std::string constrained;
      if (constraints.any()) {
        const ConstrainedChoice c = choose_under_constraints(p, constraints);
        constrained = fmt::format("\n      \"under_constraints\": {},\n      \"closest\": {},",
                                  c.choice ? json_string(p.strategies[*c.choice].strategy.name) : "null",
                                  json_string(p.strategies[c.closest].strategy.name));
      }
      out += fmt::format("{}\n    {{\n      \"labels\": [{}],\n      \"recommended\": {},{}\n      \"strategies\": {}\n    }}",
                         i + j ? "," : "", labels, json_string(p.strategies[recommend(p, weights).choice].strategy.name),
                         constrained, strategies_json(p, 6));
    }
  }
  out += "\n  ]\n}\n";
  return out;
}

std::vector<ReportFile> sweep_files(const sim::SweepResult& s, const Weights& weights, const Constraints& constraints) {
  std::vector<ReportFile> files{{"sweep.md", sweep_markdown(s, weights, constraints)}, {"sweep.csv", sweep_csv(s)},
                                {"sweep.json", sweep_json(s, weights, constraints)}};
  std::vector<std::pair<std::string, std::string>> charts;
  charts.emplace_back("The recommended strategy at each point.", winner_heatmap_svg(s, weights));
  files.push_back({"winner_heatmap.svg", charts.back().second});
  for (std::size_t j = 0; j < inner_count(s); ++j) {
    for (const sim::MetricId id : {sim::MetricId::kCostUsd, sim::MetricId::kMakespanMin}) {
      const std::string_view metric = sim::metric(id).name;
      const std::string suffix = s.axes.size() == 2 ? fmt::format("_{}", j + 1) : "";
      charts.emplace_back(fmt::format("{} against {}{}.", metric, s.axes[0].parameter,
                                      s.axes.size() == 2 ? fmt::format(" at {} = {}", s.axes[1].parameter, s.axes[1].labels[j]) : ""),
                          sweep_line_svg(s, id, j));
      files.push_back({fmt::format("sweep_{}{}.svg", metric, suffix), charts.back().second});
    }
  }
  std::string body = fmt::format("<h1>orchsim sweep: {}</h1>\n{}", html_inline(s.name), to_html(sweep_table(s, weights, constraints)));
  for (const auto& [caption, svg] : charts) {
    body += fmt::format("<figure>\n{}<figcaption>{}</figcaption>\n</figure>\n", svg.substr(svg.find("<svg")),
                        html_inline(caption));
  }
  files.push_back({"sweep.html", html_page("orchsim sweep: " + s.name, body)});
  return files;
}

}  // namespace orchsim::reports
