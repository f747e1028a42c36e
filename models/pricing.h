// Pricing and billing arithmetic: per-second billing of DBUs × $/DBU plus the cloud VM's $/h, for
// the driver and every worker (DOMAIN.md §2). Pure functions.
//
// Assumption, stated because Databricks' docs leave it implicit: while a cluster starts, the cloud
// bills the VMs but Databricks bills no DBUs (`bill_dbu_during_startup: false`); both switches are
// scenario settings. Each billed interval is rounded up to a whole second, as per-second billing does.
#pragma once

#include "engine/time.h"
#include "models/node_type.h"

namespace orchsim::models {

struct Pricing {
  double usd_per_dbu = 0.30;  // Azure Premium, Jobs Compute
  bool bill_vm_during_startup = true;
  bool bill_dbu_during_startup = false;
};

struct ClusterShape {
  const NodeType* node = nullptr;
  int workers = 0;
  int nodes() const { return workers + 1; }  // driver + workers
  int worker_cores() const { return workers * node->vcpus; }
};

struct Bill {
  double vm_usd = 0;
  double dbu_usd = 0;
  double total() const { return vm_usd + dbu_usd; }
  Bill& operator+=(const Bill& o) { vm_usd += o.vm_usd; dbu_usd += o.dbu_usd; return *this; }
};

// Whole seconds billed for an interval: rounded up.
std::int64_t billed_seconds(Duration interval);

// The bill for one cluster that spent `starting` starting and then `up` up (running or idle).
Bill bill_cluster(const ClusterShape& shape, const Pricing& pricing, Duration starting, Duration up);

// $/h of the cluster while up (DBU and VM), e.g. DS3_v2 × (1 + 4) at $0.30/DBU = $2.275/h.
double usd_per_hour(const ClusterShape& shape, const Pricing& pricing);

}  // namespace orchsim::models
