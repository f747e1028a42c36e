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

Sku ClusterTemplate::billing_sku() const { return traits_of(kind).billed_as.value_or(sku.value_or(Sku::kJobs)); }

}  // namespace orchsim::models
