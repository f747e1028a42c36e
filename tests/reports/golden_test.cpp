// Golden outputs of a small fixed-seed scenario (tests/golden/small.yaml): the Markdown trade-off
// summary and the per-replication and summary CSVs. Reviewed line by line when created; to refresh
// after an intended change, run with ORCHSIM_UPDATE_GOLDEN=1 and review the diff before committing.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "reports/csv.h"
#include "reports/markdown_report.h"
#include "reports/recommendation.h"
#include "sim/experiment/experiment.h"
#include "sim/input/scenario_loader.h"

using namespace orchsim;

namespace {

const std::string kDir = ORCHSIM_SOURCE_DIR "/tests/golden/";

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = kDir + name;
  if (std::getenv("ORCHSIM_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing golden file " << path);
  std::stringstream expected;
  expected << in.rdbuf();
  CHECK_MESSAGE(actual == expected.str(), "golden mismatch: " << name);
}

}  // namespace

TEST_SUITE("reports.golden") {
  TEST_CASE("small scenario: trade-off summary, replications CSV and summary CSV") {
    const auto scenario = sim::load_scenario(kDir + "small.yaml");
    const auto result = sim::run_experiment(scenario, {.replications = 0, .seed = {}, .threads = 2});
    const auto rec = reports::recommend(result, {});
    check_golden("small-summary.md", reports::markdown_summary(result, rec));
    check_golden("small-replications.csv", reports::replication_csv(result));
    check_golden("small-summary.csv", reports::summary_csv(result));
  }
}

TEST_SUITE("reports.docs") {
  TEST_CASE("README documents every metric and every CSV column") {
    std::ifstream in(ORCHSIM_SOURCE_DIR "/README.md");
    std::stringstream readme;
    readme << in.rdbuf();
    for (const auto& m : sim::metric_catalog()) {
      CHECK_MESSAGE(readme.str().find(fmt::format("| `{}` |", m.name)) != std::string::npos, "README lacks metric " << m.name);
    }
  }
}
