#include "sim/input/databricks_compute_mapper.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace orchsim::sim {

namespace {

enum class Availability : std::uint8_t { kOnDemand, kSpot, kSpotWithFallback };

constexpr std::array<std::pair<std::string_view, Availability>, 3> kAws{
    {{"ON_DEMAND", Availability::kOnDemand}, {"SPOT", Availability::kSpot},
     {"SPOT_WITH_FALLBACK", Availability::kSpotWithFallback}}};
constexpr std::array<std::pair<std::string_view, Availability>, 3> kAzure{
    {{"ON_DEMAND_AZURE", Availability::kOnDemand}, {"SPOT_AZURE", Availability::kSpot},
     {"SPOT_WITH_FALLBACK_AZURE", Availability::kSpotWithFallback}}};
constexpr std::array<std::pair<std::string_view, Availability>, 3> kGcp{
    {{"ON_DEMAND_GCP", Availability::kOnDemand}, {"PREEMPTIBLE_GCP", Availability::kSpot},
     {"PREEMPTIBLE_WITH_FALLBACK_GCP", Availability::kSpotWithFallback}}};
constexpr std::array<std::pair<std::string_view, bool>, 2> kEngines{{{"STANDARD", false}, {"PHOTON", true}}};

}  // namespace

void ComputeMapper::node_type(const std::string& name, const SourceLocation& where) {
  if (profile_.catalog.find(name) != nullptr) return;
  const bool seen = std::any_of(unpriced.begin(), unpriced.end(), [&](const auto& u) { return u.first == name; });
  if (!seen) unpriced.emplace_back(name, where);
}

void ComputeMapper::spot(const ConfigNode& spec, models::ClusterTemplate& c) {
  std::optional<Availability> availability;
  const ConfigNode* attributes = nullptr;
  if ((attributes = ConfigReader::get(spec, "aws_attributes")) != nullptr) {
    availability = reader_.choice<Availability>(*attributes, "availability", kAws);
  } else if ((attributes = ConfigReader::get(spec, "azure_attributes")) != nullptr) {
    availability = reader_.choice<Availability>(*attributes, "availability", kAzure);
  } else if ((attributes = ConfigReader::get(spec, "gcp_attributes")) != nullptr) {
    availability = reader_.choice<Availability>(*attributes, "availability", kGcp);
    if (reader_.boolean(*attributes, "use_preemptible_executors").value_or(false)) availability = Availability::kSpot;
  }
  if (attributes == nullptr) return;
  if (auto n = reader_.integer(*attributes, "first_on_demand", 0, 100'000)) c.first_on_demand = static_cast<int>(*n);
  if (availability && *availability != Availability::kOnDemand) c.spot_workers = true;
  if (availability == Availability::kSpotWithFallback) {
    summary_.note("spot with fallback to on-demand: modelled as spot (a lost node is replaced by spot, no fallback)");
  }
}

void ComputeMapper::size(const ConfigNode& spec, models::ClusterTemplate& c) {
  if (auto n = reader_.integer(spec, "num_workers", 0, 100'000)) c.workers = static_cast<int>(*n);
  if (const ConfigNode* a = ConfigReader::get(spec, "autoscale")) {
    const int lo = static_cast<int>(reader_.integer(*a, "min_workers", 0, 100'000).value_or(0));
    const int hi = static_cast<int>(reader_.integer(*a, "max_workers", 0, 100'000).value_or(lo));
    if (lo > hi) {
      reader_.error(a->where, "autoscale: min_workers must not exceed max_workers");
    } else if (hi == 0) {
      c.workers = 0;  // autoscale 0–0: a single node
    } else {
      models::AutoscaleSpec s;
      s.min_workers = lo;
      s.max_workers = hi;
      c.autoscale = s;
      c.workers = lo;
    }
  } else if (ConfigReader::get(spec, "num_workers") == nullptr) {
    c.workers = 0;  // the Jobs API's default: no workers (a single node)
  }
  if (reader_.boolean(spec, "is_single_node").value_or(false)) c.workers = 0;
}

void ComputeMapper::instance_pool(const ConfigNode& spec, models::ClusterTemplate& c) {
  const auto id = reader_.string(spec, "instance_pool_id");
  if (!id) return;
  const PoolProfile* p = Profile::find(profile_.pools, *id);
  if (ConfigReader::get(spec, "node_type_id") == nullptr) {
    if (p != nullptr) {
      c.node_type = p->node_type;
      node_type(p->node_type, ConfigReader::get(spec, "instance_pool_id")->where);
    } else {
      summary_.note(fmt::format("instance pool '{}': its node type is not in the file; used {} (give pools.{}.node_type "
                                "in the profile)", *id, c.node_type, *id));
    }
  }
  if (!pool) {
    pool = models::PoolSpec{.name = *id, .min_idle = p != nullptr ? p->min_idle : 0};
  } else if (pool->name != *id) {
    summary_.note(fmt::format("instance pool '{}': as_defined draws every classic cluster from one pool, '{}'", *id, pool->name));
  }
}

models::ClusterTemplate ComputeMapper::cluster(const ConfigNode& spec, models::ClusterKind kind) {
  models::ClusterTemplate c;
  c.kind = kind;
  if (!reader_.expect_map(spec, "new_cluster")) return c;
  if (auto t = reader_.string(spec, "node_type_id")) {
    c.node_type = *t;
    node_type(*t, ConfigReader::get(spec, "node_type_id")->where);
  }
  instance_pool(spec, c);
  if (ConfigReader::get(spec, "node_type_id") == nullptr && ConfigReader::get(spec, "instance_pool_id") == nullptr) {
    summary_.note(fmt::format("a cluster without node_type_id (a policy sets it): used {}", c.node_type));
  }
  if (auto d = reader_.string(spec, "driver_node_type_id"); d && *d != c.node_type) {
    summary_.note(fmt::format("driver_node_type_id '{}' differs from the workers': the driver is modelled as a {}", *d,
                              c.node_type));
  }
  size(spec, c);
  // The job's own cluster, as its JSON defines it: kept, never re-sized.
  c.workers_written = true;
  c.node_type_written = true;
  if (auto photon = reader_.choice<bool>(spec, "runtime_engine", kEngines)) c.photon = *photon;
  if (auto v = reader_.string(spec, "spark_version"); v && v->find("photon") != std::string::npos) c.photon = true;
  spot(spec, c);
  return c;
}

models::ClusterTemplate ComputeMapper::existing(const std::string& id, const SourceLocation& where) {
  if (const models::ClusterTemplate* c = Profile::find(profile_.existing_clusters, id)) {
    node_type(c->node_type, where);
    return *c;
  }
  models::ClusterTemplate c;
  c.kind = models::ClusterKind::kAllPurpose;
  summary_.note(fmt::format("existing cluster '{}': its size is not in the file; used {} × {} workers (give "
                            "existing_clusters.{} in the profile)", id, c.node_type, c.workers, id));
  return c;
}

models::ClusterTemplate ComputeMapper::serverless(int cores) const {
  models::ClusterTemplate c;
  c.kind = models::ClusterKind::kServerless;
  const models::NodeType* node = profile_.catalog.find(c.node_type);
  const int vcpus = node != nullptr ? node->vcpus : 4;
  c.workers = std::max(1, (cores + vcpus - 1) / vcpus);
  // The job's performance_target: its start and its DBUs (docs/model.md §2.2, §3.2).
  if (standard_serverless_) {
    c.performance_target = models::PerformanceTarget::kStandard;
    c.serverless_startup = models::default_serverless_startup(c.performance_target);
  }
  return c;
}

models::ClusterTemplate ComputeMapper::with_startup(const std::string& recorded, models::ClusterTemplate c) const {
  if (const models::Distribution* d = Profile::find(profile_.startups, recorded)) {
    (c.kind == models::ClusterKind::kServerless ? c.serverless_startup : c.startup) = *d;
  }
  return c;
}

const std::string& ComputeMapper::add(std::string name, models::ClusterTemplate cluster) {
  const auto [it, added] = index_.try_emplace(name, clusters.size());
  if (added) clusters.push_back({std::move(name), std::move(cluster)});
  return clusters[it->second].name;
}

}  // namespace orchsim::sim
