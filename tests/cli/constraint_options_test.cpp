// compare --deadline/--budget/--value-of-time through run_cli: bad values are exit 2 naming the
// option; good ones add the constrained choice to stdout, report.md, report.html and summary.json.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/cli.h"
#include "tests/cli/cli_invoke.h"

using namespace orchsim;
using orchsim::testing::invoke;
namespace fs = std::filesystem;

namespace {

const std::string kSeed = ORCHSIM_SOURCE_DIR "/scenarios/seed-tradeoff.yaml";

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_SUITE("cli.constraints") {
  TEST_CASE("bad constraint values are exit 2 with a message naming the option") {
    for (const auto& option_value : {std::pair<std::string, std::string>{"--deadline", "45 minutes"},
                                     {"--deadline", "0s"}, {"--deadline", "-5m"}, {"--deadline", "99999d"},
                                     {"--budget", "$3.50"}, {"--budget", "0"}, {"--budget", "-1"},
                                     {"--value-of-time", "abc"}, {"--value-of-time", "-0.5"}}) {
      const std::string& option = option_value.first;  // references, not a structured binding: clang 14
      const std::string& value = option_value.second;   // cannot capture one in CHECK_MESSAGE
      const auto r = invoke({"compare", kSeed, "-n", "2", option, value});
      CHECK_MESSAGE(r.code == cli::kExitBadInput, option << " " << value);
      CHECK_MESSAGE(r.err.find(option) != std::string::npos, r.err);
      CHECK(r.out.empty());
    }
  }

  TEST_CASE("a budget no strategy meets: stdout, report.md, report.html and summary.json say so") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_cli_constraints_test";
    fs::remove_all(dir);
    // 1h30m = 90 min; a budget of $0.0001 per successful run is below any run of the seed.
    const auto r = invoke({"compare", kSeed, "-n", "10", "-j", "1", "--deadline", "1h30m", "--budget", "0.0001",
                           "--out", dir.string()});
    REQUIRE(r.code == cli::kExitOk);
    const std::string head = "Under your constraints (P95 ≤ 90 min, cost/success ≤ $0.00): no strategy meets them";
    CHECK(r.out.find(head) != std::string::npos);
    const fs::path folder = dir / "seed-tradeoff";
    CHECK(slurp(folder / "report.md").find(head) != std::string::npos);
    CHECK(slurp(folder / "report.html").find("no strategy meets them") != std::string::npos);
    const std::string json = slurp(folder / "summary.json");
    CHECK(json.find("\"deadline_p95_min\": 90") != std::string::npos);
    CHECK(json.find("\"budget_cost_per_success_usd\": 0.0001") != std::string::npos);
    CHECK(json.find("\"choice\": null") != std::string::npos);
    fs::remove_all(dir);
  }

  TEST_CASE("sweep: a budget no strategy meets gives \"none (closest: …)\" at every point") {
    const std::string pool = ORCHSIM_SOURCE_DIR "/scenarios/pool-vs-cold.yaml";
    const auto r = invoke({"sweep", pool, "-n", "5", "-j", "1", "--budget", "0.0001"});
    REQUIRE(r.code == cli::kExitOk);
    CHECK(r.out.find("| under constraints |") != std::string::npos);
    const auto json = invoke({"sweep", pool, "-n", "5", "-j", "1", "--budget", "0.0001", "-f", "json"});
    REQUIRE(json.code == cli::kExitOk);
    CHECK(json.out.find("\"under_constraints\": null") != std::string::npos);
    CHECK(json.out.find("\"under_constraints\": \"") == std::string::npos);
    CHECK(invoke({"sweep", pool, "-n", "5", "--deadline", "soon"}).code == cli::kExitBadInput);
  }

  TEST_CASE("without constraints stdout has no constrained line") {
    const auto r = invoke({"compare", kSeed, "-n", "5", "-j", "1"});
    REQUIRE(r.code == cli::kExitOk);
    CHECK(r.out.find("Under your constraints") == std::string::npos);
  }
}
