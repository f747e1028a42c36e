#include "reports/charts.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reports/svg.h"

namespace orchsim::reports {

std::string file_stem(std::string_view name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
  return out.empty() ? "_" : out;
}

double nice_step(double span, int ticks) {
  if (!(span > 0)) return 1;
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) return m * magnitude;
  }
  return 10 * magnitude;
}

namespace {

struct KindStyle {
  sim::BarKind kind;
  const char* style;
  const char* legend;
};

// Startup is hatched grey behind the lane; waiting is pale; running solid green; a failed attempt
// solid red; waiting for retry an orange dashed outline; a crash a black bolt across the lane.
constexpr KindStyle kStyles[] = {
    {sim::BarKind::kStartup, "fill=\"url(#startup)\" stroke=\"#888888\" stroke-width=\"0.5\"", "cluster startup"},
    {sim::BarKind::kWaiting, "fill=\"#f3e6a0\" stroke=\"#b8a23c\" stroke-width=\"0.5\"", "waiting (cluster or cores)"},
    {sim::BarKind::kRunning, "fill=\"#3a9d5d\" stroke=\"#23663b\" stroke-width=\"0.5\"", "running → success"},
    {sim::BarKind::kFailed, "fill=\"#d7403a\" stroke=\"#8c1f1b\" stroke-width=\"0.5\"", "failed attempt"},
    {sim::BarKind::kRetryWait, "fill=\"#fff3e0\" stroke=\"#e07b00\" stroke-width=\"1.2\" stroke-dasharray=\"4 2\"",
     "waiting for retry"},
    {sim::BarKind::kCrash, "stroke=\"#000000\" stroke-width=\"2.5\"", "crash (cluster lost)"},
    {sim::BarKind::kRollback, "stroke=\"#7b1fa2\" stroke-width=\"2.5\" stroke-dasharray=\"3 2\"", "rollback"},
};

const KindStyle& style_of(sim::BarKind kind) {
  for (const auto& s : kStyles) {
    if (s.kind == kind) return s;
  }
  return kStyles[0];
}

}  // namespace

std::string gantt_svg(const sim::StrategyResult& s, SimTime axis_end) {
  const sim::Timeline& t = s.timeline;
  constexpr double kLeft = 190, kRight = 30, kTop = 52, kRow = 20, kLanePad = 8, kWidth = 1000;
  const double plot_w = kWidth - kLeft - kRight;
  const double end_min = std::max(1e-9, axis_end.since_start().to_minutes());
  const auto x = [&](SimTime at) { return kLeft + plot_w * at.since_start().to_minutes() / end_min; };

  // Pack each lane's attempt bars into rows so that none overlap.
  std::vector<std::vector<SimTime>> row_ends(t.lanes.size());
  std::vector<std::size_t> row_of(t.bars.size(), 0);
  std::vector<std::size_t> order(t.bars.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return t.bars[a].start < t.bars[b].start; });
  for (std::size_t i : order) {
    const auto& bar = t.bars[i];
    if (bar.kind == sim::BarKind::kStartup || bar.kind == sim::BarKind::kCrash || bar.kind == sim::BarKind::kRollback) continue;
    auto& ends = row_ends[bar.lane];
    std::size_t r = 0;
    while (r < ends.size() && ends[r] > bar.start) ++r;
    if (r == ends.size()) ends.push_back(bar.end);
    else ends[r] = bar.end;
    row_of[i] = r;
  }
  std::vector<double> lane_y(t.lanes.size() + 1, kTop);
  for (std::size_t l = 0; l < t.lanes.size(); ++l) {
    lane_y[l + 1] = lane_y[l] + std::max<std::size_t>(1, row_ends[l].size()) * kRow + 2 * kLanePad;
  }
  const double plot_bottom = lane_y.back();
  const double height = plot_bottom + 90;

  Svg svg(kWidth, height, fmt::format("Gantt: {} (replication {})", s.strategy.name, t.replication));
  svg.raw("<defs><pattern id=\"startup\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
          "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e4e4e4\"/>"
          "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#a0a0a0\" stroke-width=\"2\"/></pattern></defs>\n");
  svg.text(kLeft, 22, fmt::format("{} — replication {}, makespan {:.1f} min (the median)", s.strategy.name,
                                  t.replication, t.end.since_start().to_minutes()), "start", 15, "font-weight=\"bold\"");
  svg.text(kLeft, 40, "one lane per cluster instance; time in minutes from the run's start", "start", 11,
           "fill=\"#555555\"");

  // Lanes, grid and axis.
  for (std::size_t l = 0; l < t.lanes.size(); ++l) {
    if (l % 2 == 1) svg.rect(kLeft, lane_y[l], plot_w, lane_y[l + 1] - lane_y[l], "fill=\"#f7f7f7\"");
    svg.text(kLeft - 8, (lane_y[l] + lane_y[l + 1]) / 2 + 4, t.lanes[l], "end", 12);
  }
  const double step = nice_step(end_min, 10);
  for (double m = 0; m <= end_min + 1e-9; m += step) {
    const double px = kLeft + plot_w * m / end_min;
    svg.line(px, kTop, px, plot_bottom, "stroke=\"#dddddd\" stroke-width=\"1\"");
    svg.text(px, plot_bottom + 16, fmt::format("{:g}", m), "middle", 11);
  }
  svg.line(kLeft, plot_bottom, kLeft + plot_w, plot_bottom, "stroke=\"#333333\" stroke-width=\"1\"");
  svg.text(kLeft + plot_w / 2, plot_bottom + 32, "minutes", "middle", 11);
  // The run's end.
  svg.line(x(t.end), kTop - 4, x(t.end), plot_bottom, "stroke=\"#333333\" stroke-width=\"1\" stroke-dasharray=\"2 2\"");

  // Startup behind everything, then attempts, then crashes on top.
  for (int pass = 0; pass < 3; ++pass) {
    for (std::size_t i = 0; i < t.bars.size(); ++i) {
      const auto& bar = t.bars[i];
      const bool instant = bar.kind == sim::BarKind::kCrash || bar.kind == sim::BarKind::kRollback;
      const int bar_pass = bar.kind == sim::BarKind::kStartup ? 0 : instant ? 2 : 1;
      if (bar_pass != pass) continue;
      const double x0 = x(bar.start), x1 = std::max(x(bar.end), x0 + 1.5);
      const KindStyle& st = style_of(bar.kind);
      if (bar.kind == sim::BarKind::kStartup) {
        svg.rect(x0, lane_y[bar.lane] + 2, x1 - x0, lane_y[bar.lane + 1] - lane_y[bar.lane] - 4, st.style);
        continue;
      }
      if (bar.kind == sim::BarKind::kCrash) {
        svg.line(x0, lane_y[bar.lane] + 1, x0, lane_y[bar.lane + 1] - 1, st.style);
        svg.text(x0 + 3, lane_y[bar.lane] + 11, "crash", "start", 10, "font-weight=\"bold\"");
        continue;
      }
      if (bar.kind == sim::BarKind::kRollback) {
        svg.line(x0, kTop, x0, plot_bottom, st.style);
        svg.text(x0 + 3, kTop - 3, "rollback", "start", 10, "fill=\"#7b1fa2\" font-weight=\"bold\"");
        continue;
      }
      const double y = lane_y[bar.lane] + kLanePad + row_of[i] * kRow + 2;
      svg.rect(x0, y, x1 - x0, kRow - 4, st.style);
      const bool dark = bar.kind == sim::BarKind::kRunning || bar.kind == sim::BarKind::kFailed;
      if (x1 - x0 > 7.0 * static_cast<double>(bar.label.size()) + 6) {
        svg.text(x0 + 4, y + kRow - 8, bar.label, "start", 11, dark ? "fill=\"#ffffff\"" : "fill=\"#333333\"");
      }
    }
  }

  // Legend.
  double lx = kLeft;
  double ly = plot_bottom + 50;
  for (const auto& st : kStyles) {
    const double item_w = 30 + 6.2 * static_cast<double>(std::string_view(st.legend).size());
    if (lx + item_w > kWidth - kRight + 20) {
      lx = kLeft;
      ly += 18;
    }
    if (st.kind == sim::BarKind::kCrash || st.kind == sim::BarKind::kRollback) svg.line(lx + 7, ly - 2, lx + 7, ly + 12, st.style);
    else svg.rect(lx, ly, 14, 10, st.style);
    svg.text(lx + 20, ly + 9, st.legend, "start", 11);
    lx += item_w;
  }
  return svg.str();
}

std::string cost_makespan_svg(const sim::ExperimentResult& r, const Recommendation& rec) {
  constexpr double kWidth = 940, kHeight = 520, kLeft = 80, kRight = 380, kTop = 50, kBottom = 60;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  double x_lo = 1e300, x_hi = -1e300, y_lo = 1e300, y_hi = -1e300;
  for (const auto& s : r.strategies) {
    const auto& m = s.summary("makespan_min");
    const auto& c = s.summary("cost_usd");
    x_lo = std::min(x_lo, m.lo);
    x_hi = std::max(x_hi, m.hi);
    y_lo = std::min(y_lo, c.lo);
    y_hi = std::max(y_hi, c.hi);
  }
  // Pad the ranges by 10% (and give a zero-width range some room).
  const auto pad = [](double& lo, double& hi) {
    const double span = std::max(hi - lo, std::max(std::fabs(hi), 1e-9) * 0.05);
    lo -= span * 0.1;
    hi += span * 0.1;
  };
  pad(x_lo, x_hi);
  pad(y_lo, y_hi);
  const auto px = [&](double v) { return kLeft + plot_w * (v - x_lo) / (x_hi - x_lo); };
  const auto py = [&](double v) { return kTop + plot_h * (1 - (v - y_lo) / (y_hi - y_lo)); };

  Svg svg(kWidth, kHeight, "Cost vs makespan");
  svg.text(kLeft, 24, "Cost vs makespan per run (mean, 95% CI whiskers)", "start", 15, "font-weight=\"bold\"");
  svg.text(kLeft, 40, "lower-left is better; the dashed line joins the Pareto-optimal strategies", "start", 11,
           "fill=\"#555555\"");
  const double xs = nice_step(x_hi - x_lo, 6), ys = nice_step(y_hi - y_lo, 6);
  for (double v = std::ceil(x_lo / xs) * xs; v <= x_hi; v += xs) {
    svg.line(px(v), kTop, px(v), kTop + plot_h, "stroke=\"#e5e5e5\"");
    svg.text(px(v), kTop + plot_h + 16, fmt::format("{:g}", std::round(v / xs) * xs), "middle", 11);
  }
  for (double v = std::ceil(y_lo / ys) * ys; v <= y_hi; v += ys) {
    svg.line(kLeft, py(v), kLeft + plot_w, py(v), "stroke=\"#e5e5e5\"");
    svg.text(kLeft - 6, py(v) + 4, fmt::format("${:g}", std::round(v / ys) * ys), "end", 11);
  }
  svg.rect(kLeft, kTop, plot_w, plot_h, "fill=\"none\" stroke=\"#333333\"");
  svg.text(kLeft + plot_w / 2, kHeight - 18, "makespan (minutes)", "middle", 12);
  svg.raw(fmt::format("<text x=\"18\" y=\"{:.2f}\" text-anchor=\"middle\" font-size=\"12\" "
                      "transform=\"rotate(-90 18 {:.2f})\">cost per run (USD)</text>\n",
                      kTop + plot_h / 2, kTop + plot_h / 2));

  // The Pareto front on the two axes drawn (cost and time), joined in makespan order.
  const auto mean = [&](std::size_t i, const char* id) { return r.strategies[i].summary(id).mean; };
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < r.strategies.size(); ++j) {
      const bool no_worse = mean(j, "cost_usd") <= mean(i, "cost_usd") && mean(j, "makespan_min") <= mean(i, "makespan_min");
      const bool better = mean(j, "cost_usd") < mean(i, "cost_usd") || mean(j, "makespan_min") < mean(i, "makespan_min");
      dominated = dominated || (j != i && no_worse && better);
    }
    if (!dominated) front.push_back(i);
  }
  const std::vector<std::size_t> on_front = front;
  std::sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
    return r.strategies[a].summary("makespan_min").mean < r.strategies[b].summary("makespan_min").mean;
  });
  if (front.size() > 1) {
    std::string points;
    for (std::size_t i : front) {
      points += fmt::format("{:.2f},{:.2f} ", px(r.strategies[i].summary("makespan_min").mean),
                            py(r.strategies[i].summary("cost_usd").mean));
    }
    svg.polyline(points, "fill=\"none\" stroke=\"#666666\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"");
  }
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    const auto& s = r.strategies[i];
    const auto& m = s.summary("makespan_min");
    const auto& c = s.summary("cost_usd");
    const std::string colour = series_colour(i);
    const std::string stroke = fmt::format("stroke=\"{}\" stroke-width=\"1.5\"", colour);
    svg.line(px(m.lo), py(c.mean), px(m.hi), py(c.mean), stroke);
    svg.line(px(m.lo), py(c.mean) - 4, px(m.lo), py(c.mean) + 4, stroke);
    svg.line(px(m.hi), py(c.mean) - 4, px(m.hi), py(c.mean) + 4, stroke);
    svg.line(px(m.mean), py(c.lo), px(m.mean), py(c.hi), stroke);
    svg.line(px(m.mean) - 4, py(c.lo), px(m.mean) + 4, py(c.lo), stroke);
    svg.line(px(m.mean) - 4, py(c.hi), px(m.mean) + 4, py(c.hi), stroke);
    const bool pareto = std::find(on_front.begin(), on_front.end(), i) != on_front.end();
    svg.circle(px(m.mean), py(c.mean), 5.5,
               pareto ? fmt::format("fill=\"{}\" stroke=\"#000000\" stroke-width=\"1\"", colour)
                      : fmt::format("fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2\"", colour));
    // Legend on the right, so labels never collide in the plot.
    const double ly = kTop + 10 + 22.0 * static_cast<double>(i);
    svg.circle(kLeft + plot_w + 18, ly, 5.5,
               pareto ? fmt::format("fill=\"{}\" stroke=\"#000000\" stroke-width=\"1\"", colour)
                      : fmt::format("fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2\"", colour));
    // The figures in the legend identify points that overlap in the plot.
    svg.text(kLeft + plot_w + 30, ly + 4,
             fmt::format("{}{}  (${:.2f}, {:.1f} min)", s.strategy.name, i == rec.choice ? " ★" : "", c.mean, m.mean),
             "start", 12);
  }
  svg.text(kLeft + plot_w + 12, kTop + 22.0 * static_cast<double>(r.strategies.size()) + 20,
           "filled: Pareto-optimal (cost, time)", "start", 10, "fill=\"#555555\"");
  svg.text(kLeft + plot_w + 12, kTop + 22.0 * static_cast<double>(r.strategies.size()) + 34, "★: recommended",
           "start", 10, "fill=\"#555555\"");
  return svg.str();
}

}  // namespace orchsim::reports
