#include "reports/charts.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <vector>

#include <fmt/format.h>

#include "reports/svg.h"
#include "sim/experiment/metric_catalog.h"

namespace orchsim::reports {

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

// The one place the charts read a compute's name from.
std::string_view compute_name(const sim::StrategyResult& s, std::uint32_t compute) { return s.compute_names[compute]; }

}  // namespace

std::string gantt_lane_name(const GanttSubject& g, const sim::TimelineLane& lane) {
  const std::string_view name = compute_name(g.strategy, lane.compute);
  return lane.instance > 1 ? fmt::format("{} #{}", name, lane.instance) : std::string(name);
}

std::string gantt_bar_label(const GanttSubject& g, const sim::TimelineBar& bar) {
  const sim::BarAttempt a = g.timeline.attempt_of(bar);
  const std::string_view key = a.task == sim::BarAttempt::kNoTask ? std::string_view("?") : g.task_names[a.task];
  return a.number > 1 ? fmt::format("{} #{}", key, a.number) : std::string(key);
}

namespace {

// The Gantt chart's geometry, in SVG user units.
constexpr double kGanttLeft = 190, kGanttRight = 30, kGanttTop = 52, kGanttRow = 20, kGanttLanePad = 8,
                 kGanttWidth = 1000;
constexpr double kGanttPlotW = kGanttWidth - kGanttLeft - kGanttRight;

void gantt_title(Svg& svg, const GanttSubject& g) {
  svg.text(kGanttLeft, 22,
           fmt::format("{} — replication {}, makespan {:.1f} min (the {})", g.strategy.strategy.name, g.timeline.replication,
                       g.timeline.end.since_start().to_minutes(), g.which),
           "start", 15, "font-weight=\"bold\"");
}

bool instant(sim::BarKind kind) { return kind == sim::BarKind::kCrash || kind == sim::BarKind::kRollback; }

// Where each bar goes: attempt bars packed into rows of their lane so that none overlap, and the
// lanes stacked, each as tall as its rows.
struct GanttLayout {
  std::vector<std::size_t> row_of;  // by bar
  std::vector<double> lane_y;       // lane l spans [lane_y[l], lane_y[l + 1])
  double plot_bottom() const { return lane_y.back(); }
};

GanttLayout gantt_layout(const sim::Timeline& t) {
  GanttLayout layout;
  std::vector<std::vector<SimTime>> row_ends(t.lanes.size());
  layout.row_of.assign(t.bars.size(), 0);
  std::vector<std::size_t> order(t.bars.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return t.bars[a].start() < t.bars[b].start(); });
  for (std::size_t i : order) {
    const auto& bar = t.bars[i];
    if (bar.kind() == sim::BarKind::kStartup || instant(bar.kind())) continue;
    auto& ends = row_ends[bar.lane()];
    std::size_t r = 0;
    while (r < ends.size() && ends[r] > bar.start()) ++r;
    if (r == ends.size()) ends.push_back(bar.end());
    else ends[r] = bar.end();
    layout.row_of[i] = r;
  }
  layout.lane_y.assign(t.lanes.size() + 1, kGanttTop);
  for (std::size_t l = 0; l < t.lanes.size(); ++l) {
    layout.lane_y[l + 1] =
        layout.lane_y[l] + std::max<std::size_t>(1, row_ends[l].size()) * kGanttRow + 2 * kGanttLanePad;
  }
  return layout;
}

// Title, lanes, the minute grid and axis, and the run's end.
void gantt_frame(Svg& svg, const GanttSubject& g, const GanttLayout& layout, double end_min) {
  const sim::Timeline& t = g.timeline;
  const double plot_bottom = layout.plot_bottom();
  svg.raw("<defs><pattern id=\"startup\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
          "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e4e4e4\"/>"
          "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#a0a0a0\" stroke-width=\"2\"/></pattern></defs>\n");
  gantt_title(svg, g);
  svg.text(kGanttLeft, 40, "one lane per cluster instance; time in minutes from the run's start", "start", 11,
           "fill=\"#555555\"");
  for (std::size_t l = 0; l < t.lanes.size(); ++l) {
    if (l % 2 == 1) svg.rect(kGanttLeft, layout.lane_y[l], kGanttPlotW, layout.lane_y[l + 1] - layout.lane_y[l], "fill=\"#f7f7f7\"");
    svg.text(kGanttLeft - 8, (layout.lane_y[l] + layout.lane_y[l + 1]) / 2 + 4, gantt_lane_name(g, t.lanes[l]), "end", 12);
  }
  const double step = nice_step(end_min, 10);
  for (double m = 0; m <= end_min + 1e-9; m += step) {
    const double px = kGanttLeft + kGanttPlotW * m / end_min;
    svg.line(px, kGanttTop, px, plot_bottom, "stroke=\"#dddddd\" stroke-width=\"1\"");
    svg.text(px, plot_bottom + 16, fmt::format("{:g}", m), "middle", 11);
  }
  svg.line(kGanttLeft, plot_bottom, kGanttLeft + kGanttPlotW, plot_bottom, "stroke=\"#333333\" stroke-width=\"1\"");
  svg.text(kGanttLeft + kGanttPlotW / 2, plot_bottom + 32, "minutes", "middle", 11);
  const double end_x = kGanttLeft + kGanttPlotW * t.end.since_start().to_minutes() / end_min;
  svg.line(end_x, kGanttTop - 4, end_x, plot_bottom, "stroke=\"#333333\" stroke-width=\"1\" stroke-dasharray=\"2 2\"");
}

// One bar: startup fills its lane, an instant is a line (a rollback across every lane), an
// attempt a box in its row with its label when the label fits.
void gantt_bar(Svg& svg, const GanttSubject& g, const sim::TimelineBar& bar, std::size_t row, const GanttLayout& layout,
               double x0, double x1) {
  const KindStyle& st = style_of(bar.kind());
  const double top = layout.lane_y[bar.lane()], bottom = layout.lane_y[bar.lane() + 1];
  switch (bar.kind()) {
    case sim::BarKind::kStartup: svg.rect(x0, top + 2, x1 - x0, bottom - top - 4, st.style); return;
    case sim::BarKind::kCrash:
      svg.line(x0, top + 1, x0, bottom - 1, st.style);
      svg.text(x0 + 3, top + 11, "crash", "start", 10, "font-weight=\"bold\"");
      return;
    case sim::BarKind::kRollback:
      svg.line(x0, kGanttTop, x0, layout.plot_bottom(), st.style);
      svg.text(x0 + 3, kGanttTop - 3, "rollback", "start", 10, "fill=\"#7b1fa2\" font-weight=\"bold\"");
      return;
    default: break;
  }
  const double y = top + kGanttLanePad + row * kGanttRow + 2;
  svg.rect(x0, y, x1 - x0, kGanttRow - 4, st.style);
  const bool dark = bar.kind() == sim::BarKind::kRunning || bar.kind() == sim::BarKind::kFailed;
  const std::string label = gantt_bar_label(g, bar);
  if (x1 - x0 > 7.0 * static_cast<double>(label.size()) + 6) {
    svg.text(x0 + 4, y + kGanttRow - 8, label, "start", 11, dark ? "fill=\"#ffffff\"" : "fill=\"#333333\"");
  }
}

void gantt_legend(Svg& svg, double plot_bottom) {
  double lx = kGanttLeft;
  double ly = plot_bottom + 50;
  for (const auto& st : kStyles) {
    const double item_w = 30 + 6.2 * static_cast<double>(std::string_view(st.legend).size());
    if (lx + item_w > kGanttWidth - kGanttRight + 20) {
      lx = kGanttLeft;
      ly += 18;
    }
    if (instant(st.kind)) svg.line(lx + 7, ly - 2, lx + 7, ly + 12, st.style);
    else svg.rect(lx, ly, 14, 10, st.style);
    svg.text(lx + 20, ly + 9, st.legend, "start", 11);
    lx += item_w;
  }
}

// Above these sizes a chart of every bar would be megabytes no one can read (and its rendering
// would dominate a large run): the Gantt file shows the activity profile instead (issue #15).
constexpr std::size_t kGanttMaxLanes = 500, kGanttMaxBars = 20'000;
constexpr std::size_t kProfileSlices = 200;
constexpr double kProfileTop = 60, kProfileHeight = 360;
constexpr sim::BarKind kProfileKinds[] = {sim::BarKind::kStartup, sim::BarKind::kWaiting, sim::BarKind::kRunning,
                                          sim::BarKind::kFailed, sim::BarKind::kRetryWait};

// The mean number of bars of each profile kind open during each time slice (a clusters-starting,
// attempts-waiting, -running, -failing and tasks-waiting-to-retry count), and the slices with a
// crash or rollback. Each bar adds its overlap with the slices it spans; whole slices go through a
// difference array, so the work is linear in the bars.
struct Profile {
  std::vector<std::vector<double>> mean;  // [kind][slice]
  std::vector<std::uint32_t> instants;    // crashes and rollbacks per slice
};

Profile activity_profile(const sim::Timeline& t, double end_min) {
  constexpr std::size_t n = kProfileSlices;
  const double width = end_min / n;
  Profile p{.mean = std::vector<std::vector<double>>(std::size(kProfileKinds), std::vector<double>(n, 0)),
            .instants = std::vector<std::uint32_t>(n, 0)};
  std::vector<std::vector<double>> whole(std::size(kProfileKinds), std::vector<double>(n + 1, 0));
  const auto slice_of = [&](double m) { return std::min(n - 1, static_cast<std::size_t>(std::max(0.0, m / width))); };
  for (const auto& bar : t.bars) {
    const double a = bar.start().since_start().to_minutes(), b = bar.end().since_start().to_minutes();
    if (instant(bar.kind())) {
      ++p.instants[slice_of(a)];
      continue;
    }
    const auto k = static_cast<std::size_t>(std::find(std::begin(kProfileKinds), std::end(kProfileKinds), bar.kind()) -
                                            std::begin(kProfileKinds));
    if (k == std::size(kProfileKinds) || !(b > a)) continue;
    const std::size_t first = slice_of(a), last = slice_of(b);
    if (first == last) {
      p.mean[k][first] += (b - a) / width;
      continue;
    }
    p.mean[k][first] += ((first + 1) * width - a) / width;
    p.mean[k][last] += (b - last * width) / width;
    whole[k][first + 1] += 1;
    whole[k][last] -= 1;
  }
  for (std::size_t k = 0; k < whole.size(); ++k) {
    double open = 0;
    for (std::size_t i = 0; i < n; ++i) p.mean[k][i] += (open += whole[k][i]);
  }
  return p;
}

// The profile drawn as stacked columns, one per slice, under the same title, axis and legend as
// the Gantt chart.
std::string gantt_profile_svg(const GanttSubject& g, double end_min) {
  const sim::Timeline& t = g.timeline;
  const Profile p = activity_profile(t, end_min);
  double most = 1;
  for (std::size_t i = 0; i < kProfileSlices; ++i) {
    double sum = 0;
    for (const auto& k : p.mean) sum += k[i];
    most = std::max(most, sum);
  }
  const double bottom = kProfileTop + kProfileHeight, slice_w = kGanttPlotW / kProfileSlices;
  const auto y = [&](double v) { return bottom - kProfileHeight * v / most; };
  Svg svg(kGanttWidth, bottom + 90, fmt::format("Activity profile: {} (replication {})", g.strategy.strategy.name, t.replication));
  svg.raw("<defs><pattern id=\"startup\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
          "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e4e4e4\"/>"
          "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#a0a0a0\" stroke-width=\"2\"/></pattern></defs>\n");
  gantt_title(svg, g);
  svg.text(kGanttLeft, 40, fmt::format("{} lanes (cluster instances) and {} bars: too many to draw one by one; mean number open per "
                                       "time slice (crashes and rollbacks marked on top)", t.lanes.size(), t.bars.size()),
           "start", 11, "fill=\"#555555\"");
  const double step_y = nice_step(most, 6);
  for (double v = 0; v <= most + 1e-9; v += step_y) {
    svg.line(kGanttLeft, y(v), kGanttLeft + kGanttPlotW, y(v), "stroke=\"#dddddd\" stroke-width=\"1\"");
    svg.text(kGanttLeft - 8, y(v) + 4, fmt::format("{:g}", v), "end", 11);
  }
  for (std::size_t i = 0; i < kProfileSlices; ++i) {
    const double x0 = kGanttLeft + slice_w * i;
    double level = 0;
    for (std::size_t k = 0; k < p.mean.size(); ++k) {
      if (!(p.mean[k][i] > 0)) continue;
      svg.rect(x0, y(level + p.mean[k][i]), slice_w, y(level) - y(level + p.mean[k][i]), style_of(kProfileKinds[k]).style);
      level += p.mean[k][i];
    }
    if (p.instants[i] > 0) svg.line(x0 + slice_w / 2, kProfileTop - 6, x0 + slice_w / 2, kProfileTop + 6, style_of(sim::BarKind::kCrash).style);
  }
  const double step = nice_step(end_min, 10);
  for (double m = 0; m <= end_min + 1e-9; m += step) {
    svg.text(kGanttLeft + kGanttPlotW * m / end_min, bottom + 16, fmt::format("{:g}", m), "middle", 11);
  }
  svg.line(kGanttLeft, bottom, kGanttLeft + kGanttPlotW, bottom, "stroke=\"#333333\" stroke-width=\"1\"");
  svg.text(kGanttLeft + kGanttPlotW / 2, bottom + 32, "minutes", "middle", 11);
  gantt_legend(svg, bottom);
  return svg.str();
}

}  // namespace

std::string gantt_svg(const GanttSubject& g, SimTime axis_end) {
  const sim::Timeline& t = g.timeline;
  const double end_min = std::max(1e-9, axis_end.since_start().to_minutes());
  if (t.lanes.size() > kGanttMaxLanes || t.bars.size() > kGanttMaxBars) return gantt_profile_svg(g, end_min);
  const auto x = [&](SimTime at) { return kGanttLeft + kGanttPlotW * at.since_start().to_minutes() / end_min; };
  const GanttLayout layout = gantt_layout(t);
  Svg svg(kGanttWidth, layout.plot_bottom() + 90, fmt::format("Gantt: {} (replication {})", g.strategy.strategy.name, t.replication));
  gantt_frame(svg, g, layout, end_min);
  // Startup behind everything, then attempts, then crashes and rollbacks on top.
  for (int pass = 0; pass < 3; ++pass) {
    for (std::size_t i = 0; i < t.bars.size(); ++i) {
      const auto& bar = t.bars[i];
      const int bar_pass = bar.kind() == sim::BarKind::kStartup ? 0 : instant(bar.kind()) ? 2 : 1;
      if (bar_pass != pass) continue;
      const double x0 = x(bar.start());
      gantt_bar(svg, g, bar, layout.row_of[i], layout, x0, std::max(x(bar.end()), x0 + 1.5));
    }
  }
  gantt_legend(svg, layout.plot_bottom());
  return svg.str();
}

namespace {

using sim::MetricId;

// The cost-makespan plot's geometry, and its data ranges (the intervals' extent plus 10%).
struct CostMakespanFrame {
  static constexpr double kWidth = 940, kHeight = 520, kLeft = 80, kRight = 380, kTop = 50, kBottom = 60;
  static constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;
  double x_lo = 1e300, x_hi = -1e300, y_lo = 1e300, y_hi = -1e300;

  double px(double v) const { return kLeft + kPlotW * (v - x_lo) / (x_hi - x_lo); }
  double py(double v) const { return kTop + kPlotH * (1 - (v - y_lo) / (y_hi - y_lo)); }
};

CostMakespanFrame cost_makespan_frame(const sim::ExperimentResult& r) {
  CostMakespanFrame f;
  for (const auto& s : r.strategies) {
    const auto& m = s.summary(MetricId::kMakespanMin);
    const auto& c = s.summary(MetricId::kCostUsd);
    f.x_lo = std::min(f.x_lo, m.lo);
    f.x_hi = std::max(f.x_hi, m.hi);
    f.y_lo = std::min(f.y_lo, c.lo);
    f.y_hi = std::max(f.y_hi, c.hi);
  }
  // Pad the ranges by 10% (and give a zero-width range some room).
  const auto pad = [](double& lo, double& hi) {
    const double span = std::max(hi - lo, std::max(std::fabs(hi), 1e-9) * 0.05);
    lo -= span * 0.1;
    hi += span * 0.1;
  };
  pad(f.x_lo, f.x_hi);
  pad(f.y_lo, f.y_hi);
  return f;
}

void cost_makespan_axes(Svg& svg, const CostMakespanFrame& f) {
  using F = CostMakespanFrame;
  svg.text(F::kLeft, 24, "Cost vs makespan per run (mean, 95% CI whiskers)", "start", 15, "font-weight=\"bold\"");
  svg.text(F::kLeft, 40, "lower-left is better; the dashed line joins the Pareto-optimal strategies", "start", 11,
           "fill=\"#555555\"");
  const double xs = nice_step(f.x_hi - f.x_lo, 6), ys = nice_step(f.y_hi - f.y_lo, 6);
  for (double v = std::ceil(f.x_lo / xs) * xs; v <= f.x_hi; v += xs) {
    svg.line(f.px(v), F::kTop, f.px(v), F::kTop + F::kPlotH, "stroke=\"#e5e5e5\"");
    svg.text(f.px(v), F::kTop + F::kPlotH + 16, fmt::format("{:g}", std::round(v / xs) * xs), "middle", 11);
  }
  for (double v = std::ceil(f.y_lo / ys) * ys; v <= f.y_hi; v += ys) {
    svg.line(F::kLeft, f.py(v), F::kLeft + F::kPlotW, f.py(v), "stroke=\"#e5e5e5\"");
    svg.text(F::kLeft - 6, f.py(v) + 4, fmt::format("${:g}", std::round(v / ys) * ys), "end", 11);
  }
  svg.rect(F::kLeft, F::kTop, F::kPlotW, F::kPlotH, "fill=\"none\" stroke=\"#333333\"");
  svg.text(F::kLeft + F::kPlotW / 2, F::kHeight - 18, "makespan (minutes)", "middle", 12);
  svg.raw(fmt::format("<text x=\"18\" y=\"{:.2f}\" text-anchor=\"middle\" font-size=\"12\" "
                      "transform=\"rotate(-90 18 {:.2f})\">cost per run (USD)</text>\n",
                      F::kTop + F::kPlotH / 2, F::kTop + F::kPlotH / 2));
}

// The strategies no other beats on both mean cost and mean makespan, in result order.
std::vector<std::size_t> cost_time_front(const sim::ExperimentResult& r) {
  const auto mean = [&](std::size_t i, MetricId id) { return r.strategies[i].summary(id).mean; };
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < r.strategies.size(); ++j) {
      const bool no_worse = mean(j, MetricId::kCostUsd) <= mean(i, MetricId::kCostUsd) &&
                            mean(j, MetricId::kMakespanMin) <= mean(i, MetricId::kMakespanMin);
      const bool better = mean(j, MetricId::kCostUsd) < mean(i, MetricId::kCostUsd) ||
                          mean(j, MetricId::kMakespanMin) < mean(i, MetricId::kMakespanMin);
      dominated = dominated || (j != i && no_worse && better);
    }
    if (!dominated) front.push_back(i);
  }
  return front;
}

// The front joined by a dashed line in makespan order.
void front_line(Svg& svg, const sim::ExperimentResult& r, const CostMakespanFrame& f, std::vector<std::size_t> front) {
  std::sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
    return r.strategies[a].summary(MetricId::kMakespanMin).mean < r.strategies[b].summary(MetricId::kMakespanMin).mean;
  });
  if (front.size() <= 1) return;
  std::string points;
  for (std::size_t i : front) {
    points += fmt::format("{:.2f},{:.2f} ", f.px(r.strategies[i].summary(MetricId::kMakespanMin).mean),
                          f.py(r.strategies[i].summary(MetricId::kCostUsd).mean));
  }
  svg.polyline(points, "fill=\"none\" stroke=\"#666666\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"");
}

// Strategy i: its point with whiskers on both axes, and its legend entry on the right (so labels
// never collide in the plot), whose figures identify points that overlap.
void strategy_point(Svg& svg, const CostMakespanFrame& f, const sim::StrategyResult& s, std::size_t i, bool pareto,
                    bool chosen) {
  using F = CostMakespanFrame;
  const auto& m = s.summary(MetricId::kMakespanMin);
  const auto& c = s.summary(MetricId::kCostUsd);
  const std::string colour = series_colour(i);
  const std::string stroke = fmt::format("stroke=\"{}\" stroke-width=\"1.5\"", colour);
  svg.line(f.px(m.lo), f.py(c.mean), f.px(m.hi), f.py(c.mean), stroke);
  svg.line(f.px(m.lo), f.py(c.mean) - 4, f.px(m.lo), f.py(c.mean) + 4, stroke);
  svg.line(f.px(m.hi), f.py(c.mean) - 4, f.px(m.hi), f.py(c.mean) + 4, stroke);
  svg.line(f.px(m.mean), f.py(c.lo), f.px(m.mean), f.py(c.hi), stroke);
  svg.line(f.px(m.mean) - 4, f.py(c.lo), f.px(m.mean) + 4, f.py(c.lo), stroke);
  svg.line(f.px(m.mean) - 4, f.py(c.hi), f.px(m.mean) + 4, f.py(c.hi), stroke);
  const std::string marker = pareto ? fmt::format("fill=\"{}\" stroke=\"#000000\" stroke-width=\"1\"", colour)
                                    : fmt::format("fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2\"", colour);
  svg.circle(f.px(m.mean), f.py(c.mean), 5.5, marker);
  const double ly = F::kTop + 10 + 22.0 * static_cast<double>(i);
  svg.circle(F::kLeft + F::kPlotW + 18, ly, 5.5, marker);
  svg.text(F::kLeft + F::kPlotW + 30, ly + 4,
           fmt::format("{}{}  (${:.2f}, {:.1f} min)", s.strategy.name, chosen ? " ★" : "", c.mean, m.mean), "start", 12);
}

}  // namespace

std::string cost_makespan_svg(const sim::ExperimentResult& r, const Recommendation& rec) {
  using F = CostMakespanFrame;
  const CostMakespanFrame f = cost_makespan_frame(r);
  Svg svg(F::kWidth, F::kHeight, "Cost vs makespan");
  cost_makespan_axes(svg, f);
  // The Pareto front on the two axes drawn (cost and time).
  const std::vector<std::size_t> on_front = cost_time_front(r);
  front_line(svg, r, f, on_front);
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    const bool pareto = std::find(on_front.begin(), on_front.end(), i) != on_front.end();
    strategy_point(svg, f, r.strategies[i], i, pareto, i == rec.choice);
  }
  svg.text(F::kLeft + F::kPlotW + 12, F::kTop + 22.0 * static_cast<double>(r.strategies.size()) + 20,
           "filled: Pareto-optimal (cost, time)", "start", 10, "fill=\"#555555\"");
  svg.text(F::kLeft + F::kPlotW + 12, F::kTop + 22.0 * static_cast<double>(r.strategies.size()) + 34, "★: recommended",
           "start", 10, "fill=\"#555555\"");
  return svg.str();
}

}  // namespace orchsim::reports
