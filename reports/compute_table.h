// The report's "Compute" table: each strategy's computes with their node type, workers and how
// they were chosen (as written, sized from demand, cheapest fit; models/compute_sizing.h). A
// strategy with many per-task clusters gets one summary row per cluster kind. Used by the Markdown
// and HTML reports; pure.
#pragma once

#include <cstddef>
#include <string>

#include "reports/table.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

// One row per compute, or, past kComputeRowsPerStrategy computes, one per cluster kind (count, node
// types, worker range, demand range).
inline constexpr std::size_t kComputeRowsPerStrategy = 4;
Table compute_table(const sim::ExperimentResult& r);

// A sentence under the table: what the columns mean, and the cap when some compute hit it.
std::string compute_table_note(const sim::ExperimentResult& r);

}  // namespace orchsim::reports
