#include "models/node_type.h"

#include <algorithm>

namespace orchsim::models {

Cloud cloud_of(std::string_view node_type) {
  if (node_type.starts_with("Standard_")) return Cloud::kAzure;
  if (node_type.find('.') != std::string_view::npos) return Cloud::kAws;
  const std::size_t dash = node_type.find('-');
  if (dash != std::string_view::npos && dash > 0 && node_type.find('-', dash + 1) != std::string_view::npos) {
    return Cloud::kGcp;
  }
  return Cloud::kUnknown;
}

Catalog Catalog::builtin() {
  Catalog c;
  // name, vCPU, RAM GiB, DBU/h, VM $/h (docs/model.md §2.1; list prices, override per scenario).
  c.put({.name = "Standard_DS3_v2", .vcpus = 4, .mem_gib = 14, .dbu_per_hour = 0.75, .vm_usd_per_hour = 0.23});
  c.put({.name = "Standard_DS4_v2", .vcpus = 8, .mem_gib = 28, .dbu_per_hour = 1.50, .vm_usd_per_hour = 0.46});
  c.put({.name = "Standard_DS5_v2", .vcpus = 16, .mem_gib = 56, .dbu_per_hour = 3.00, .vm_usd_per_hour = 0.92});
  c.put({.name = "Standard_D4ds_v5", .vcpus = 4, .mem_gib = 16, .dbu_per_hour = 1.00, .vm_usd_per_hour = 0.23});
  c.put({.name = "Standard_E8s_v3", .vcpus = 8, .mem_gib = 64, .dbu_per_hour = 2.00, .vm_usd_per_hour = 0.53});
  c.put({.name = "i3.xlarge", .vcpus = 4, .mem_gib = 30.5, .dbu_per_hour = 1.00, .vm_usd_per_hour = 0.312});
  c.put({.name = "m5.xlarge", .vcpus = 4, .mem_gib = 16, .dbu_per_hour = 0.69, .vm_usd_per_hour = 0.192});
  c.put({.name = "r5.xlarge", .vcpus = 4, .mem_gib = 32, .dbu_per_hour = 0.90, .vm_usd_per_hour = 0.252});
  c.put({.name = "c5.xlarge", .vcpus = 4, .mem_gib = 8, .dbu_per_hour = 0.61, .vm_usd_per_hour = 0.17});
  // GPU nodes, for tasks that require one (`required_node_type`). Not in docs/model.md §2.1's table: DBU/h and
  // on-demand VM $/h are APPROXIMATE list prices (Azure East US, AWS us-east-1, pay-as-you-go) that
  // vary by region and change over time; a scenario should override them with its own.
  c.put({.name = "Standard_NC6s_v3", .vcpus = 6, .mem_gib = 112, .dbu_per_hour = 3.00, .vm_usd_per_hour = 3.06,
         .gpus = 1});  // 1 × V100
  c.put({.name = "g4dn.xlarge", .vcpus = 4, .mem_gib = 16, .dbu_per_hour = 0.71, .vm_usd_per_hour = 0.526,
         .gpus = 1});  // 1 × T4
  c.put({.name = "p3.2xlarge", .vcpus = 8, .mem_gib = 61, .dbu_per_hour = 4.15, .vm_usd_per_hour = 3.06,
         .gpus = 1});  // 1 × V100
  return c;
}

void Catalog::put(NodeType node) {
  auto it = std::find_if(nodes_.begin(), nodes_.end(), [&](const NodeType& n) { return n.name == node.name; });
  if (it != nodes_.end()) *it = std::move(node);
  else nodes_.push_back(std::move(node));
}

const NodeType* Catalog::find(std::string_view name) const {
  auto it = std::find_if(nodes_.begin(), nodes_.end(), [&](const NodeType& n) { return n.name == name; });
  return it == nodes_.end() ? nullptr : &*it;
}

}  // namespace orchsim::models
