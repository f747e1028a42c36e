#include "models/strategy.h"

#include <array>

namespace orchsim::models {

namespace {
constexpr std::array<std::pair<StrategyKind, std::string_view>, 7> kNames{{
    {StrategyKind::kMultiJob, "multi_job"},
    {StrategyKind::kSingleJobSharedCluster, "single_job_shared_cluster"},
    {StrategyKind::kSingleJobClusterPerTask, "single_job_cluster_per_task"},
    {StrategyKind::kAllPurposeShared, "all_purpose_shared"},
    {StrategyKind::kHybrid, "hybrid"},
    {StrategyKind::kServerless, "serverless"},
    {StrategyKind::kAsDefined, "as_defined"},
}};
}  // namespace

const char* to_string(StrategyKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name.data();
  }
  return "?";
}

std::optional<StrategyKind> parse_strategy_kind(std::string_view text) {
  for (const auto& [k, name] : kNames) {
    if (name == text) return k;
  }
  return std::nullopt;
}

const char* strategy_kind_names() {
  return "multi_job, single_job_shared_cluster, single_job_cluster_per_task, all_purpose_shared, hybrid, "
         "serverless or as_defined";
}

}  // namespace orchsim::models
