#include "sim/input/billing_keys_reader.h"

#include <fmt/format.h>

namespace orchsim::sim {

void read_cluster_billing(YamlReader& r, const YamlNode& cluster, models::ClusterTemplate& c) {
  if (auto v = r.string(cluster, "performance_target")) {
    if (auto t = models::parse_performance_target(*v)) {
      c.performance_target = *t;
      if (!YamlReader::child(cluster, "serverless_startup")) c.serverless_startup = models::default_serverless_startup(*t);
    } else {
      r.error(YamlReader::child(cluster, "performance_target"),
              fmt::format("unknown performance_target '{}' (expected standard or performance_optimized)", *v));
    }
  }
  if (auto v = r.string(cluster, "attribution")) {
    if (auto a = models::parse_attribution(*v)) c.attribution = *a;
    else r.error(YamlReader::child(cluster, "attribution"), fmt::format("unknown attribution '{}' (expected shared or dedicated)", *v));
  }
}

void read_serverless_pricing(YamlReader& r, const YamlNode& pricing, models::Pricing& p) {
  if (auto v = r.number(pricing, "serverless_dbu_per_core_hour", 0, 1e3)) p.serverless_dbu_per_core_hour = *v;
  if (auto v = r.number(pricing, "serverless_standard_dbu_factor", 0, 10)) p.serverless_standard_dbu_factor = *v;
}

void read_runs_per_day(YamlReader& r, const YamlNode& root, models::WorldModel& world) {
  if (auto v = r.number(root, "runs_per_day", 0, 1e6)) {
    if (*v > 0) world.runs_per_day = *v;
    else r.error(YamlReader::child(root, "runs_per_day"), "runs_per_day must be positive (runs sharing a day)");
  }
}

}  // namespace orchsim::sim
