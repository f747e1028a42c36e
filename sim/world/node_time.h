// NodeTime: what a cluster instance is billed for by the node, in node-microseconds: on-demand
// and spot nodes, while starting (its startup, and workers joining later) and while up. Integer,
// so a steady instance's (ClusterWorld::steady_node_time) is exactly its times × its nodes. A
// value type.
#pragma once

#include <cstdint>

namespace orchsim::sim {

struct NodeTime {
  std::int64_t on_demand_up_us = 0, spot_up_us = 0, on_demand_starting_us = 0, spot_starting_us = 0;
  bool operator==(const NodeTime&) const = default;
};

}  // namespace orchsim::sim
