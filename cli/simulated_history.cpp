#include "cli/simulated_history.h"

#include "engine/error.h"
#include "engine/live/run_history.h"
#include "models/deployment.h"
#include "sim/experiment/replication.h"

namespace orchsim::cli {

void record_simulated_runs(const sim::ScenarioSpec& scenario, std::uint64_t seed, std::uint64_t replications,
                           live::RunHistory& history) {
  Diagnostics diagnostics;
  const auto dag = scenario.workload.dag(diagnostics);
  diagnostics.throw_if_any();
  for (const auto& strategy : scenario.strategies) {
    const auto deployment = models::plan(scenario.workload, *dag, strategy, scenario.catalog, scenario.world.pricing, diagnostics);
    diagnostics.throw_if_any();
    std::vector<std::string> computes;
    for (std::size_t c = 0; c < deployment->computes.size(); ++c) computes.emplace_back(deployment->compute_names[c]);
    for (std::uint64_t r = 0; r < replications; ++r) {
      live::RunHistory::Recorder recorder(history, {.source = "simulated",
                                                    .scenario = scenario.file,
                                                    .strategy = strategy.name,
                                                    .replication = r,
                                                    .epoch_unix_us = 0,
                                                    .jobs = deployment->jobs,
                                                    .tables = deployment->tables,
                                                    .computes = computes,
                                                    .invocation_dir = ""});
      live::RunHistory::Batch batch(history);
      sim::run_replication(*deployment, scenario.workload, scenario.world, seed, r, &recorder);
      batch.commit();
    }
  }
}

}  // namespace orchsim::cli
