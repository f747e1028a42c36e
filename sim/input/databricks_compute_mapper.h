// ComputeMapper: the compute of a Databricks job as orchsim clusters, for the job mapper: a
// cluster spec (`new_cluster`, a job cluster's `new_cluster`) becomes a ClusterTemplate (workers
// or autoscale, node type, single node, instance pool, spot attributes with first_on_demand,
// Photon); an existing_cluster_id an all-purpose cluster sized from the profile; serverless compute
// one sized to its task. Each becomes a named cluster of the as_defined layout. Node types the
// catalog lacks are kept as written and collected, so `compare` can ask for their price. One per
// mapping; not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "models/strategy.h"
#include "sim/input/config_reader.h"
#include "sim/input/import_summary.h"
#include "sim/input/profile.h"

namespace orchsim::sim {

class ComputeMapper {
 public:
  ComputeMapper(ConfigReader& reader, ImportSummary& summary, const Profile& profile)
      : reader_(reader), summary_(summary), profile_(profile) {}

  // A ClusterSpec map as a cluster of `kind`; `path` names it in the summary ("job_clusters[].new_cluster").
  models::ClusterTemplate cluster(const ConfigNode& spec, models::ClusterKind kind);
  // An all-purpose cluster `id` (existing_cluster_id), sized by the profile or by default.
  models::ClusterTemplate existing(const std::string& id, const SourceLocation& where);
  // Serverless compute for a task of `cores` (sized like the serverless strategy does).
  models::ClusterTemplate serverless(int cores) const;
  // Checks a node type written in the file against the catalog (kept as written either way).
  void node_type(const std::string& name, const SourceLocation& where);

  // `c` with the profile's `startup.<recorded>` (a job_cluster_key, existing_cluster_id or
  // "serverless", as run records name computes), when given.
  models::ClusterTemplate with_startup(const std::string& recorded, models::ClusterTemplate c) const;
  // Adds a named cluster (once per name) and returns its name.
  const std::string& add(std::string name, models::ClusterTemplate cluster);

  void set_standard_serverless(bool standard) { standard_serverless_ = standard; }

  std::vector<models::NamedCluster> clusters;
  std::optional<models::PoolSpec> pool;  // the first instance pool a cluster draws from
  std::vector<std::pair<std::string, SourceLocation>> unpriced;  // node types not in the catalog

 private:
  void spot(const ConfigNode& spec, models::ClusterTemplate& c);
  void size(const ConfigNode& spec, models::ClusterTemplate& c);
  void instance_pool(const ConfigNode& spec, models::ClusterTemplate& c);

  ConfigReader& reader_;
  ImportSummary& summary_;
  const Profile& profile_;
  bool standard_serverless_ = false;
  std::unordered_map<std::string, std::size_t> index_;  // cluster name → its entry (lookups only)
};

}  // namespace orchsim::sim
