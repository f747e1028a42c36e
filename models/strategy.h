// StrategySpec: one way to lay a workload out on jobs and compute, as the scenario names it.
// models::plan (models/deployment.h) turns workload × strategy × catalog into a Deployment.
// Plain data; the scenario loader fills in defaults so that every field here is final.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/error.h"
#include "engine/time.h"

namespace orchsim::models {

enum class StrategyKind : std::uint8_t {
  kMultiJob,                // one job per task, each with its own job cluster, chained by a parent job
  kSingleJobSharedCluster,  // one job, one job cluster shared by every task
};

const char* to_string(StrategyKind kind);
std::optional<StrategyKind> parse_strategy_kind(std::string_view text);

// The cluster every compute of a strategy is built from.
struct ClusterTemplate {
  std::string node_type = "Standard_DS3_v2";
  int workers = 4;
  Duration startup = Duration::seconds(270);  // fixed cold start; DOMAIN.md §2 median ≈ 4.5 min
};

struct StrategySpec {
  std::string name;
  StrategyKind kind = StrategyKind::kSingleJobSharedCluster;
  ClusterTemplate cluster;
  Duration trigger_latency = Duration::zero();  // multi_job: parent's run_job task → child run start
  SourceLocation where;
};

}  // namespace orchsim::models
