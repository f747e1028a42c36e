#include "models/cluster.h"

#include "models/cluster_kind_traits.h"

namespace orchsim::models {

const char* to_string(ClusterKind kind) { return traits_of(kind).name; }

std::optional<ClusterKind> parse_cluster_kind(std::string_view text) {
  for (const ClusterKindTraits& t : kClusterKindTraits) {
    if (text == t.name) return t.kind;
  }
  return std::nullopt;
}

const char* to_string(Attribution attribution) {
  return attribution == Attribution::kDedicated ? "dedicated" : "shared";
}

std::optional<Attribution> parse_attribution(std::string_view text) {
  if (text == "shared") return Attribution::kShared;
  if (text == "dedicated") return Attribution::kDedicated;
  return std::nullopt;
}

Distribution default_serverless_startup(PerformanceTarget target) {
  return target == PerformanceTarget::kStandard ? Distribution::lognormal(300, 360) : Distribution::lognormal(30, 55);
}

Sku ClusterTemplate::billing_sku() const { return traits_of(kind).billed_as.value_or(sku.value_or(Sku::kJobs)); }

}  // namespace orchsim::models
