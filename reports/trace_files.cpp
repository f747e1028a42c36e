#include "reports/trace_files.h"

#include <utility>

#include <fmt/format.h>

#include "reports/csv_escape.h"

namespace orchsim::reports {

namespace {

std::string seconds(const std::optional<SimTime>& t) {
  return t ? fmt::format("{:.6f}", (*t - SimTime::zero()).to_seconds()) : std::string();
}

}  // namespace

std::vector<ReportFile> trace_files(sim::StrategyTrace trace) {
  std::string csv = "task,state,attempts,start_s,end_s\n";
  for (const auto& t : trace.tasks) {
    csv += fmt::format("{},{},{},{},{}\n", csv_field(t.task), t.state == TaskResult::kNone ? "" : to_string(t.state),
                       t.attempts, seconds(t.start), seconds(t.end));
  }
  return {{"events.jsonl", std::move(trace.events_jsonl)}, {"tasks.csv", std::move(csv)}};
}

}  // namespace orchsim::reports
