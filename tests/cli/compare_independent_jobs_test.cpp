// Issue #12: a file of several independent jobs (none runs another) is compared as a whole when no
// --job is given: one replication starts every job once, all at t = 0. With the fixture's fixed
// timings (tests/fixtures/databricks/independent/profile.yml: every task 10 min on one core, every
// cluster up in 4 min, no failures) the expected values follow by hand:
//   extract: 4 + 10 + 10 = 24 min; report: 4 + 10 = 14 min; cleanup: 4 + 3 × 10 = 34 min;
//   together: makespan max(24, 14, 34) = 34 min, cost the sum of the three jobs compared alone
//   (each on its own job cluster, as written; the synthetic entry job runs no compute).
// The export writes exactly the three jobs (no parent job the file did not have), and importing it
// back compares the same three jobs again.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "cli/exit_codes.h"
#include "models/deployment.h"
#include "sim/input/load_input.h"
#include "tests/cli/cli_invoke.h"

using namespace orchsim;
using orchsim::testing::invoke;
namespace fs = std::filesystem;

namespace {

const std::string kDir = ORCHSIM_SOURCE_DIR "/tests/fixtures/databricks/independent/";

// as_defined's mean of `metric` from `compare --format csv`.
double as_defined_mean(const std::string& csv, const std::string& metric) {
  std::istringstream lines(csv);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("as_defined," + metric + ",", 0) != 0) continue;
    std::istringstream fields(line);
    std::string field;
    for (int i = 0; i < 5; ++i) std::getline(fields, field, ',');
    return std::stod(field);
  }
  FAIL("no as_defined row for ", metric);
  return 0;
}

testing::Outcome compare(std::vector<std::string> extra) {
  std::vector<std::string> args{"compare", kDir, "--profile", kDir + "profile.yml", "-n", "3", "--format", "csv",
                                "--threads", "1"};
  args.insert(args.end(), extra.begin(), extra.end());
  return invoke(args);
}

// The resources.jobs keys of a bundle export: the lines indented four spaces under `  jobs:`.
std::vector<std::string> bundle_job_keys(const std::string& yaml) {
  std::vector<std::string> keys;
  std::istringstream lines(yaml);
  std::string line;
  bool in_jobs = false;
  while (std::getline(lines, line)) {
    const auto indent = line.find_first_not_of(' ');
    if (indent == std::string::npos || line[indent] == '#') continue;
    if (indent < 4) in_jobs = line == "  jobs:";
    else if (in_jobs && indent == 4) keys.push_back(line.substr(4, line.find(':') - 4));
  }
  return keys;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("several independent jobs: compared together, cost the sum and makespan the longest") {
    const auto together = compare({});
    REQUIRE_MESSAGE(together.code == cli::kExitOk, together.err);
    CHECK(together.err.find("3 independent jobs compared together") != std::string::npos);
    double cost_sum = 0;
    std::map<std::string, double> makespan;
    for (const std::string job : {"extract", "report", "cleanup"}) {
      const auto alone = compare({"--job", job});
      REQUIRE_MESSAGE(alone.code == cli::kExitOk, alone.err);
      cost_sum += as_defined_mean(alone.out, "cost_usd");
      makespan[job] = as_defined_mean(alone.out, "makespan_min");
    }
    CHECK(makespan["extract"] == doctest::Approx(24));
    CHECK(makespan["report"] == doctest::Approx(14));
    CHECK(makespan["cleanup"] == doctest::Approx(34));
    CHECK(as_defined_mean(together.out, "makespan_min") == doctest::Approx(34));
    CHECK(as_defined_mean(together.out, "cost_usd") == doctest::Approx(cost_sum));
    // The alternatives lay out the union of the six tasks.
    const auto single = together.out.find("single_job_shared_cluster,");
    CHECK(single != std::string::npos);
  }

  TEST_CASE("several independent jobs: the export has exactly those jobs, and imports back the same") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_independent_jobs_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto exported = invoke({"export", kDir, "--profile", kDir + "profile.yml", "--strategy", "as_defined"});
    REQUIRE_MESSAGE(exported.code == cli::kExitOk, exported.err);
    const auto keys = bundle_job_keys(exported.out);
    CHECK(keys == std::vector<std::string>{"extract", "report", "cleanup"});
    CHECK(exported.out.find("run_job_task") == std::string::npos);
    CHECK(exported.out.find("entry job") == std::string::npos);
    const auto json = invoke({"export", kDir, "--profile", kDir + "profile.yml", "--strategy", "as_defined", "--format", "json"});
    REQUIRE(json.code == cli::kExitOk);
    CHECK(json.out.find("\"job_id\": 3") != std::string::npos);
    CHECK(json.out.find("\"job_id\": 4") == std::string::npos);

    std::ofstream(dir / "databricks.yml") << exported.out;
    sim::InputOptions options;
    options.profile_path = kDir + "profile.yml";
    const sim::LoadedInput original = sim::load_input(kDir, options);
    const sim::LoadedInput back = sim::load_input((dir / "databricks.yml").string(), options);
    REQUIRE(back.databricks.has_value());
    CHECK(back.databricks->roots == original.databricks->roots);
    const auto plan_of = [](const sim::ScenarioSpec& s) {
      Diagnostics d;
      const auto dag = s.workload.dag(d);
      REQUIRE(dag.has_value());
      auto deployment = models::plan(s.workload, *dag, s.strategies.front(), s.catalog, s.world.pricing, d);
      REQUIRE(deployment.has_value());
      return *deployment;
    };
    const models::Deployment a = plan_of(*original.scenario), b = plan_of(*back.scenario);
    CHECK(a.synthetic_entry);
    CHECK(b.synthetic_entry);
    REQUIRE(a.jobs.size() == 4);
    REQUIRE(b.jobs.size() == 4);
    for (std::size_t j = 0; j < a.jobs.size(); ++j) CHECK(a.jobs[j].dag.size() == b.jobs[j].dag.size());
    CHECK(a.computes.size() == b.computes.size());
    CHECK(a.cross_job_edges() == b.cross_job_edges());
    fs::remove_all(dir);
  }

  TEST_CASE("--job still picks one of several independent jobs; the report carries the import summary") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_independent_jobs_report_test";
    fs::remove_all(dir);
    const auto r = invoke({"compare", kDir, "--job", "report", "-n", "2", "--threads", "1", "--out", dir.string()});
    REQUIRE_MESSAGE(r.code == cli::kExitOk, r.err);
    fs::path folder;
    for (const auto& e : fs::directory_iterator(dir)) folder = e.path();
    std::stringstream md, json, html;
    md << std::ifstream(folder / "report.md").rdbuf();
    json << std::ifstream(folder / "summary.json").rdbuf();
    html << std::ifstream(folder / "report.html").rdbuf();
    // No profile: the one task took every default of its type, and the report says so.
    CHECK(md.str().find("## Import") != std::string::npos);
    CHECK(md.str().find("| notebook | duration, cores, mem_gib, failure rates | build | 1 |") != std::string::npos);
    CHECK(html.str().find("<h2>Import</h2>") != std::string::npos);
    CHECK(json.str().find("\"import\": {") != std::string::npos);
    CHECK(json.str().find("\"jobs\": [\"report\"]") != std::string::npos);
    CHECK(json.str().find("{\"task\": \"build\", \"type\": \"notebook\", \"defaulted\": [\"duration\", \"cores\", "
                          "\"mem_gib\", \"failure rates\"]}") != std::string::npos);
    fs::remove_all(dir);
  }
}
