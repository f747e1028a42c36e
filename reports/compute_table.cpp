#include "reports/compute_table.h"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace orchsim::reports {

namespace {

std::string workers_text(const models::ComputeSize& c) {
  return c.autoscale_max ? fmt::format("{}–{} (autoscaling)", c.workers, *c.autoscale_max) : std::to_string(c.workers);
}

std::string range(int lo, int hi) { return lo == hi ? std::to_string(lo) : fmt::format("{}–{}", lo, hi); }

// The computes of one kind, summarised: "12 × new_cluster", node types, worker and demand ranges.
// `group`: their distinct sizes, in the order first seen.
std::vector<std::string> summary_row(const std::string& strategy, std::size_t computes,
                                     const std::vector<const models::ComputeSize*>& group) {
  std::vector<std::string> nodes;
  int lo = group.front()->workers, hi = lo, cores_lo = group.front()->sizing.demand.cores, cores_hi = cores_lo;
  std::vector<std::string> hows;
  for (const models::ComputeSize* c : group) {
    if (std::find(nodes.begin(), nodes.end(), c->node_type) == nodes.end()) nodes.push_back(c->node_type);
    lo = std::min(lo, c->workers);
    hi = std::max(hi, c->workers);
    cores_lo = std::min(cores_lo, c->sizing.demand.cores);
    cores_hi = std::max(cores_hi, c->sizing.demand.cores);
    const std::string how = c->sizing.how == models::SizingHow::kAsWritten ? c->how
                            : c->sizing.how == models::SizingHow::kSized   ? "sized"
                                                                           : "cheapest fit";
    if (std::find(hows.begin(), hows.end(), how) == hows.end()) hows.push_back(how);
  }
  const bool sized = std::any_of(group.begin(), group.end(),
                                 [](const auto* c) { return c->sizing.how != models::SizingHow::kAsWritten; });
  std::string how = fmt::format("{}", fmt::join(hows, " / "));
  if (sized) how += fmt::format(": {} cores each", range(cores_lo, cores_hi));
  return {strategy, fmt::format("{} × {}", computes, models::to_string(group.front()->kind)),
          fmt::format("{}", fmt::join(nodes, ", ")), range(lo, hi), how};
}

std::vector<std::string> compute_row(const sim::StrategyResult& s, std::size_t compute) {
  const models::ComputeSize& c = s.compute_sizes[compute];
  return {s.strategy.name, std::string(s.compute_names[compute]), c.node_type, workers_text(c), c.how};
}

}  // namespace

Table compute_table(const sim::ExperimentResult& r) {
  Table table{.header = {"strategy", "compute", "node type", "workers", "how chosen"}, .rows = {},
              .numeric = {false, false, false, true, false}};
  for (const auto& s : r.strategies) {
    const auto& sizes = s.compute_sizes;
    if (sizes.size() <= kComputeRowsPerStrategy) {
      for (std::size_t c = 0; c < sizes.size(); ++c) table.rows.push_back(compute_row(s, c));
      continue;
    }
    // By cluster kind, in the order first seen: its computes (count and first) and distinct sizes.
    struct Kind {
      models::ClusterKind kind;
      std::size_t computes = 0;
      std::size_t first = 0;
      std::vector<const models::ComputeSize*> sizes;
    };
    std::vector<Kind> kinds;
    const auto kind_of = [&kinds](models::ClusterKind kind) -> Kind* {
      for (Kind& k : kinds) {
        if (k.kind == kind) return &k;
      }
      return nullptr;
    };
    for (std::size_t c = 0; c < sizes.size(); ++c) {
      Kind* k = kind_of(sizes[c].kind);
      if (!k) k = &kinds.emplace_back(Kind{.kind = sizes[c].kind, .computes = 0, .first = c, .sizes = {}});
      ++k->computes;
    }
    for (const models::ComputeSize& size : sizes.values()) kind_of(size.kind)->sizes.push_back(&size);
    for (const Kind& k : kinds) {
      table.rows.push_back(k.computes == 1 ? compute_row(s, k.first) : summary_row(s.strategy.name, k.computes, k.sizes));
    }
  }
  return table;
}

std::string compute_table_note(const sim::ExperimentResult& r) {
  std::string note =
      "\"As written\": the scenario's workers (or autoscale) are kept. \"Sized\": the node type is the scenario's "
      "or the task's, the workers carry the peak concurrent cores, memory and GPUs of the compute's tasks. "
      "\"Cheapest fit\": the catalog node type whose cluster carries that peak at the lowest $/h.";
  for (const auto& s : r.strategies) {
    for (const auto& c : s.compute_sizes.values()) {
      if (c.sizing.capped) {
        return note + " A compute capped at its cluster's `max_workers` carries less than its tasks' peak: they "
                      "contend for its cores.";
      }
    }
  }
  return note;
}

}  // namespace orchsim::reports
