#include "reports/profile_yaml_writer.h"

#include <cmath>

#include <fmt/format.h>

#include "engine/time.h"
#include "reports/scenario_yaml_writer.h"
#include "reports/yaml_escape.h"

namespace orchsim::reports {

namespace {

// Seconds as a scenario duration, to the millisecond the records carry.
std::string dur(double seconds) { return duration_text(Duration::from_seconds(std::round(seconds * 1000) / 1000)); }

std::string distribution_yaml(const models::SecondsFit& f) {
  if (f.empirical) {
    std::string values;
    for (double v : f.distribution.parameters()) values += fmt::format("{}{}", values.empty() ? "" : ", ", dur(v));
    return fmt::format("{{empirical: [{}]}}", values);
  }
  if (f.distribution.kind() == models::Distribution::Kind::kFixed) return dur(f.median);
  return fmt::format("{{lognormal: {{median: {}, p95: {}}}}}", dur(f.median), dur(f.distribution.quantile(0.95)));
}

// "lognormal, n = 180, median 12m3s [11m50s, 12m20s] (95%), sigma 0.210, Lilliefors D 0.041 p 0.520"
std::string fit_comment(const models::SecondsFit& f) {
  std::string text = fmt::format("{}, n = {}, median {} [{}, {}] (95%)", f.empirical ? "empirical (the samples)" : "lognormal",
                                 f.n, dur(f.median), dur(f.median_lo), dur(f.median_hi));
  if (f.lognormal) {
    text += fmt::format(", lognormal sigma {:.3f}", f.lognormal->sigma);
    if (f.lognormal->ks_d) text += fmt::format(", Lilliefors D {:.3f} p {:.3f}", *f.lognormal->ks_d, *f.lognormal->ks_p);
  }
  return text;
}

void write_task(const models::TaskFit& t, std::string& out) {
  out += fmt::format("  - match: {}\n", yaml_scalar(t.task_key));
  if (t.duration) {
    out += fmt::format("    # duration: {}\n", fit_comment(*t.duration));
    out += fmt::format("    duration: {}\n", distribution_yaml(*t.duration));
  }
  const std::size_t attempts = t.succeeded + t.failed;
  if (attempts == 0) return;
  out += fmt::format("    # failure_probability: {} failed of {} attempts, 95% Wilson [{:.4f}, {:.4f}]{}\n", t.failed,
                     attempts, t.failure.lo, t.failure.hi,
                     t.other ? fmt::format(" ({} other attempts not counted)", t.other) : "");
  out += fmt::format("    failure_probability: {:.6f}\n", t.failure.rate);
}

}  // namespace

std::string profile_yaml(const models::HistoryFit& fit, const std::vector<std::string>& sources) {
  std::string files;
  for (const std::string& s : sources) files += fmt::format("{}{}", files.empty() ? "" : ", ", s);
  std::string out = fmt::format(
      "# Profile fitted by orchsim fit from {} runs of job {} ({}); docs/calibration.md \"Fitting\".\n"
      "# Each value: its sample size n and 95% interval. Durations are execution times of successful attempts,\n"
      "# lognormal by maximum likelihood (Lilliefors p: its goodness of fit) or the samples themselves.\n",
      fit.runs, yaml_scalar(fit.job), files);
  for (const std::string& note : fit.notes) out += "# note: " + note + "\n";
  bool any_task = false;
  for (const models::TaskFit& t : fit.tasks) {
    if (!t.in_job) continue;
    if (!any_task) out += "tasks:\n";
    any_task = true;
    write_task(t, out);
  }
  if (!fit.computes.empty()) out += "startup:\n";
  for (const models::StartupFit& c : fit.computes) {
    out += fmt::format("  # {}\n", fit_comment(c.startup));
    out += fmt::format("  {}: {}\n", yaml_scalar(c.compute), distribution_yaml(c.startup));
  }
  return out;
}

}  // namespace orchsim::reports
