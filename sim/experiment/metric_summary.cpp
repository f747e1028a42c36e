#include "sim/experiment/metric_summary.h"

#include <algorithm>

#include "engine/rng.h"

namespace orchsim::sim {

MetricSummary summarise(const MetricDef& metric, std::span<const ReplicationResult> runs,
                        std::optional<std::uint64_t> bootstrap_seed) {
  MetricSummary s;
  s.def = &metric;
  switch (metric.kind) {
    case MetricKind::kValue: {
      std::vector<double> values;
      values.reserve(runs.size());
      for (const auto& r : runs) values.push_back(metric.value(r.metrics));
      const Summary t = Summary::of(values);
      s.n = t.n;
      s.mean = t.mean;
      s.lo = t.mean - t.ci95;
      s.hi = t.mean + t.ci95;
      s.stddev = t.stddev;
      if (values.empty() || !bootstrap_seed) break;
      std::sort(values.begin(), values.end());
      for (std::size_t q = 0; q < kQuantiles.size(); ++q) {
        s.quantiles.push_back(
            bootstrap_quantile(values, kQuantiles[q], Rng(*bootstrap_seed).derive(metric.name).next_u64() + q, 1000));
      }
      break;
    }
    case MetricKind::kProportion: {
      std::size_t hits = 0;
      for (const auto& r : runs) hits += metric.value(r.metrics) != 0;
      const Proportion p = wilson_interval(hits, runs.size());
      s.n = runs.size();
      s.mean = p.rate;
      s.lo = p.lo;
      s.hi = p.hi;
      break;
    }
    case MetricKind::kRatio: {
      std::vector<double> y, x;
      y.reserve(runs.size());
      x.reserve(runs.size());
      for (const auto& r : runs) {
        y.push_back(metric.value(r.metrics));
        x.push_back(metric.denominator(r.metrics));
      }
      const Ratio ratio = ratio_summary(y, x);
      if (!ratio.defined) break;
      s.n = static_cast<std::size_t>(std::count_if(x.begin(), x.end(), [](double v) { return v > 0; }));
      s.mean = ratio.value;
      s.lo = ratio.value - ratio.ci95;
      s.hi = ratio.value + ratio.ci95;
      break;
    }
  }
  return s;
}

}  // namespace orchsim::sim
