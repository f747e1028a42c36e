// The report's "Assumptions" section: the prices, billing switches, serverless rates, pool
// standing-cost share (runs_per_day), start distributions and billing modes this run used — the
// scenario's values, not the defaults (docs/model.md §2–3 gives the defaults and their sources).
// One table of world settings and one of how each strategy's computes bill, rendered for report.md,
// report.html and summary.json's "assumptions" (the same values). A writer only; pure.
#pragma once

#include <string>

#include "reports/table.h"
#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

// setting | value | what it means.
Table pricing_assumptions_table(const sim::ExperimentResult& result);
// strategy | computes | kind | bills as | start | billing.
Table compute_billing_table(const sim::ExperimentResult& result);

std::string assumptions_markdown(const sim::ExperimentResult& result);
std::string assumptions_html(const sim::ExperimentResult& result);
// The pricing settings as a JSON object's members (no braces), for summary.json's "assumptions".
std::string billing_assumptions_json(const sim::ExperimentResult& result, const std::string& indent);

}  // namespace orchsim::reports
