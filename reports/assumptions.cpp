#include "reports/assumptions.h"

#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "reports/json.h"

namespace orchsim::reports {

namespace {

using models::PerformanceTarget;

struct Setting {
  const char* key;
  std::string value;
  std::string meaning;
};

std::string usd(double v) { return fmt::format("${:.4g}", v); }
std::string yes_no(bool v) { return v ? "yes" : "no"; }

std::vector<Setting> settings(const models::WorldModel& w) {
  const models::Pricing& p = w.pricing;
  const double optimized = models::serverless_usd_per_core_hour(p, PerformanceTarget::kPerformanceOptimized);
  const double standard = models::serverless_usd_per_core_hour(p, PerformanceTarget::kStandard);
  return {
      {"jobs_usd_per_dbu", usd(p.jobs_usd_per_dbu), "Jobs Compute $/DBU (job and per-task clusters)"},
      {"all_purpose_usd_per_dbu", usd(p.all_purpose_usd_per_dbu), "All-Purpose Compute $/DBU"},
      {"jobs_light_usd_per_dbu", usd(p.jobs_light_usd_per_dbu), "Jobs Light $/DBU"},
      {"serverless_usd_per_dbu", usd(p.serverless_usd_per_dbu), "serverless jobs $/DBU, VM included"},
      {"serverless_dbu_per_core_hour", fmt::format("{:.4g}", p.serverless_dbu_per_core_hour),
       fmt::format("serverless DBUs per core-hour of a task, performance-optimised: {}/core-h", usd(optimized))},
      {"serverless_standard_dbu_factor", fmt::format("{:.4g}", p.serverless_standard_dbu_factor),
       fmt::format("standard mode's DBUs per performance-optimised DBU: {}/core-h", usd(standard))},
      {"photon_dbu_multiplier", fmt::format("{:.4g}", p.photon_dbu_multiplier),
       "DBU/h × this with Photon (classic clusters only; serverless ignores photon)"},
      {"spot_vm_discount", fmt::format("{:.4g}", p.spot_vm_discount), "spot VM price = (1 − this) × on-demand"},
      {"bill_vm_during_startup", yes_no(p.bill_vm_during_startup), "classic VMs billed while the cluster starts"},
      {"bill_dbu_during_startup", yes_no(p.bill_dbu_during_startup), "DBUs billed while the cluster starts"},
      {"runs_per_day", fmt::format("{:.4g}", w.runs_per_day),
       "runs sharing a day of each pool's min_idle instances (pool standing cost per run)"},
  };
}

// How one compute bills beyond its kind and SKU.
std::string billing_of(const sim::ComputeBilling& c, const sim::StrategyResult& s, const models::WorldModel& w) {
  std::vector<std::string> parts;
  if (c.sku == models::Sku::kServerless) {
    parts.push_back(fmt::format("performance_target {}: task cores × {}/core-h, no VM line{}",
                                models::to_string(c.performance_target),
                                usd(models::serverless_usd_per_core_hour(w.pricing, c.performance_target)),
                                c.photon ? "; photon ignored" : ""));
  } else {
    if (c.photon) parts.push_back(fmt::format("Photon: DBU/h × {:.4g}", w.pricing.photon_dbu_multiplier));
    if (c.spot_workers) parts.push_back(fmt::format("spot workers at {:.0f}% of the VM price", 100 * (1 - w.pricing.spot_vm_discount)));
  }
  if (c.kind == models::ClusterKind::kAllPurpose) {
    parts.push_back(c.attribution == models::Attribution::kShared
                        ? "attribution shared: $/core-h × the core-hours the run used"
                        : "attribution dedicated: its up-time, the idle tail to auto-termination included");
  }
  if (c.pool && *c.pool < s.pools.size()) {
    const models::PoolSpec& pool = s.pools[*c.pool];
    parts.push_back(fmt::format("pool {}: min_idle {}, warm start {}, standing cost ÷ {:.4g} runs/day", pool.name,
                                pool.min_idle, pool.warm_start.describe(), w.runs_per_day));
  }
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out.empty() ? "up-time, per second" : out;
}

}  // namespace

Table pricing_assumptions_table(const sim::ExperimentResult& r) {
  Table t{.header = {"setting", "value", "what it means"}, .rows = {}, .numeric = {false, true, false}};
  for (const Setting& s : settings(r.world)) t.rows.push_back({s.key, s.value, s.meaning});
  return t;
}

// Computes billed alike are one row (a per-task layout has one compute per task). Rows are made
// per distinct billing; two of them may still read alike (serverless ignores spot_workers).
Table compute_billing_table(const sim::ExperimentResult& r) {
  Table t{.header = {"strategy", "computes", "kind", "bills as", "start", "billing"}, .rows = {}, .numeric = {}};
  for (const auto& s : r.strategies) {
    const auto billings = s.compute_billing.values();
    std::vector<std::size_t> computes_of(billings.size(), 0);
    std::vector<std::size_t> first_of(billings.size(), 0);  // each billing's first compute
    for (std::size_t c = s.compute_billing.size(); c-- > 0;) {
      const std::uint32_t b = s.compute_billing.value_index(c);
      ++computes_of[b];
      first_of[b] = c;
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> counts;
    std::vector<std::size_t> first;
    for (std::size_t b = 0; b < billings.size(); ++b) {
      const sim::ComputeBilling& c = billings[b];
      std::vector<std::string> row{s.strategy.name, "", models::to_string(c.kind), models::to_string(c.sku), c.startup,
                                   billing_of(c, s, r.world)};
      std::size_t i = 0;
      while (i < rows.size() && rows[i] != row) ++i;
      if (i == rows.size()) {
        rows.push_back(std::move(row));
        counts.push_back(0);
        first.push_back(first_of[b]);  // billings come in the order first seen: the row's first compute
      }
      counts[i] += computes_of[b];
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      rows[i][1] = counts[i] == 1 ? std::string(s.compute_names[first[i]]) : fmt::format("{} computes", counts[i]);
      t.rows.push_back(std::move(rows[i]));
    }
  }
  return t;
}

std::string assumptions_markdown(const sim::ExperimentResult& r) {
  return "\n## Assumptions\n\nThe prices and billing settings this run used (defaults and sources: docs/model.md "
         "§2–3).\n\n" + to_markdown(pricing_assumptions_table(r)) + "\n" + to_markdown(compute_billing_table(r));
}

std::string assumptions_html(const sim::ExperimentResult& r) {
  return "<h2>Assumptions</h2>\n<p>The prices and billing settings this run used (defaults and sources: docs/model.md "
         "§2–3).</p>\n" + to_html(pricing_assumptions_table(r)) + to_html(compute_billing_table(r));
}

std::string billing_assumptions_json(const sim::ExperimentResult& r, const std::string& indent) {
  const models::Pricing& p = r.world.pricing;
  return fmt::format(
      "{0}\"pricing\": {{\"jobs_usd_per_dbu\": {1}, \"all_purpose_usd_per_dbu\": {2}, \"jobs_light_usd_per_dbu\": {3}, "
      "\"serverless_usd_per_dbu\": {4}, \"serverless_dbu_per_core_hour\": {5}, \"serverless_standard_dbu_factor\": {6}, "
      "\"photon_dbu_multiplier\": {7}, \"spot_vm_discount\": {8}, \"bill_vm_during_startup\": {9}, "
      "\"bill_dbu_during_startup\": {10}}},\n{0}\"runs_per_day\": {11}",
      indent, json_number(p.jobs_usd_per_dbu), json_number(p.all_purpose_usd_per_dbu),
      json_number(p.jobs_light_usd_per_dbu), json_number(p.serverless_usd_per_dbu),
      json_number(p.serverless_dbu_per_core_hour), json_number(p.serverless_standard_dbu_factor),
      json_number(p.photon_dbu_multiplier), json_number(p.spot_vm_discount), p.bill_vm_during_startup ? "true" : "false",
      p.bill_dbu_during_startup ? "true" : "false", json_number(r.world.runs_per_day));
}

}  // namespace orchsim::reports
