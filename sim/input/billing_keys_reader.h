// The scenario keys of billing (docs/model.md §2–3, scenarios/README.md): a cluster's serverless
// `performance_target` and all-purpose `attribution`, the serverless rates under `pricing:`, and
// the top-level `runs_per_day` that shares a pool's standing cost. Read only through YamlReader's
// typed reads, so they move with it; called by the scenario loader, which lists the keys as
// allowed. Single-threaded, like every reader.
#pragma once

#include "models/cluster.h"
#include "models/world_model.h"
#include "sim/input/yaml_reader.h"

namespace orchsim::sim {

// `performance_target: standard|performance_optimized` (setting it without `serverless_startup`
// also sets that target's default start) and `attribution: shared|dedicated`.
void read_cluster_billing(YamlReader& r, const YamlNode& cluster, models::ClusterTemplate& c);

// Under `pricing:`: `serverless_dbu_per_core_hour`, `serverless_standard_dbu_factor`.
void read_serverless_pricing(YamlReader& r, const YamlNode& pricing, models::Pricing& p);

// Top level: `runs_per_day` (> 0).
void read_runs_per_day(YamlReader& r, const YamlNode& root, models::WorldModel& world);

}  // namespace orchsim::sim
