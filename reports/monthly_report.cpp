#include "reports/monthly_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/json_escape.h"
#include "reports/csv_escape.h"
#include "reports/json.h"
#include "reports/table.h"
#include "sim/experiment/summary.h"

namespace orchsim::reports {
namespace {

MonthlyRow row_of(const std::string& name, const sim::MonthlyStrategy& s, double scale,
                  std::optional<double> deadline_min) {
  MonthlyRow row;
  row.strategy = name;
  const double n = static_cast<double>(std::max<std::size_t>(1, s.replications.size()));
  std::vector<double> costs;
  double succeeded = 0;
  double misses = 0;
  for (const auto& r : s.replications) {
    row.triggered += r.triggered;
    row.started += r.started;
    row.skipped += r.skipped;
    row.queued += r.queued;
    succeeded += r.succeeded;
    costs.push_back(r.cost_usd * scale);
    if (deadline_min) misses += static_cast<double>(std::ranges::count_if(r.latency_s, [&](double l) {
      return l > *deadline_min * 60;
    }));
  }
  for (double* v : {&row.triggered, &row.started, &row.skipped, &row.queued}) *v *= scale / n;
  row.succeeded = succeeded * scale / n;
  double total = 0;
  for (double c : costs) total += c;
  row.cost_mean_usd = total / n;
  std::ranges::sort(costs);
  row.cost_p95_usd = costs.empty() ? 0 : sim::empirical_quantile(costs, 0.95);
  if (succeeded > 0) row.cost_per_success_usd = total / (succeeded * scale);
  if (deadline_min) row.deadline_misses = misses * scale / n;
  return row;
}

std::string opt(std::optional<double> v, const char* format) {
  return v ? fmt::format(fmt::runtime(format), *v) : "–";
}

std::string csv_number(std::optional<double> v) { return v ? fmt::format("{:.6g}", *v) : std::string(); }

Table monthly_table(const std::vector<MonthlyRow>& rows) {
  Table t;
  t.header = {"strategy", "runs triggered", "started", "skipped", "queued", "succeeded", "cost / month ($)",
              "p95 cost / month ($)", "cost / successful run ($)", "deadline misses"};
  t.numeric = {false, true, true, true, true, true, true, true, true, true};
  for (const auto& r : rows) {
    t.rows.push_back({r.strategy, fmt::format("{:.1f}", r.triggered), fmt::format("{:.1f}", r.started),
                      fmt::format("{:.1f}", r.skipped), fmt::format("{:.1f}", r.queued),
                      fmt::format("{:.1f}", r.succeeded), fmt::format("{:.2f}", r.cost_mean_usd),
                      fmt::format("{:.2f}", r.cost_p95_usd), opt(r.cost_per_success_usd, "{:.4f}"),
                      opt(r.deadline_misses, "{:.1f}")});
  }
  return t;
}

std::string intro(const sim::MonthlyResult& m, std::size_t replications, std::optional<double> deadline_min) {
  std::string out = fmt::format(
      "Every run of the schedule ({}) over a horizon of {:.4g} days, all in one simulated world per horizon replication "
      "(an all-purpose cluster stays up between runs per its auto-termination; pools bill their idle instances), "
      "{} horizon replications per strategy with the same arrival times. Runs over `max_concurrent_runs` are "
      "skipped or queued as the workload says. Counts are means per 30 days",
      m.schedule, m.horizon.to_hours() / 24, replications);
  if (m.horizon != Duration::hours(720)) out += fmt::format(" (the horizon's numbers × {:.4g})", m.month_scale());
  out += "; cost per successful run is the month's cost over its successful runs. ";
  out += deadline_min ? fmt::format("A deadline miss is a run that ended more than {:g} min after its trigger "
                                    "(queueing included).", *deadline_min)
                      : std::string("No deadline was given (`--deadline` or `schedule.deadline`).");
  return out;
}

}  // namespace

std::optional<double> monthly_deadline_min(const sim::MonthlyResult& monthly, const Recommendation& rec) {
  if (rec.constrained && rec.constrained->constraints.deadline_min) return rec.constrained->constraints.deadline_min;
  if (monthly.deadline) return monthly.deadline->to_minutes();
  return std::nullopt;
}

std::vector<MonthlyRow> monthly_rows(const sim::ExperimentResult& result, std::optional<double> deadline_min) {
  std::vector<MonthlyRow> rows;
  if (!result.monthly) return rows;
  const sim::MonthlyResult& m = *result.monthly;
  for (std::size_t s = 0; s < m.strategies.size() && s < result.strategies.size(); ++s) {
    rows.push_back(row_of(result.strategies[s].strategy.name, m.strategies[s], m.month_scale(), deadline_min));
  }
  return rows;
}

std::string monthly_markdown(const sim::ExperimentResult& result, const Recommendation& rec) {
  if (!result.monthly) return "";
  const auto deadline = monthly_deadline_min(*result.monthly, rec);
  const std::size_t n = result.monthly->strategies.empty() ? 0 : result.monthly->strategies.front().replications.size();
  return "\n## Schedule: cost per month\n\n" + intro(*result.monthly, n, deadline) + "\n\n" +
         to_markdown(monthly_table(monthly_rows(result, deadline)));
}

std::string monthly_html(const sim::ExperimentResult& result, const Recommendation& rec) {
  if (!result.monthly) return "";
  const auto deadline = monthly_deadline_min(*result.monthly, rec);
  const std::size_t n = result.monthly->strategies.empty() ? 0 : result.monthly->strategies.front().replications.size();
  return "<h2>Schedule: cost per month</h2>\n<p>" + html_inline(intro(*result.monthly, n, deadline)) + "</p>\n" +
         to_html(monthly_table(monthly_rows(result, deadline)));
}

std::string monthly_csv(const sim::ExperimentResult& result, const Recommendation& rec) {
  if (!result.monthly) return "";
  const auto deadline = monthly_deadline_min(*result.monthly, rec);
  std::string out = "strategy,runs_triggered,runs_started,runs_skipped,runs_queued,runs_succeeded,cost_per_month_usd,"
                    "cost_per_month_p95_usd,cost_per_success_usd,deadline_misses\n";
  for (const auto& r : monthly_rows(result, deadline)) {
    out += fmt::format("{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{},{}\n", csv_field(r.strategy),
                       r.triggered, r.started, r.skipped, r.queued, r.succeeded, r.cost_mean_usd, r.cost_p95_usd,
                       csv_number(r.cost_per_success_usd), csv_number(r.deadline_misses));
  }
  return out;
}

std::string monthly_json(const sim::ExperimentResult& result, const Recommendation& rec) {
  if (!result.monthly) return "";
  const sim::MonthlyResult& m = *result.monthly;
  const auto deadline = monthly_deadline_min(m, rec);
  const auto number = [](std::optional<double> v) { return v ? json_number(*v) : std::string("null"); };
  std::string rows;
  for (const auto& r : monthly_rows(result, deadline)) {
    rows += fmt::format(
        "{}\n      {{\"name\": {}, \"runs_triggered\": {}, \"runs_started\": {}, \"runs_skipped\": {}, "
        "\"runs_queued\": {}, \"runs_succeeded\": {}, \"cost_per_month_usd\": {}, \"cost_per_month_p95_usd\": {}, "
        "\"cost_per_success_usd\": {}, \"deadline_misses\": {}}}",
        rows.empty() ? "" : ",", json_string(r.strategy), json_number(r.triggered), json_number(r.started),
        json_number(r.skipped), json_number(r.queued), json_number(r.succeeded), json_number(r.cost_mean_usd),
        json_number(r.cost_p95_usd), number(r.cost_per_success_usd), number(r.deadline_misses));
  }
  const std::size_t n = m.strategies.empty() ? 0 : m.strategies.front().replications.size();
  return fmt::format(",\n  \"monthly\": {{\n    \"schedule\": {}, \"horizon_h\": {}, \"horizon_replications\": {}, "
                     "\"month_scale\": {}, \"deadline_min\": {},\n    \"strategies\": [{}\n    ]\n  }}",
                     json_string(m.schedule), json_number(m.horizon.to_hours()), n, json_number(m.month_scale()),
                     number(deadline), rows);
}

}  // namespace orchsim::reports
