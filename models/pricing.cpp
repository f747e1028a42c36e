#include "models/pricing.h"

namespace orchsim::models {

std::int64_t billed_seconds(Duration interval) {
  const std::int64_t us = interval.micros();
  if (us <= 0) return 0;
  return (us + 999'999) / 1'000'000;
}

Bill bill_cluster(const ClusterShape& shape, const Pricing& pricing, Duration starting, Duration up) {
  const Duration vm_time = (pricing.bill_vm_during_startup ? starting : Duration::zero()) + up;
  const Duration dbu_time = (pricing.bill_dbu_during_startup ? starting : Duration::zero()) + up;
  const double nodes = shape.nodes();
  Bill bill;
  bill.vm_usd = nodes * shape.node->vm_usd_per_hour * static_cast<double>(billed_seconds(vm_time)) / 3600.0;
  bill.dbu_usd = nodes * shape.node->dbu_per_hour * pricing.usd_per_dbu *
                 static_cast<double>(billed_seconds(dbu_time)) / 3600.0;
  return bill;
}

double usd_per_hour(const ClusterShape& shape, const Pricing& pricing) {
  return shape.nodes() * (shape.node->vm_usd_per_hour + shape.node->dbu_per_hour * pricing.usd_per_dbu);
}

}  // namespace orchsim::models
