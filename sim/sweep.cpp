#include "sim/sweep.h"

namespace orchsim::sim {

SweepResult run_sweep(const SweepPlan& plan, const ExperimentOptions& options) {
  SweepResult result{.name = plan.name, .file = plan.file, .axes = plan.axes, .points = {}};
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    ExperimentOptions point = options;
    if (options.progress) {
      const std::size_t n = plan.points.size();
      point.progress = [&options, i, n](std::size_t done, std::size_t total) {
        options.progress(i * total + done, n * total);
      };
    }
    result.points.push_back(run_experiment(plan.points[i], point));
  }
  return result;
}

}  // namespace orchsim::sim
