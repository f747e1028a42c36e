#include "models/cluster.h"

namespace orchsim::models {

std::optional<ClusterKind> parse_cluster_kind(std::string_view text) {
  if (text == "job_cluster") return ClusterKind::kJobCluster;
  if (text == "new_cluster") return ClusterKind::kNewCluster;
  if (text == "all_purpose") return ClusterKind::kAllPurpose;
  if (text == "serverless") return ClusterKind::kServerless;
  return std::nullopt;
}

Sku ClusterTemplate::billing_sku() const {
  if (kind == ClusterKind::kServerless) return Sku::kServerless;
  if (kind == ClusterKind::kAllPurpose) return Sku::kAllPurpose;
  return sku.value_or(Sku::kJobs);
}

}  // namespace orchsim::models
