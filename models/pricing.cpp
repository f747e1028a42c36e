#include "models/pricing.h"

#include <algorithm>

namespace orchsim::models {

const char* to_string(Sku sku) {
  switch (sku) {
    case Sku::kJobs: return "jobs";
    case Sku::kAllPurpose: return "all_purpose";
    case Sku::kJobsLight: return "jobs_light";
    case Sku::kServerless: return "serverless";
  }
  return "?";
}

std::optional<Sku> parse_sku(std::string_view text) {
  if (text == "jobs") return Sku::kJobs;
  if (text == "all_purpose") return Sku::kAllPurpose;
  if (text == "jobs_light") return Sku::kJobsLight;
  if (text == "serverless") return Sku::kServerless;
  return std::nullopt;
}

const char* to_string(PerformanceTarget target) {
  return target == PerformanceTarget::kStandard ? "standard" : "performance_optimized";
}

std::optional<PerformanceTarget> parse_performance_target(std::string_view text) {
  if (text == "standard") return PerformanceTarget::kStandard;
  if (text == "performance_optimized") return PerformanceTarget::kPerformanceOptimized;
  return std::nullopt;
}

double Pricing::usd_per_dbu(Sku sku) const {
  switch (sku) {
    case Sku::kJobs: return jobs_usd_per_dbu;
    case Sku::kAllPurpose: return all_purpose_usd_per_dbu;
    case Sku::kJobsLight: return jobs_light_usd_per_dbu;
    case Sku::kServerless: return serverless_usd_per_dbu;
  }
  return jobs_usd_per_dbu;
}

NodeRates node_rates(const NodeType& node, const Pricing& pricing, Sku sku, bool photon) {
  const double dbu_per_hour = node.dbu_per_hour * (photon ? pricing.photon_dbu_multiplier : 1.0);
  return {.vm_usd_per_hour = node.vm_usd_per_hour,
          .dbu_usd_per_hour = dbu_per_hour * pricing.usd_per_dbu(sku)};
}

std::int64_t billed_seconds(Duration interval) {
  const std::int64_t us = interval.micros();
  if (us <= 0) return 0;
  return (us + 999'999) / 1'000'000;
}

Bill bill_nodes(const NodeRates& rates, const Pricing& pricing, int on_demand, int spot, Duration interval,
                bool starting) {
  Bill bill;
  const double hours = static_cast<double>(billed_seconds(interval)) / 3600.0;
  if (!starting || pricing.bill_vm_during_startup) {
    bill.vm_usd = (on_demand + spot * (1.0 - pricing.spot_vm_discount)) * rates.vm_usd_per_hour * hours;
  }
  if (!starting || pricing.bill_dbu_during_startup) {
    bill.dbu_usd = (on_demand + spot) * rates.dbu_usd_per_hour * hours;
  }
  return bill;
}

double usd_per_hour(const ClusterShape& shape, const Pricing& pricing, Sku sku, bool photon) {
  const NodeRates rates = node_rates(*shape.node, pricing, sku, photon);
  return shape.nodes() * (rates.vm_usd_per_hour + rates.dbu_usd_per_hour);
}

double serverless_usd_per_core_hour(const Pricing& pricing, PerformanceTarget target) {
  const double factor = target == PerformanceTarget::kStandard ? pricing.serverless_standard_dbu_factor : 1.0;
  return pricing.serverless_dbu_per_core_hour * factor * pricing.serverless_usd_per_dbu;
}

Bill bill_serverless(const Pricing& pricing, PerformanceTarget target, int cores, Duration up) {
  Bill bill;
  const double hours = static_cast<double>(billed_seconds(up)) / 3600.0;
  bill.dbu_usd = cores * serverless_usd_per_core_hour(pricing, target) * hours;
  return bill;
}

Bill bill_core_seconds(const ClusterShape& shape, const Pricing& pricing, Sku sku, bool photon, double core_seconds) {
  const NodeRates rates = node_rates(*shape.node, pricing, sku, photon);
  const double cores = static_cast<double>(std::max(1, shape.workers) * shape.node->vcpus);
  const double node_hours_per_core_second = shape.nodes() / cores / 3600.0;
  Bill bill;
  bill.vm_usd = rates.vm_usd_per_hour * node_hours_per_core_second * core_seconds;
  bill.dbu_usd = rates.dbu_usd_per_hour * node_hours_per_core_second * core_seconds;
  return bill;
}

double pool_standing_usd(int min_idle, double vm_usd_per_hour, double runs_per_day) {
  return runs_per_day > 0 ? min_idle * vm_usd_per_hour * 24.0 / runs_per_day : 0.0;
}

}  // namespace orchsim::models
