// The CLI in-process: exit codes, stdout formats, and the report folder.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "tests/cli/cli_invoke.h"

using namespace orchsim;
using orchsim::testing::invoke;
namespace fs = std::filesystem;

namespace {

const std::string kSeed = ORCHSIM_SOURCE_DIR "/scenarios/seed-tradeoff.yaml";

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("exit codes: usage and bad input are 2, with a message on stderr") {
    CHECK(invoke({}).code == cli::kExitBadInput);
    CHECK(invoke({"--help"}).code == cli::kExitOk);
    const auto unknown = invoke({"frobnicate"});
    CHECK(unknown.code == cli::kExitBadInput);
    CHECK(unknown.err.find("unknown command 'frobnicate'") != std::string::npos);
    CHECK(invoke({"compare"}).code == cli::kExitBadInput);
    CHECK(invoke({"compare", kSeed, "--format", "xml"}).code == cli::kExitBadInput);
    CHECK(invoke({"compare", kSeed, "--target-ci", "2"}).code == cli::kExitBadInput);
    CHECK(invoke({"compare", kSeed, "--negligible", "1.5"}).code == cli::kExitBadInput);
    CHECK(invoke({"compare", kSeed, "-n", "0"}).code == cli::kExitBadInput);
    const auto missing = invoke({"compare", "/nonexistent/scenario.yaml"});
    CHECK(missing.code == cli::kExitBadInput);
    CHECK(missing.err.find("/nonexistent/scenario.yaml") != std::string::npos);
    CHECK(missing.out.empty());
  }

  TEST_CASE("--negligible sets the verdicts' threshold") {
    // Every difference between the seed's layouts but one is under 99% of the larger mean (the
    // widest, orchestration items, is 12 against 2: 83%), so at 0.99 it is negligible. The exception:
    // only the shared cluster shares cores, so contention differs by 100% of the larger mean and
    // still holds.
    const auto r = invoke({"compare", kSeed, "-n", "20", "-j", "1", "--negligible", "0.99"});
    REQUIRE(r.code == cli::kExitOk);
    const auto yes = r.out.find("| yes |");
    REQUIRE(yes != std::string::npos);
    const std::string row = "| resource contention |";
    CHECK(r.out.compare(r.out.rfind('\n', yes) + 1, row.size(), row) == 0);
    CHECK(r.out.find("| yes |", yes + 1) == std::string::npos);
    CHECK(r.out.find("| negligible |") != std::string::npos);
  }

  TEST_CASE("a scenario whose run cannot end is bad input (exit 2), and writes nothing") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_cli_test_horizon";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path file = dir / "forever.yaml";
    std::ofstream(file) << "horizon: 2h\n"
                           "workload: {tasks: [{task_key: a, duration: 1m, failure_probability: 1, max_retries: -1}]}\n"
                           "strategies: [single_job_shared_cluster]\n";
    const auto r = invoke({"compare", file.string(), "-n", "3", "--out", (dir / "out").string()});
    CHECK(r.code == cli::kExitBadInput);
    CHECK(r.err.find(file.string() + ":2:20: task 'a' had not finished after ") != std::string::npos);
    CHECK(r.out.empty());
    CHECK(!fs::exists(dir / "out"));
    fs::remove_all(dir);
  }

  TEST_CASE("stdout formats") {
    const auto md = invoke({"compare", kSeed, "-n", "20"});
    CHECK(md.code == cli::kExitOk);
    CHECK(md.out.find("| factor |") != std::string::npos);
    CHECK(md.out.find("Recommendation: ") != std::string::npos);
    const auto csv = invoke({"compare", kSeed, "-n", "20", "--format", "csv"});
    CHECK(csv.out.rfind("strategy,metric,unit,n,mean,ci_low,ci_high", 0) == 0);
    const auto json = invoke({"compare", kSeed, "-n", "20", "--format", "json"});
    CHECK(json.out.rfind("{\n  \"scenario\": \"seed-tradeoff\"", 0) == 0);
  }

  TEST_CASE("--out writes the report folder, and nothing is left half-written") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_cli_test_out";
    fs::remove_all(dir);
    const auto r = invoke({"compare", kSeed, "-n", "20", "--out", dir.string()});
    REQUIRE(r.code == cli::kExitOk);
    for (const char* name : {"report.md", "report.html", "replications.csv", "summary.csv", "summary.json", "task_costs.csv",
                             "cluster_costs.csv", "model_checks.csv"}) {
      CHECK(fs::exists(dir / "seed-tradeoff" / name));
    }
    for (const auto& e : fs::directory_iterator(dir / "seed-tradeoff")) CHECK(e.path().extension() != ".tmp");
    fs::remove_all(dir);
  }

  TEST_CASE("sweep: JSON on stdout and in the folder, next to the files the README lists") {
    const std::string file = ORCHSIM_SOURCE_DIR "/scenarios/pool-vs-cold.yaml";
    const auto json = invoke({"sweep", file, "-n", "3", "--format", "json"});
    REQUIRE(json.code == cli::kExitOk);
    CHECK(json.out.rfind("{\n  \"sweep\": \"pool-vs-cold\"", 0) == 0);
    CHECK(json.out.find("\"parameter\": \"cluster.startup\", \"labels\": [\"1m\", \"2m\", \"4m30s\", \"8m\", \"15m\"], "
                        "\"values\": [1, 2, 4.5, 8, 15], \"unit\": \"min\"") != std::string::npos);
    CHECK(json.out.find("\"labels\": [\"15m\", \"40m\"],") != std::string::npos);  // the last grid point
    const fs::path dir = fs::temp_directory_path() / "orchsim_cli_test_sweep";
    fs::remove_all(dir);
    REQUIRE(invoke({"sweep", file, "-n", "3", "--out", dir.string()}).code == cli::kExitOk);
    const fs::path folder = dir / "pool-vs-cold-sweep";
    for (const char* name : {"sweep.md", "sweep.html", "sweep.csv", "sweep.json", "winner_heatmap.svg",
                             "sweep_cost_usd_1.svg", "sweep_makespan_min_3.svg"}) {
      CHECK_MESSAGE(fs::exists(folder / name), name);
    }
    fs::remove_all(dir);
  }

  TEST_CASE("--version and -V print the project version from CMakeLists.txt, and --help lists them") {
    // The version as the top CMakeLists.txt states it: project(orchsim VERSION x.y.z ...).
    std::ifstream cmake(ORCHSIM_SOURCE_DIR "/CMakeLists.txt");
    std::string line, version;
    while (version.empty() && std::getline(cmake, line)) {
      const std::string marker = "project(orchsim VERSION ";
      if (line.rfind(marker, 0) == 0) version = line.substr(marker.size(), line.find(' ', marker.size()) - marker.size());
    }
    REQUIRE(!version.empty());
    for (const char* flag : {"--version", "-V"}) {
      const auto r = invoke({flag});
      CHECK(r.code == cli::kExitOk);
      CHECK(r.out == "orchsim " + version + "\n");
      CHECK(r.err.empty());
    }
    CHECK(invoke({"--help"}).out.find("-V, --version") != std::string::npos);
  }

  TEST_CASE("a WfCommons trace given to compare or sweep is bad input that points at validate") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_cli_test_trace";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string file = (dir / "trace.json").string();
    std::ofstream(file) << R"({"name": "t", "workflow": {"tasks": [{"name": "a", "runtimeInSeconds": 1}]}})";
    for (const char* command : {"compare", "sweep"}) {
      const auto r = invoke({command, file, "-n", "2"});
      CHECK(r.code == cli::kExitBadInput);
      CHECK(r.out.empty());
      CHECK(r.err.find("error: " + file + ":1:1: this is a WfCommons trace") == 0);
      CHECK(r.err.find("'orchsim validate " + file + "'") != std::string::npos);
    }
    fs::remove_all(dir);
  }

  TEST_CASE("a file that is neither a scenario nor a trace is bad input that says what was expected") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_cli_test_unknown";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string file = (dir / "package.json").string();
    std::ofstream(file) << R"({"name": "left-pad", "version": "1.3.0"})";
    const auto r = invoke({"compare", file});
    CHECK(r.code == cli::kExitBadInput);
    CHECK(r.err.find("error: " + file + ":1:1: not a file orchsim reads: expected a WfCommons trace") == 0);
    fs::remove_all(dir);
  }
}
