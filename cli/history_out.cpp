#include "cli/history_out.h"

#include <vector>

#include "cli/bundle_writer.h"
#include "reports/file_stem.h"
#include "reports/run_history_writer.h"
#include "sim/experiment/replication_history.h"

namespace orchsim::cli {

void write_history_out(const std::string& dir, const sim::ScenarioSpec& scenario, const sim::ExperimentResult& result,
                       unsigned threads) {
  std::vector<reports::RunHistoryWriter> writers(scenario.strategies.size());
  sim::simulate_history(scenario, result.seed, result.replications, threads,
                        [&](std::size_t s, const sim::HistoryRun& run) { writers[s].add(run.run, run.sku_name); });
  std::vector<std::vector<reports::ReportFile>> files;
  for (auto& writer : writers) files.push_back(writer.files());
  std::vector<std::string> names;
  for (const auto& s : scenario.strategies) names.push_back(s.name);
  const std::vector<std::string> stems = reports::unique_file_stems(names);
  for (std::size_t s = 0; s < files.size(); ++s) write_bundle(dir, stems[s], files[s]);
}

}  // namespace orchsim::cli
