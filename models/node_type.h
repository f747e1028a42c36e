// NodeType and Catalog: the machines a cluster can be built from, with their list prices.
// Defaults are docs/model.md §2.1's table plus a few GPU types (approximate prices); a scenario may
// override any entry or add its own.
// Plain data, no thread affinity.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orchsim::models {

// The cloud a node type belongs to, from its name's convention: Azure sizes are `Standard_*`, AWS
// instance types `family.size` (m5.xlarge), GCP machine types `family-kind-N` (n2-standard-4).
enum class Cloud { kUnknown, kAzure, kAws, kGcp };
Cloud cloud_of(std::string_view node_type);

struct NodeType {
  std::string name;
  int vcpus = 4;
  double mem_gib = 16;
  double dbu_per_hour = 1.0;
  double vm_usd_per_hour = 0.25;
  double speed = 1.0;  // work per core-second relative to the reference core
  int gpus = 0;
};

class Catalog {
 public:
  // The node types of docs/model.md §2.1 (Azure DSv2/Dv5/Esv3, AWS i3/m5/r5/c5) and three GPU types
  // (Azure NC6s_v3, AWS g4dn.xlarge and p3.2xlarge) at approximate list prices.
  static Catalog builtin();

  // Adds `node`, or replaces the entry with the same name.
  void put(NodeType node);
  const NodeType* find(std::string_view name) const;
  const std::vector<NodeType>& nodes() const { return nodes_; }

 private:
  std::vector<NodeType> nodes_;  // in insertion order: deterministic listings
};

}  // namespace orchsim::models
