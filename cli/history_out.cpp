#include "cli/history_out.h"

#include <optional>
#include <vector>

#include "cli/bundle_writer.h"
#include "reports/file_stem.h"
#include "reports/run_history_writer.h"
#include "sim/experiment/replication_history.h"

namespace orchsim::cli {

void write_history_out(const std::string& dir, const sim::ScenarioSpec& scenario, const sim::ExperimentResult& result,
                       unsigned threads) {
  std::vector<std::string> names;
  for (const auto& s : scenario.strategies) names.push_back(s.name);
  const std::vector<std::string> stems = reports::unique_file_stems(names);
  // Runs come strategy by strategy: each folder is written once its strategy is done, so that only
  // one strategy's text is held.
  std::optional<std::size_t> current;
  reports::RunHistoryWriter writer;
  const auto flush = [&] {
    if (current) write_bundle(dir, stems[*current], writer.files());
    writer = reports::RunHistoryWriter();
  };
  sim::simulate_history(scenario, result.seed, result.replications, threads,
                        [&](std::size_t s, const sim::HistoryRun& run) {
                          if (current != s) {
                            flush();
                            current = s;
                          }
                          writer.add(run.run, run.sku_name);
                        });
  flush();
}

}  // namespace orchsim::cli
