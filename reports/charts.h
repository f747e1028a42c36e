// SVG charts of an experiment (writers only):
// - gantt_svg: one replication of one strategy (its median or its p95 by makespan), one lane per cluster instance, with
//   startup, waiting, running, failed attempt, waiting-for-retry and crash drawn distinctly; a
//   shared time axis (`axis_end`) makes the strategies' charts comparable side by side;
// - cost_makespan_svg: mean cost against mean makespan per strategy, with 95% CI whiskers on both
//   axes and the Pareto front (lower-left is better).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/time.h"
#include "reports/recommendation.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

// What one Gantt chart draws: `which` names the replication in the title ("median", "p95"). The
// timeline keeps no text: its lanes are named after the strategy's computes, its bars after the
// workload's tasks.
struct GanttSubject {
  const sim::StrategyResult& strategy;
  const models::NameList& task_names;  // ExperimentResult::task_names
  const sim::Timeline& timeline;
  std::string_view which;
};

std::string gantt_svg(const GanttSubject& subject, SimTime axis_end);
// A lane's name: its compute's, then "name #2", "name #3"… for the compute's replacements.
std::string gantt_lane_name(const GanttSubject& subject, const sim::TimelineLane& lane);
// What an attempt's bar is labelled: its task's key, with " #n" for the nth attempt of a retried
// task ("?" when no workload task is behind it).
std::string gantt_bar_label(const GanttSubject& subject, const sim::TimelineBar& bar);
std::string cost_makespan_svg(const sim::ExperimentResult& result, const Recommendation& rec);

// "Nice" tick spacing (1, 2 or 5 × 10^k) giving about `ticks` ticks over `span`.
double nice_step(double span, int ticks);

}  // namespace orchsim::reports
