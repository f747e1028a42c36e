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

// "Not met" label: a failure wins over a cancellation. With disabled parents (DISABLED when they are
// why the rule is not met: it would hold over the other parents, or there are none) see each rule.
D not_met(const UpstreamTally& t) { return t.failed > 0 ? D::kUpstreamFailed : D::kUpstreamCanceled; }

std::optional<D> databricks(RunIf rule, const UpstreamTally& t, std::uint32_t pending) {
  const std::uint32_t bad = t.failed + t.canceled;
  const std::uint32_t ok = t.succeeded + t.excluded;  // excluded is "treated as successful"
  if (pending > 0) {
    switch (rule) {
      case RunIf::kAllSuccess:
      case RunIf::kNoneFailed:
        if (bad > 0) return not_met(t);
        return std::nullopt;
      case RunIf::kAtLeastOneSuccess:
        // A real success only: excluded upstream tasks alone may yet all be excluded.
        if (t.succeeded > 0) return D::kRun;
        return std::nullopt;
      case RunIf::kAtLeastOneFailed:
        if (bad > 0) return D::kRun;
        return std::nullopt;
      case RunIf::kAllFailed:
        if (ok > 0) return D::kExcluded;
        return std::nullopt;
      default: return std::nullopt;
    }
  }
  const std::uint32_t n = t.total();
  if (t.excluded == n) return D::kExcluded;
  switch (rule) {
    case RunIf::kAllSuccess:
      if (bad > 0) return not_met(t);
      return t.disabled == 0 ? D::kRun : D::kDisabled;
    case RunIf::kAtLeastOneSuccess:
      if (ok > 0) return D::kRun;
      return bad > 0 ? not_met(t) : D::kDisabled;  // only disabled parents: they are why
    case RunIf::kNoneFailed:
      if (bad > 0) return not_met(t);
      return ok > 0 ? D::kRun : D::kDisabled;  // only disabled parents left
    case RunIf::kAllDone: return D::kRun;
    case RunIf::kAtLeastOneFailed:
      if (bad > 0) return D::kRun;
      return ok > 0 ? D::kExcluded : D::kDisabled;  // a disabled parent is not a failure
    case RunIf::kAllFailed:
      if (bad == n) return D::kRun;
      if (ok > 0) return D::kExcluded;
      return D::kDisabled;  // failed and disabled parents: the disabled ones are why
    default: return std::nullopt;
  }
}

std::optional<D> airflow(RunIf rule, UpstreamTally t, std::uint32_t pending) {
  t.succeeded += std::exchange(t.disabled, 0);  // Airflow knows no disabled tasks
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
  return is_airflow(rule) ? airflow(rule, upstream, pending) : databricks(rule, upstream, pending);
}

}  // namespace orchsim
