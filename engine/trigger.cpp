#include "engine/trigger.h"

#include <array>
#include <utility>

namespace orchsim {

namespace {

constexpr std::array<std::pair<RunIf, const char*>, 17> kNames{{
    {RunIf::kAllSuccess, "ALL_SUCCESS"},
    {RunIf::kAtLeastOneSuccess, "AT_LEAST_ONE_SUCCESS"},
    {RunIf::kNoneFailed, "NONE_FAILED"},
    {RunIf::kAllDone, "ALL_DONE"},
    {RunIf::kAtLeastOneFailed, "AT_LEAST_ONE_FAILED"},
    {RunIf::kAllFailed, "ALL_FAILED"},
    {RunIf::kAirflowAllSuccess, "all_success"},
    {RunIf::kAirflowAllFailed, "all_failed"},
    {RunIf::kAirflowAllDone, "all_done"},
    {RunIf::kAirflowAllSkipped, "all_skipped"},
    {RunIf::kAirflowOneSuccess, "one_success"},
    {RunIf::kAirflowOneFailed, "one_failed"},
    {RunIf::kAirflowOneDone, "one_done"},
    {RunIf::kAirflowNoneFailed, "none_failed"},
    {RunIf::kAirflowNoneFailedMinOneSuccess, "none_failed_min_one_success"},
    {RunIf::kAirflowNoneSkipped, "none_skipped"},
    {RunIf::kAirflowAlways, "always"},
}};

using D = TriggerDecision;

// "Not met" label: a failure wins over a cancellation.
D not_met(const UpstreamTally& t) { return t.failed > 0 ? D::kUpstreamFailed : D::kUpstreamCanceled; }

std::optional<D> databricks(RunIf rule, const UpstreamTally& t, std::uint32_t pending) {
  const std::uint32_t bad = t.failed + t.canceled;
  if (pending > 0) {
    switch (rule) {
      case RunIf::kAllSuccess:
      case RunIf::kNoneFailed:
        if (bad > 0) return not_met(t);
        return std::nullopt;
      case RunIf::kAtLeastOneSuccess:
        if (t.succeeded > 0) return D::kRun;
        return std::nullopt;
      case RunIf::kAtLeastOneFailed:
        if (bad > 0) return D::kRun;
        return std::nullopt;
      case RunIf::kAllFailed:
        if (t.succeeded + t.excluded > 0) return D::kExcluded;
        return std::nullopt;
      default: return std::nullopt;
    }
  }
  const std::uint32_t n = t.total();
  if (t.excluded == n) return D::kExcluded;
  switch (rule) {
    case RunIf::kAllSuccess: return bad == 0 ? D::kRun : not_met(t);
    case RunIf::kAtLeastOneSuccess: return t.succeeded > 0 ? D::kRun : not_met(t);
    case RunIf::kNoneFailed: return bad == 0 && t.succeeded > 0 ? D::kRun : not_met(t);
    case RunIf::kAllDone: return D::kRun;
    case RunIf::kAtLeastOneFailed: return bad > 0 ? D::kRun : D::kExcluded;
    case RunIf::kAllFailed: return bad == n ? D::kRun : D::kExcluded;
    default: return std::nullopt;
  }
}

std::optional<D> airflow(RunIf rule, const UpstreamTally& t, std::uint32_t pending) {
  const bool done = pending == 0;
  const std::uint32_t bad = t.failed + t.canceled;
  switch (rule) {
    case RunIf::kAirflowAllSuccess:
      if (bad > 0) return not_met(t);
      if (t.excluded > 0) return D::kExcluded;
      break;
    case RunIf::kAirflowAllFailed:
      if (t.succeeded + t.excluded > 0) return D::kExcluded;
      break;
    case RunIf::kAirflowAllDone: break;
    case RunIf::kAirflowAllSkipped:
      if (t.succeeded + bad > 0) return D::kExcluded;
      break;
    case RunIf::kAirflowOneSuccess:
      if (t.succeeded > 0) return D::kRun;
      if (done) return bad > 0 ? not_met(t) : D::kExcluded;
      break;
    case RunIf::kAirflowOneFailed:
      if (bad > 0) return D::kRun;
      if (done) return D::kExcluded;
      break;
    case RunIf::kAirflowOneDone:
      if (t.succeeded + bad > 0) return D::kRun;
      if (done) return D::kExcluded;
      break;
    case RunIf::kAirflowNoneFailed:
      if (bad > 0) return not_met(t);
      break;
    case RunIf::kAirflowNoneFailedMinOneSuccess:
      if (bad > 0) return not_met(t);
      if (done && t.succeeded == 0) return D::kExcluded;
      break;
    case RunIf::kAirflowNoneSkipped:
      if (t.excluded > 0) return D::kExcluded;
      break;
    case RunIf::kAirflowAlways: return D::kRun;
    default: return std::nullopt;
  }
  return done ? std::optional<D>(D::kRun) : std::nullopt;
}

bool is_airflow(RunIf rule) { return rule >= RunIf::kAirflowAllSuccess; }

}  // namespace

const char* to_string(RunIf rule) {
  for (const auto& [r, name] : kNames) if (r == rule) return name;
  return "?";
}

std::optional<RunIf> parse_run_if(std::string_view text) {
  for (const auto& [r, name] : kNames) if (text == name) return r;
  return std::nullopt;
}

std::optional<TriggerDecision> evaluate_rule(RunIf rule, const UpstreamTally& upstream, std::uint32_t pending) {
  if (upstream.gated > 0 && rule != RunIf::kAirflowAlways) return D::kExcluded;
  return is_airflow(rule) ? airflow(rule, upstream, pending) : databricks(rule, upstream, pending);
}

}  // namespace orchsim
