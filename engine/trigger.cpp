#include "engine/trigger.h"

#include <array>
#include <string>

namespace orchsim {

namespace {
constexpr std::array<std::pair<RunIf, const char*>, 6> kNames{{
    {RunIf::kAllSuccess, "ALL_SUCCESS"},
    {RunIf::kAtLeastOneSuccess, "AT_LEAST_ONE_SUCCESS"},
    {RunIf::kNoneFailed, "NONE_FAILED"},
    {RunIf::kAllDone, "ALL_DONE"},
    {RunIf::kAtLeastOneFailed, "AT_LEAST_ONE_FAILED"},
    {RunIf::kAllFailed, "ALL_FAILED"},
}};
}  // namespace

const char* to_string(RunIf rule) {
  for (const auto& [r, name] : kNames) if (r == rule) return name;
  return "?";
}

std::optional<RunIf> parse_run_if(std::string_view text) {
  for (const auto& [r, name] : kNames) if (text == name) return r;
  return std::nullopt;
}

void UpstreamTally::add(TaskResult r) {
  switch (r) {
    case TaskResult::kSuccess: ++succeeded; break;
    case TaskResult::kExcluded:
    case TaskResult::kDisabled: ++excluded; break;
    case TaskResult::kCanceled:
    case TaskResult::kUpstreamCanceled: ++canceled; break;
    case TaskResult::kNone: break;
    default: ++failed; break;
  }
}

TriggerDecision decide(RunIf rule, const UpstreamTally& up) {
  const std::uint32_t n = up.total();
  if (up.excluded == n) return TriggerDecision::kExcluded;
  // Excluded upstream tasks count as successful for every rule below.
  const std::uint32_t ok = up.succeeded + up.excluded;
  switch (rule) {
    case RunIf::kAllSuccess:
      if (ok == n) return TriggerDecision::kRun;
      return up.failed > 0 ? TriggerDecision::kUpstreamFailed : TriggerDecision::kUpstreamCanceled;
    case RunIf::kAtLeastOneSuccess:
      if (up.succeeded > 0) return TriggerDecision::kRun;
      return up.failed > 0 ? TriggerDecision::kUpstreamFailed : TriggerDecision::kUpstreamCanceled;
    case RunIf::kNoneFailed:
      if (up.failed == 0 && up.canceled == 0 && up.succeeded > 0) return TriggerDecision::kRun;
      return up.failed > 0 ? TriggerDecision::kUpstreamFailed : TriggerDecision::kUpstreamCanceled;
    case RunIf::kAllDone:
      return TriggerDecision::kRun;
    // Failure handlers also run on cancellation (DOMAIN.md §1: "failure-handling tasks still run").
    case RunIf::kAtLeastOneFailed:
      return up.failed + up.canceled > 0 ? TriggerDecision::kRun : TriggerDecision::kExcluded;
    case RunIf::kAllFailed:
      return up.failed + up.canceled == n ? TriggerDecision::kRun : TriggerDecision::kExcluded;
  }
  return TriggerDecision::kUpstreamFailed;
}

}  // namespace orchsim
