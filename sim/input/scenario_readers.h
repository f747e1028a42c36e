// The scenario loader's readers of a cluster, a distribution and node-type entries, shared with
// the Databricks profile loader (sim/input/profile_loader.h) so that a profile writes these exactly
// as a scenario does (scenarios/README.md). Defined in scenario_loader.cpp. Inside sim/input only.
// Any thread.
#pragma once

#include <optional>


#include "models/cluster.h"
#include "models/distributions.h"
#include "models/node_type.h"
#include "sim/input/yaml_reader.h"

namespace orchsim::sim {

// A `cluster` map over `base` (keys kind, node_type, workers, autoscale, startup, …).
models::ClusterTemplate read_scenario_cluster(YamlReader& r, const YamlNode& n, models::ClusterTemplate base);
// map[key] as a duration distribution (fixed, uniform, exponential, lognormal, empirical).
std::optional<models::Distribution> read_scenario_distribution(YamlReader& r, const YamlNode& map, const char* key);
// A `node_types` list, added to (or overriding entries of) `catalog`.
void read_scenario_node_types(YamlReader& r, const YamlNode& list, models::Catalog& catalog);

}  // namespace orchsim::sim
