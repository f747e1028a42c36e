// SVG charts of an experiment (writers only):
// - gantt_svg: one replication of one strategy (its median or its p95 by makespan), one lane per cluster instance, with
//   startup, waiting, running, failed attempt, waiting-for-retry and crash drawn distinctly; a
//   shared time axis (`axis_end`) makes the strategies' charts comparable side by side;
// - cost_makespan_svg: mean cost against mean makespan per strategy, with 95% CI whiskers on both
//   axes and the Pareto front (lower-left is better).
#pragma once

#include <string>
#include <string_view>

#include "engine/time.h"
#include "reports/recommendation.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

// What one Gantt chart draws: `which` names the replication in the title ("median", "p95").
struct GanttSubject {
  std::string_view strategy;
  const sim::Timeline& timeline;
  std::string_view which;
};

std::string gantt_svg(const GanttSubject& subject, SimTime axis_end);
std::string cost_makespan_svg(const sim::ExperimentResult& result, const Recommendation& rec);

// "Nice" tick spacing (1, 2 or 5 × 10^k) giving about `ticks` ticks over `span`.
double nice_step(double span, int ticks);

}  // namespace orchsim::reports
