#include "sim/experiment/sweep.h"

#include "engine/parse_number.h"
#include "sim/input/scenario_loader.h"

namespace orchsim::sim {

std::optional<NumericAxis> numeric_axis(const SweepAxis& axis) {
  NumericAxis numbers, minutes{.values = {}, .unit = "min"};
  for (const std::string& label : axis.labels) {
    if (const auto v = parse_number(label)) numbers.values.push_back(*v);
    if (const auto d = parse_duration(label)) minutes.values.push_back(d->to_minutes());
  }
  if (numbers.values.size() == axis.labels.size()) return numbers;
  if (minutes.values.size() == axis.labels.size()) return minutes;
  return std::nullopt;
}

SweepResult run_sweep(const SweepPlan& plan, const ExperimentOptions& options) {
  SweepResult result{.name = plan.name, .file = plan.file, .axes = plan.axes, .numeric = {}, .points = {}};
  for (const auto& axis : plan.axes) result.numeric.push_back(numeric_axis(axis));
  result.points = run_experiments(plan.points, options);
  return result;
}

}  // namespace orchsim::sim
