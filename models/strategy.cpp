#include "models/strategy.h"

namespace orchsim::models {

const char* to_string(StrategyKind kind) {
  switch (kind) {
    case StrategyKind::kMultiJob: return "multi_job";
    case StrategyKind::kSingleJobSharedCluster: return "single_job_shared_cluster";
  }
  return "?";
}

std::optional<StrategyKind> parse_strategy_kind(std::string_view text) {
  if (text == "multi_job") return StrategyKind::kMultiJob;
  if (text == "single_job_shared_cluster") return StrategyKind::kSingleJobSharedCluster;
  return std::nullopt;
}

}  // namespace orchsim::models
