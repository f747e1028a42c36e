// quantile_replication: which replication to draw as "the median run" or "the p95 run": the first
// (lowest index) whose makespan is the empirical p-quantile of all of them, by the rule the
// summaries use (empirical_quantile, sim/experiment/summary.h: the ceil(p·n)-th smallest, a value
// of the sample). The experiment re-runs that replication with its seed for its Gantt timeline.
// Pure; no thread affinity.
#pragma once

#include <cstddef>
#include <span>

namespace orchsim::sim {

// `makespans` by replication index, non-empty; 0 <= p <= 1.
std::size_t quantile_replication(std::span<const double> makespans, double p);

}  // namespace orchsim::sim
