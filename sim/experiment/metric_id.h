// MetricId: the typed name of every metric of the catalog (sim/experiment/metric_catalog.h), so a
// lookup of a metric that does not exist fails to compile instead of at run time. The string id
// (`metric(MetricId).name`) is only the CSV column / JSON key. The order is the report order and
// the catalog's: a static_assert in metric_catalog.cpp keeps the two in step. Plain data.
#pragma once

#include <cstddef>
#include <cstdint>

namespace orchsim::sim {

enum class MetricId : std::uint8_t {
  // time
  kMakespanMin,
  kSuccessMakespanMin,
  kSetupMin,
  kQueueMin,
  kContentionMin,
  kExecutionMin,
  kRetryWaitMin,
  kStartupBlockedMin,
  kStartupShare,
  // money
  kCostUsd,
  kCostPerSuccessUsd,
  kVmUsd,
  kDbuUsd,
  kStartupUsd,
  kIdleUsd,
  kPoolStandingUsd,
  kWastedUsd,
  // capacity
  kBusyCoreH,
  kPaidCoreH,
  kUtilisation,
  kClusterStarts,
  // failure
  kAttempts,
  kRetries,
  kFailedAttempts,
  kWastedCoreH,
  kFaults,
  kTasksHit,
  kBlastRadius,
  kTimeToRecoverMin,
  kFaultsInjected,
  kAlerts,
  kAlertsPerIncident,
  kRollbacks,
  kAlertsSuppressed,
  kTablesRestored,
  kRollbackMin,
  kPSuccess,
  kPSuccessWithFailures,
  kPFailed,
  // orchestration and flexibility
  kJobs,
  kClusters,
  kCrossJobEdges,
  kPreferredNodeShare,
  kOrchestrationItems,
};

inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(MetricId::kOrchestrationItems) + 1;

constexpr std::size_t metric_index(MetricId id) { return static_cast<std::size_t>(id); }

}  // namespace orchsim::sim
