#include "reports/backtest_table.h"

#include <fmt/format.h>

#include "reports/csv_escape.h"
#include "reports/table.h"

namespace orchsim::reports {

namespace {

std::string cell(const std::optional<models::Estimate>& e) {
  if (!e) return "—";
  return fmt::format("{:.4g} [{:.4g}, {:.4g}] (n {})", e->value, e->lo, e->hi, e->n);
}

std::string csv_numbers(const std::optional<models::Estimate>& e) {
  if (!e) return ",,,";
  return fmt::format("{:.6g},{:.6g},{:.6g},{}", e->value, e->lo, e->hi, e->n);
}

}  // namespace

std::string backtest_markdown(const std::vector<models::BacktestFigure>& figures) {
  Table t{.header = {"figure", "simulated (95%)", "recorded (95%)", "verdict"}, .rows = {}, .numeric = {false, true, true, false}};
  for (const auto& f : figures) {
    t.rows.push_back({f.name, cell(f.simulated), cell(f.recorded), f.verdict == "differs" ? "**differs**" : f.verdict});
  }
  return to_markdown(t);
}

std::string backtest_csv(const std::vector<models::BacktestFigure>& figures) {
  std::string out = "figure,simulated,simulated_lo,simulated_hi,simulated_n,recorded,recorded_lo,recorded_hi,recorded_n,verdict\n";
  for (const auto& f : figures) {
    out += fmt::format("{},{},{},{}\n", csv_field(f.name), csv_numbers(f.simulated), csv_numbers(f.recorded), f.verdict);
  }
  return out;
}

}  // namespace orchsim::reports
