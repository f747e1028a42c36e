#include "sim/experiment.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace orchsim::sim {

namespace {

template <class Metric>
Summary summarise(const std::vector<ReplicationResult>& reps, Metric metric) {
  std::vector<double> values;
  values.reserve(reps.size());
  for (const auto& r : reps) values.push_back(metric(r));
  return Summary::of(values);
}

}  // namespace

Summary StrategyResult::makespan_minutes() const {
  return summarise(replications, [](const ReplicationResult& r) { return r.makespan.to_minutes(); });
}
Summary StrategyResult::cost_usd() const {
  return summarise(replications, [](const ReplicationResult& r) { return r.cost.total(); });
}
Summary StrategyResult::cluster_starts() const {
  return summarise(replications, [](const ReplicationResult& r) { return double(r.cluster_starts); });
}

ExperimentResult run_experiment(const ScenarioSpec& scenario, const ExperimentOptions& options) {
  ExperimentResult result;
  result.scenario = scenario.name;
  result.seed = options.seed.value_or(scenario.experiment.seed);
  result.replications = options.replications > 0 ? options.replications : scenario.experiment.replications;

  Diagnostics diagnostics;
  const auto dag = scenario.workload.dag(diagnostics);
  diagnostics.throw_if_any();
  std::vector<models::Deployment> deployments;
  for (const auto& strategy : scenario.strategies) {
    auto d = models::plan(scenario.workload, *dag, strategy, scenario.catalog, diagnostics);
    if (d) deployments.push_back(std::move(*d));
  }
  diagnostics.throw_if_any();

  const std::size_t strategies = deployments.size();
  const std::size_t total = strategies * result.replications;
  std::vector<ReplicationResult> slots(total);
  unsigned threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(total, 1)));

  // Work items are claimed in order from one counter; each writes only its own slot.
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (std::size_t i = next++; i < total && !failed; i = next++) {
      const std::size_t s = i / result.replications;
      const std::size_t rep = i % result.replications;
      try {
        slots[i] = run_replication(deployments[s], scenario.workload, scenario.world, result.seed, rep);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);

  for (std::size_t s = 0; s < strategies; ++s) {
    StrategyResult sr;
    sr.strategy = scenario.strategies[s];
    sr.jobs = deployments[s].jobs.size();
    sr.clusters = deployments[s].computes.size();
    sr.cross_job_edges = deployments[s].cross_job_edges();
    sr.replications.assign(slots.begin() + static_cast<std::ptrdiff_t>(s * result.replications),
                           slots.begin() + static_cast<std::ptrdiff_t>((s + 1) * result.replications));
    result.strategies.push_back(std::move(sr));
  }
  return result;
}

}  // namespace orchsim::sim
